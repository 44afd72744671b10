// Container healthcheck for replicas started by replica.mjs: GET http://HOST:PORT/PATH on the
// port this replica claimed. Usage: node healthcheck.mjs PORT_VAR HOST_VAR PATH [BODY]
// Healthy = 200 (and, when BODY is given, exactly that body: Soketi's /ready still answers 200
// with an error body while it shuts down).
import { readFileSync } from "node:fs";

const [portVar, hostVar, path, body] = process.argv.slice(2);
let port = process.env[portVar];
try {
  port = readFileSync(`/tmp/replica-${portVar}`, "utf8").trim();
} catch {
  // started without the wrapper: the configured port
}
const configured = process.env[hostVar];
const host = !configured || configured === "0.0.0.0" ? "127.0.0.1" : configured;
try {
  const res = await fetch(`http://${host}:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  const text = await res.text();
  process.exit(res.status === 200 && (body === undefined || text === body) ? 0 : 1);
} catch {
  process.exit(1);
}
