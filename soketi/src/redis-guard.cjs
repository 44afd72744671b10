// Preloaded into the Soketi child (node --require). Soketi 1.6.1 does not catch the promise of
// its Redis adapter's PUBLISH: while Redis is down, ioredis rejects it (MaxRetriesPerRequestError
// after 2 retries), the rejection is unhandled, and Soketi's uncaughtException handler starts a
// shutdown that never finishes (it waits for Redis), closing every client with 4200 and
// refusing new ones. Measured: one trigger during a Redis outage took the node out for good.
// Here such Redis errors are logged (once per second at most) instead: the node keeps serving
// its own clients and the adapter reconnects by itself when Redis returns. Any other unhandled
// rejection keeps Node's default (it becomes an uncaught exception).
"use strict";

const REDIS_ERRORS =
  /MaxRetriesPerRequestError|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Stream isn't writeable/;
let lastLog = 0;
let suppressed = 0;

process.on("unhandledRejection", (reason) => {
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  if (!REDIS_ERRORS.test(text)) throw reason;
  const now = Date.now();
  if (now - lastLog < 1000) {
    suppressed += 1;
    return;
  }
  lastLog = now;
  const more = suppressed > 0 ? ` (${suppressed} more since the last report)` : "";
  suppressed = 0;
  console.warn(`[redis] a cross-node publish failed, Redis is unreachable: ${text}${more}`);
});
