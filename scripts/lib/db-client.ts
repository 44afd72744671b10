// A Prisma client for scripts and tests (the web app builds its own in web/server/).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../web/server/generated/prisma/client.ts";

export type { PrismaClient };

/** Prisma client over the stock `PrismaPg` adapter, as the web app uses at runtime. Call `$disconnect()` when done. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
