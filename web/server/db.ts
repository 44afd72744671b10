import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { getServerEnv } from "@/env";

// One client per server process; kept on globalThis so dev hot reloads don't open new pools.
const globalForDb = globalThis as unknown as { livecampusDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: getServerEnv().DATABASE_URL, max: 10 });
  return new PrismaClient({ adapter });
}

/** The shared Prisma client (created lazily so builds never need a database). */
export function getDb(): PrismaClient {
  globalForDb.livecampusDb ??= createClient();
  return globalForDb.livecampusDb;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
