import "server-only";
import { z } from "zod";
import {
  channelAuthBatchBody,
  channelAuthBody,
  credentialsBody,
  userAuthBody,
} from "@/lib/validation";
import { anyone, type Body, defineOperations, type OperationEntry } from "./operation";
import * as r from "./responses";

// Routes whose shape a library fixes: Auth.js's standard routes (web/app/api/auth/[...nextauth])
// and the Pusher protocol's auth and webhook endpoints, as pusher-js and Soketi call them.

const csrfToken = z.string().meta({ description: "From GET /api/auth/csrf" });
const callbackUrl = z.string().optional().meta({ description: "Where to go afterwards" });
const authForm = (schema: z.ZodType): Body => ({ schema, as: ["form"], errors: [] });

// Auth.js answers these itself: the app's 64 KB body check does not run first.
const byAuthJs = (table: Record<string, OperationEntry>) =>
  Object.fromEntries(
    Object.entries(table).map(([key, entry]) => [key, { ...entry, handledBy: "authjs" as const }]),
  );

const authOperations = byAuthJs({
  "GET /api/auth/csrf": {
    summary: "A CSRF token for the sign-in and sign-out forms",
    access: anyone,
    description: "Also sets the matching `authjs.csrf-token` cookie; send both back.",
    ok: [200, "The token", r.csrfResponse],
  },
  "GET /api/auth/providers": {
    summary: "The sign-in providers (only `credentials`)",
    access: anyone,
    ok: [200, "Provider id → {id, name, type, signinUrl, callbackUrl}"],
  },
  "POST /api/auth/callback/credentials": {
    summary: "Sign in with email and password",
    access: anyone,
    description:
      "On success sets the `authjs.session-token` cookie (`__Secure-` prefixed over HTTPS). " +
      "A refused sign-in redirects to `/sign-in?error=…` and sets no cookie; without a valid " +
      "CSRF token nothing is signed in.",
    body: authForm(credentialsBody.extend({ csrfToken, callbackUrl })),
    ok: [302, "Signed in, or sent back to the sign-in page"],
  },
  "GET /api/auth/session": {
    summary: "The current session, or null",
    access: anyone,
    ok: [200, "The session", r.authSessionResponse],
  },
  "POST /api/auth/session": {
    summary: "Refreshes the session cookie",
    access: { who: "signed in", auth: "session", errors: [] },
    body: authForm(z.object({ csrfToken })),
    ok: [200, "The session", r.authSessionResponse],
  },
  "GET /api/auth/signin": {
    summary: "Sends the browser to the app's sign-in page",
    access: anyone,
    ok: [302, "To `/sign-in`"],
  },
  "GET /api/auth/signout": {
    summary: "Auth.js's sign-out confirmation page",
    access: anyone,
    ok: [200, "A page with a sign-out form", "html"],
  },
  "POST /api/auth/signout": {
    summary: "Sign out: clears the session cookie",
    access: anyone,
    body: authForm(z.object({ csrfToken, callbackUrl })),
    ok: [302, "Signed out"],
  },
  "GET /api/auth/error": {
    summary: "Sends an Auth.js error to the sign-in page",
    access: anyone,
    ok: [302, "To `/sign-in?error=…`"],
  },
});

/** pusher-js posts a form (JSON is accepted too); a missing or malformed field is a 400. */
const pusherForm = (schema: z.ZodType): Body => ({ schema, as: ["form", "json"], errors: [400] });

const realtimeOperations = {
  "POST /api/pusher/auth": {
    summary: "Signs a subscription the channel catalog allows",
    // No session is a 403 too: pusher-js shows any refusal the same way.
    access: {
      who: "signed in, for the channels docs/realtime.md lists",
      auth: "session",
      errors: [403],
    },
    description:
      "Presence `channel_data` comes from the session, never from the request. A channel the " +
      "caller may not join, a malformed id, an unknown course or no session is a 403; never a 5xx.",
    body: pusherForm(channelAuthBody),
    ok: [200, "The signature", r.channelAuthResponse],
  },
  "POST /api/pusher/auth/batch": {
    summary: "Signs several subscriptions of one socket in one request",
    access: { who: "signed in", auth: "session", errors: [401] },
    description:
      "Each channel is judged exactly like `POST /api/pusher/auth` and answered under its name " +
      "with that endpoint's status (200 with the signature, or 400/403 with an error). No " +
      "session is a 401 for the whole request (`unauthenticated`); never a 5xx.",
    body: { schema: channelAuthBatchBody, as: ["json"], errors: [400] },
    ok: [200, "One answer per channel", r.channelAuthBatchResponse],
  },
  "POST /api/pusher/user-auth": {
    summary: "Signs `pusher:signin` for the session user",
    access: { who: "signed in", auth: "session", errors: [403] },
    description: "Lets the server reach or disconnect that user's connections.",
    body: pusherForm(userAuthBody),
    ok: [200, "The signature", r.userAuthResponse],
  },
  "POST /api/pusher/webhooks": {
    summary: "Soketi's channel and presence webhooks",
    access: {
      who: "Soketi, signing with the app secret",
      auth: "webhook-signature",
      errors: [401],
    },
    description: "A bad or missing `X-Pusher-Signature` is a 401; a body without events a 400.",
    body: {
      // Read by the pusher SDK after the signature check, not by zod: this only describes it.
      schema: z.object({
        time_ms: z.number(),
        events: z.array(z.looseObject({ name: z.string(), channel: z.string() })),
      }),
      as: ["json"],
      errors: [400],
    },
    ok: [200, "Handled", r.webhookResponse],
  },
} satisfies Record<string, OperationEntry>;

export const protocolOperations = defineOperations({ ...authOperations, ...realtimeOperations });
