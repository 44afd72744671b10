import type { Role } from "@/lib/domain";

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; role: Role };
  }
}
