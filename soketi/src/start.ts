// Entry of the Soketi image (soketi/Dockerfile) and of `pnpm --filter @livecampus/soketi start`:
// the repo's configuration (config.ts) applied to this process's environment, which refuses
// the development credentials under NODE_ENV=production, then Soketi itself. As one replica of
// several sharing a host (scripts/compose/replica.mjs sets REPLICA_INDEX) it takes the metrics
// and discovery ports of its slot too, so no two replicas collide.
import {
  buildSoketiEnv,
  DEFAULT_CLUSTER_PORT,
  DEFAULT_METRICS_PORT,
  SoketiConfigError,
} from "./config.ts";
import { soketiChildEnv, soketiVersion, spawnSoketi } from "./spawn.ts";

const index = Number(process.env.REPLICA_INDEX ?? "0");
const input: Record<string, string | undefined> = { ...process.env };
// PORT from the replica wrapper wins over the configured base port.
if (process.env.SOKETI_PORT) input.PUSHER_PORT = process.env.SOKETI_PORT;
delete input.SOKETI_PORT;
const metricsBase = Number(process.env.SOKETI_METRICS_PORT ?? DEFAULT_METRICS_PORT);
const clusterBase = Number(process.env.SOKETI_CLUSTER_PORT ?? DEFAULT_CLUSTER_PORT);
input.SOKETI_METRICS_PORT = String(metricsBase + index);
input.SOKETI_CLUSTER_PORT = String(clusterBase + index);

let env: Record<string, string>;
try {
  env = buildSoketiEnv(input);
} catch (error) {
  if (error instanceof SoketiConfigError) {
    console.error(`soketi │ refusing to start. ${error.message}`);
    process.exit(78); // EX_CONFIG: a restart policy will not fix it
  }
  throw error;
}

// The effective node-discovery settings, so operators (and the compose test) can check that
// nothing is broadcast: hellos go only to the unicast list, on this replica's own UDP port.
console.log(
  `soketi │ Soketi ${soketiVersion()} on Node ${process.versions.node}: port ${env.SOKETI_PORT}, metrics ${env.SOKETI_METRICS_SERVER_PORT}, node discovery unicast=${env.SOKETI_CLUSTER_UNICAST_ADDRESSES} port=${env.SOKETI_CLUSTER_PORT} bind=127.0.0.1, adapter ${env.SOKETI_ADAPTER_DRIVER ?? "local"}`,
);

const child = spawnSoketi({ env: soketiChildEnv(env) });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" ? 0 : 1)));
