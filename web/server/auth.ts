import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getServerEnv } from "@/env";
import { verifyCredentials } from "@/server/services/users";
import type { Role, UserIdentity } from "@/lib/domain";
import { credentialsBody } from "@/lib/validation";

class InvalidCredentials extends CredentialsSignin {
  code = "credentials";
}

// Lazy config: env is read per request, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getServerEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: env.AUTH_TRUST_HOST,
    session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(input) {
          const parsed = credentialsBody.safeParse(input);
          if (!parsed.success) throw new InvalidCredentials();
          const user = await verifyCredentials(parsed.data.email, parsed.data.password);
          if (!user) throw new InvalidCredentials();
          return user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.id = user.id as string;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        // The JWT type lives in @auth/core, which pnpm does not expose to augment; the jwt
        // callback above is the only writer of these claims.
        session.user.id = token.id as string;
        session.user.role = token.role as Role;
        return session;
      },
    },
  };
});

/** The signed-in user: who they are, plus the e-mail they signed in with. */
export type SessionUser = UserIdentity & { email: string };

/** The signed-in user from the session cookie, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, name: user.name ?? "", email: user.email ?? "", role: user.role };
}
