// Container entrypoint wrapper for scaled services that share one network namespace (host
// networking: every replica sees the same ports). Usage:
//   node replica.mjs PORT_VAR HOST_VAR -- command args…
// Takes the first port of [$PORT_VAR, $PORT_VAR + $REPLICA_PORTS) that no other replica holds
// and nothing listens on, exports it as $PORT_VAR and its offset as $REPLICA_INDEX, runs the
// command, forwards SIGTERM/SIGINT and exits with its status. The claim is an abstract Unix
// socket (per network namespace, gone with the process, so a killed replica frees its port at
// once). With its own network namespace each replica simply gets the first port.
// Plain ESM with no dependencies: it runs in every image before anything else is set up.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";

const listen = (server, ...args) =>
  new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(...args, () => resolve(true));
  });

async function tcpFree(host, port) {
  const probe = net.createServer();
  const ok = await listen(probe, { host, port, exclusive: true });
  if (ok) await new Promise((r) => probe.close(r));
  return ok;
}

/** Claims the first free port of the range; resolves {port, index, claim}. */
export async function claimReplicaPort({ name, host, base, count }) {
  for (let index = 0; index < count; index++) {
    const port = base + index;
    const claim = net.createServer();
    if (!(await listen(claim, `\0livecampus-replica-${name}-${port}`))) continue;
    if (await tcpFree(host, port)) return { port, index, claim };
    await new Promise((r) => claim.close(r));
  }
  throw new Error(
    `no free port for ${name} in ${base}-${base + count - 1} (REPLICA_PORTS=${count}); raise REPLICA_PORTS or scale down`,
  );
}

const [portVar, hostVar, dashes, command, ...args] = process.argv.slice(2);
if (!portVar || !hostVar || dashes !== "--" || !command) {
  console.error("usage: node replica.mjs PORT_VAR HOST_VAR -- command [args…]");
  process.exit(2);
}
const base = Number(process.env[portVar]);
const count = Number(process.env.REPLICA_PORTS || "1");
if (!Number.isInteger(base) || base < 1 || base > 65535)
  throw new Error(`${portVar} must be a port, got "${process.env[portVar]}"`);
if (!Number.isInteger(count) || count < 1 || count > 64)
  throw new Error(`REPLICA_PORTS must be 1-64, got "${process.env.REPLICA_PORTS}"`);
const host = process.env[hostVar] || "0.0.0.0";
const { port, index, claim } = await claimReplicaPort({ name: portVar, host, base, count });
claim.unref();
// For the healthcheck (scripts/compose/healthcheck.mjs): /tmp is the container's own.
writeFileSync(`/tmp/replica-${portVar}`, String(port));
console.log(`replica │ ${portVar}=${port} (replica slot ${index} of ${base}-${base + count - 1})`);

const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, [portVar]: String(port), REPLICA_INDEX: String(index) },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" ? 0 : 1)));
