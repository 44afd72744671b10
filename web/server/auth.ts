import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getServerEnv } from "@/env";
import { getUserState } from "@/server/revocation";
import { verifyCredentials } from "@/server/services/users";
import { clientAddress } from "@/server/client-address";
import { countAuthDecision } from "@/server/metrics";
import {
  enforceUserLimit,
  recordSignInFailure,
  signInKeys,
  signInRetryAfter,
} from "@/server/rate-limit";
import { currentRequest } from "@/server/request-context";
import { readSessionClaims } from "@/server/session-token";
import type { Role, UserIdentity } from "@/lib/domain";
import { credentialsBody } from "@/lib/validation";
import { isLocale, type Locale } from "@/i18n/locales";

class InvalidCredentials extends CredentialsSignin {
  code = "credentials";
}

/** Too many failed sign-ins for the account or the address (contract §10). */
class ThrottledSignIn extends CredentialsSignin {
  code = "rate_limited";
}

/** The throttling keys of a sign-in attempt made with `email` from `request`. */
export function signInKeysFor(email: string, request: Request | undefined): string[] {
  const address = request ? clientAddress(request.headers, getServerEnv().TRUST_PROXY) : null;
  return signInKeys(email, address);
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The per-user limit of the current API request (once per request), if it has one. */
function applyUserLimit(userId: string): void {
  const request = currentRequest();
  if (!request || request.userLimited) return;
  const kind = request.path.startsWith("/api/pusher/")
    ? "realtime"
    : MUTATING.has(request.method)
      ? "write"
      : undefined;
  if (!kind) return;
  request.userLimited = true;
  enforceUserLimit(kind, userId);
}

/**
 * Signs "this session may carry session version N" for a user. Only the server can make one, so
 * a client calling Auth.js's session update itself cannot revive a revoked session.
 */
function grantSignature(secret: string, userId: string, version: number): string {
  return createHmac("sha256", secret).update(`session-grant:${userId}:${version}`).digest("hex");
}

type SessionGrant = { version: number; signature: string };

function isValidGrant(secret: string, userId: unknown, grant: unknown): grant is SessionGrant {
  if (typeof userId !== "string" || typeof grant !== "object" || grant === null) return false;
  const { version, signature } = grant as Partial<SessionGrant>;
  if (!Number.isInteger(version) || typeof signature !== "string") return false;
  const expected = Buffer.from(grantSignature(secret, userId, version!));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// Lazy config: env is read per request, never at build time.
export const { handlers, signIn, signOut, unstable_update } = NextAuth(() => {
  const env = getServerEnv();
  const secret = env.AUTH_SECRET;
  return {
    secret,
    trustHost: env.AUTH_TRUST_HOST,
    session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(input, request) {
          const parsed = credentialsBody.safeParse(input);
          if (!parsed.success) throw new InvalidCredentials();
          const keys = signInKeysFor(parsed.data.email, request);
          // Refused while throttled even with the right password: guessing must stay slow.
          if ((await signInRetryAfter(keys)) > 0) {
            countAuthDecision("signin", "throttled");
            throw new ThrottledSignIn();
          }
          const user = await verifyCredentials(parsed.data.email, parsed.data.password);
          if (!user) {
            await recordSignInFailure(keys);
            countAuthDecision("signin", "failed");
            throw new InvalidCredentials();
          }
          countAuthDecision("signin", "ok");
          return user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user, trigger, session }) {
        if (user) {
          token.id = user.id as string;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        // Re-issued by the server after a password change (reissueSession): the current
        // session moves to the new version while every other one is ended.
        const grant = (session as { sessionGrant?: unknown } | undefined)?.sessionGrant;
        if (trigger === "update" && isValidGrant(secret, token.id, grant)) {
          token.sv = grant.version;
        }
        return token;
      },
      session({ session, token }) {
        // The JWT type lives in @auth/core, which pnpm does not expose to augment; the jwt
        // callback above is the only writer of these claims.
        session.user.id = token.id as string;
        session.user.role = token.role as Role;
        session.user.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
        return session;
      },
    },
  };
});

/** The signed-in user: who they are, plus the e-mail they signed in with. */
export type SessionUser = UserIdentity & {
  email: string;
  /** The user's own language setting (null: the browser's). */
  locale: Locale | null;
};

/**
 * The signed-in user from the session cookie, or null. The token only says who it is: the
 * user's CURRENT state decides (docs/api.md, "Revocation"). A deactivated user, or a
 * token older than the user's session version (password changed elsewhere), is signed out; the
 * role is the current one.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  // What auth() would return as session.user (id, role, sessionVersion), at a fraction of its
  // cost (./session-token).
  const claims = await readSessionClaims(getServerEnv);
  if (!claims) return null;
  const state = await getUserState(claims.id);
  if (!state?.active || state.sessionVersion !== claims.sessionVersion) return null;
  applyUserLimit(state.id);
  return {
    id: state.id,
    name: state.name,
    email: state.email,
    role: state.role,
    locale: isLocale(state.locale) ? state.locale : null,
  };
}

/** Moves the caller's own session cookie to `version` (after their password change). */
export async function reissueSession(userId: string, version: number): Promise<void> {
  const secret = getServerEnv().AUTH_SECRET;
  await unstable_update({
    sessionGrant: { version, signature: grantSignature(secret, userId, version) },
  } as Parameters<typeof unstable_update>[0]);
}
