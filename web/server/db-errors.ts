import "server-only";

// Prisma's codes for "the database cannot be reached or did not answer in time".
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// PostgreSQL's: connection exceptions, statement timeout / cancel, shutting down, too many clients.
const PG_UNAVAILABLE = /^(08|57P0[1-3]|57014|53300)/;
// Node's socket errors on the way to it.
const NET_UNAVAILABLE =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;
const MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Query read timeout|timeout exceeded when trying to connect|Connection terminated|connection timeout|Can't reach database|Transaction API error|Unable to start a transaction|transaction already closed|Client has encountered a connection error|canceling statement due to statement timeout|the database system is (starting up|shutting down)|terminating connection/i;

/**
 * Whether an error means PostgreSQL is down, refusing or hung (answered 503 `unavailable`),
 * as opposed to a bug. Walks the `cause` chain: Prisma's driver adapter wraps pg's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    if (
      typeof e.code === "string" &&
      (PRISMA_UNAVAILABLE.has(e.code) ||
        PG_UNAVAILABLE.test(e.code) ||
        NET_UNAVAILABLE.test(e.code))
    )
      return true;
    if (
      typeof e.kind === "string" &&
      /^(DatabaseNotReachable|SocketTimeout|ConnectionClosed|TransactionAlreadyClosed)$/.test(
        e.kind,
      )
    )
      return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}
