// Test support for tests/scale: a real redis-server and several Soketi nodes on it (each with
// its own ports and discovery port, all on loopback), and a small TCP balancer in front of
// them, standing in for the compose proxy: a connection goes to the next live node.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { exited } from "../../scripts/lib/children";
import { getFreePort } from "../../scripts/lib/ports";
import { startSoketi, type SoketiHandle } from "../../scripts/lib/soketi";
import { findSystemTool } from "../../scripts/lib/system-tools";

export const redisServer = findSystemTool(["redis-server"]);
if (!redisServer) {
  const message =
    "redis-server is not installed: the three-node Soketi tests need it (apt-get install redis-server)";
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n⚠️  SKIPPING three-node Soketi tests: ${message}\n`);
}

export const credentials = {
  appId: "scale-test",
  key: "scale-test-key",
  secret: "scale-test-secret-0123456789",
};

export type Redis = { url: string; port: number; stop(): Promise<void>; start(): Promise<void> };

/** A redis-server on a free loopback port that can be stopped and started again on that port. */
export async function startRedis(): Promise<Redis> {
  const port = await getFreePort();
  let child: ChildProcess | undefined;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
      socket.once("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
    });
  const redis: Redis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        redisServer!,
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: "ignore" },
      );
      for (let i = 0; i < 100 && !(await ping()); i++) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      if (!child) return;
      child.kill("SIGKILL");
      await exited(child);
      child = undefined;
    },
  };
  await redis.start();
  return redis;
}

/** `count` Soketi nodes on one Redis, started in parallel. */
export async function startNodes(redisUrl: string, count: number): Promise<SoketiHandle[]> {
  return Promise.all(
    Array.from({ length: count }, async () =>
      startSoketi({
        port: await getFreePort(),
        metricsPort: await getFreePort(),
        redisUrl,
        quiet: true,
        ...credentials,
      }),
    ),
  );
}

export type Balancer = { port: number; stop(): Promise<void> };

/** Round-robin TCP relay on a free loopback port; a node that refuses is skipped. */
export async function startBalancer(targets: number[]): Promise<Balancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once("close", () => sockets.delete(client));
    const tryTarget = (attempt: number) => {
      if (attempt >= targets.length) return client.destroy();
      const port = targets[next++ % targets.length]!;
      const upstream = net.connect({ host: "127.0.0.1", port });
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", close).on("close", close);
        upstream.on("error", close).on("close", close);
      });
      upstream.once("error", () => {
        if (!connected) tryTarget(attempt + 1);
      });
    };
    client.pause();
    tryTarget(0);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** p50 / p99 / max of a list of milliseconds. */
export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}
