import type { Role } from "@/lib/domain";

declare module "next-auth" {
  interface User {
    role: Role;
    /** The user's session version when signing in (web/server/auth.ts). */
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: string;
      name?: string | null;
      email?: string | null;
      role: Role;
      sessionVersion?: number;
    };
  }
}
