import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/server/generated/prisma/client";
import { getServerEnv } from "@/env";

// One client per server process; kept on globalThis so dev hot reloads don't open new pools.
const globalForDb = globalThis as unknown as {
  livecampusDb?: { client: PrismaClient; pool: pg.Pool };
};

function createClient(): { client: PrismaClient; pool: pg.Pool } {
  const env = getServerEnv();
  const queryMs = env.DATABASE_QUERY_TIMEOUT_MS;
  // Every wait on PostgreSQL is bounded so a hung or refusing server turns into a fast 503
  // (contract §10) instead of a hang: getting a connection (pool slot or a new one), each query
  // on the client side, and the same bound on the server (which also frees the work a client
  // gave up on). A query that times out destroys its connection, so the pool heals by itself.
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    query_timeout: queryMs,
    statement_timeout: queryMs,
    idle_in_transaction_session_timeout: 10_000,
    keepAlive: true,
  });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: env.DATABASE_CONNECT_TIMEOUT_MS, timeout: 10_000 },
  });
  return { client, pool };
}

/** The process's client and pool, created on first use (so builds never need a database). */
function handles(): { client: PrismaClient; pool: pg.Pool } {
  globalForDb.livecampusDb ??= createClient();
  return globalForDb.livecampusDb;
}

/** The shared Prisma client. */
export function getDb(): PrismaClient {
  return handles().client;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * How sqlRows reads columns, as Prisma's raw queries do: bigint as BigInt, a `timestamp`
 * (without time zone, which the schema's DateTime columns are) as UTC whatever the process's TZ.
 */
const RAW_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
    if (oid === pg.types.builtins.TIMESTAMP)
      return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Runs one raw statement on the Prisma client's own connection pool, without Prisma: for the
 * app's busiest statement (an announcement and its outbox rows, server/outbox.ts), where
 * Prisma's per-query work (compiling the raw query, its tracing) was a tenth of the web
 * server's CPU per request (docs/benchmarks.md, B1). Same pool, same timeouts, same errors
 * (server/db-errors.ts reads pg's).
 */
export async function sqlRows<T>(query: Prisma.Sql): Promise<T[]> {
  const result = await handles().pool.query<T & pg.QueryResultRow>({
    text: query.text,
    values: query.values,
    types: RAW_TYPES,
  });
  return result.rows;
}
