import "server-only";
import { z } from "zod";
import { channelAuthBody, credentialsBody, userAuthBody } from "@/lib/validation";
import * as r from "./responses";
import { type ApiOperation } from "./types";

// Routes whose shape a library fixes: Auth.js's standard routes (web/app/api/auth/[...nextauth])
// and the Pusher protocol's auth and webhook endpoints, as pusher-js and Soketi call them.

const csrfToken = z.string().meta({ description: "From GET /api/auth/csrf" });
const callbackUrl = z.string().optional().meta({ description: "Where to go afterwards" });

const signedOutBody = z.object({ csrfToken, callbackUrl });

const form = ["form"] as ("json" | "form")[];

// Auth.js answers these itself: the app's 64 KB body check does not run first.
const byAuthJs = (operations: ApiOperation[]) =>
  operations.map((operation) => ({ ...operation, handledBy: "authjs" as const }));

const authOperations = byAuthJs([
  {
    method: "get",
    path: "/api/auth/csrf",
    summary: "A CSRF token for the sign-in and sign-out forms",
    who: "anyone",
    auth: "none",
    description: "Also sets the matching `authjs.csrf-token` cookie; send both back.",
    success: { status: 200, description: "The token", schema: r.csrfResponse },
  },
  {
    method: "get",
    path: "/api/auth/providers",
    summary: "The sign-in providers (only `credentials`)",
    who: "anyone",
    auth: "none",
    success: { status: 200, description: "Provider id → {id, name, type, signinUrl, callbackUrl}" },
  },
  {
    method: "post",
    path: "/api/auth/callback/credentials",
    summary: "Sign in with email and password",
    who: "anyone",
    auth: "none",
    description:
      "On success sets the `authjs.session-token` cookie (`__Secure-` prefixed over HTTPS). " +
      "A refused sign-in redirects to `/sign-in?error=…` and sets no cookie; without a valid " +
      "CSRF token nothing is signed in.",
    body: { schema: credentialsBody.extend({ csrfToken, callbackUrl }), as: form },
    success: {
      status: 302,
      description: "Signed in, or sent back to the sign-in page",
      kind: "redirect",
    },
  },
  {
    method: "get",
    path: "/api/auth/session",
    summary: "The current session, or null",
    who: "anyone",
    auth: "none",
    success: { status: 200, description: "The session", schema: r.authSessionResponse },
  },
  {
    method: "post",
    path: "/api/auth/session",
    summary: "Refreshes the session cookie",
    who: "signed in",
    auth: "session",
    body: { schema: z.object({ csrfToken }), as: form },
    success: { status: 200, description: "The session", schema: r.authSessionResponse },
  },
  {
    method: "get",
    path: "/api/auth/signin",
    summary: "Sends the browser to the app's sign-in page",
    who: "anyone",
    auth: "none",
    success: { status: 302, description: "To `/sign-in`", kind: "redirect" },
  },
  {
    method: "get",
    path: "/api/auth/signout",
    summary: "Auth.js's sign-out confirmation page",
    who: "anyone",
    auth: "none",
    success: { status: 200, description: "A page with a sign-out form", kind: "html" },
  },
  {
    method: "post",
    path: "/api/auth/signout",
    summary: "Sign out: clears the session cookie",
    who: "anyone",
    auth: "none",
    body: { schema: signedOutBody, as: form },
    success: { status: 302, description: "Signed out", kind: "redirect" },
  },
  {
    method: "get",
    path: "/api/auth/error",
    summary: "Sends an Auth.js error to the sign-in page",
    who: "anyone",
    auth: "none",
    success: { status: 302, description: "To `/sign-in?error=…`", kind: "redirect" },
  },
]);

const pusherBody = ["form", "json"] as ("json" | "form")[];

const realtimeOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/pusher/auth",
    summary: "Signs a private or presence subscription the channel catalog allows",
    who: "signed in, for the channels docs/realtime.md lists for them",
    auth: "session",
    description:
      "Form-encoded as pusher-js sends it (JSON is accepted too). Presence `channel_data` " +
      "comes from the session, never from the request. Every channel the caller may not " +
      "join, a malformed id, an unknown course or no session is a 403; never a 5xx.",
    body: { schema: channelAuthBody, as: pusherBody },
    success: { status: 200, description: "The signature", schema: r.channelAuthResponse },
    errors: [400, 403],
  },
  {
    method: "post",
    path: "/api/pusher/user-auth",
    summary: "Signs `pusher:signin` for the session user",
    who: "signed in",
    auth: "session",
    description: "Lets the server reach or disconnect that user's connections.",
    body: { schema: userAuthBody, as: pusherBody },
    success: { status: 200, description: "The signature", schema: r.userAuthResponse },
    errors: [400, 403],
  },
  {
    method: "post",
    path: "/api/pusher/webhooks",
    summary: "Soketi's channel and presence webhooks",
    who: "Soketi, signed with the app secret",
    auth: "webhook-signature",
    description: "A bad or missing `X-Pusher-Signature` is a 401.",
    body: {
      schema: z.object({
        time_ms: z.number(),
        events: z.array(z.looseObject({ name: z.string(), channel: z.string() })),
      }),
      as: ["json"],
    },
    success: { status: 200, description: "Handled", schema: r.webhookResponse },
    errors: [400, 401],
  },
];

export const protocolOperations = [...authOperations, ...realtimeOperations];
