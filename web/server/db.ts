import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { getServerEnv } from "@/env";

// One client per server process; kept on globalThis so dev hot reloads don't open new pools.
const globalForDb = globalThis as unknown as { livecampusDb?: PrismaClient };

function createClient(): PrismaClient {
  const env = getServerEnv();
  const queryMs = env.DATABASE_QUERY_TIMEOUT_MS;
  // Every wait on PostgreSQL is bounded so a hung or refusing server turns into a fast 503
  // (contract §10) instead of a hang: getting a connection (pool slot or a new one), each query
  // on the client side, and the same bound on the server (which also frees the work a client
  // gave up on). A query that times out destroys its connection, so the pool heals by itself.
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    query_timeout: queryMs,
    statement_timeout: queryMs,
    idle_in_transaction_session_timeout: 10_000,
    keepAlive: true,
  });
  return new PrismaClient({
    adapter,
    transactionOptions: { maxWait: env.DATABASE_CONNECT_TIMEOUT_MS, timeout: 10_000 },
  });
}

/** The shared Prisma client (created lazily so builds never need a database). */
export function getDb(): PrismaClient {
  globalForDb.livecampusDb ??= createClient();
  return globalForDb.livecampusDb;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
