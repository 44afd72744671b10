// The fault scenarios and what is checked after each: every client has every event produced for
// it exactly once and in order, how fast clients were back once the fault ended, and what that
// cost (connection attempts, auth requests). Correctness is asserted (a failure fails the suite);
// speed figures are printed against their targets but never fail it: timings on a shared or
// noisy machine are measurements, and `pnpm bench` is where targets are held.
import type { PrismaClient } from "../../scripts/lib/db-client.ts";
import { type Fleet, type Producer, unsentEvents } from "./fleet.ts";
import type { ClientReport } from "./protocol.ts";
import type { TcpProxy } from "./tcp-proxy.ts";

export type FaultStack = {
  db: PrismaClient;
  fleet: Fleet;
  producer: Producer;
  proxy: TcpProxy;
  killSoketi(): Promise<void>;
  startSoketi(): Promise<void>;
  clientCount: number;
};

/** `correctness` fails the suite; `target` is a measured figure against its goal, reported only. */
export type Check = { name: string; ok: boolean; detail: string; kind: "correctness" | "target" };

export type ScenarioResult = {
  name: string;
  recoveredMs: { p50: number; p95: number; max: number };
  /** Of that: waiting for the backoff (the connecting attempt's start after the recovery). */
  waitedMs: { p50: number; p95: number };
  /** Until every client was subscribed to both channels again. */
  allSubscribedMs: number;
  attempts: { mean: number; max: number };
  sockets: { max: number; proxyAccepted: number };
  authRequests: { mean: number; max: number };
  lost: number;
  duplicates: number;
  outOfOrder: number;
  resyncs: number;
  checks: Check[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => console.log(`  · ${message}`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) {
      log(`gave up waiting for ${what} after ${timeoutMs} ms`);
      return null;
    }
    await sleep(250);
  }
}

/** Resolves once every client is connected and subscribed to both channels. */
export async function waitAllReady(stack: FaultStack, timeoutMs: number) {
  let lastLog = Date.now();
  let last: ClientReport[] = [];
  const ready = await waitFor(
    "every client to be connected and subscribed",
    timeoutMs,
    async () => {
      const { clients } = await stack.fleet.report();
      last = clients;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(describe(clients));
      }
      return clients.length === stack.clientCount && clients.every((c) => c.ready) ? clients : null;
    },
  );
  if (!ready) log(describe(last));
  return ready;
}

function describe(clients: ClientReport[]): string {
  const states = new Map<string, number>();
  for (const c of clients) {
    const key = `${c.state}/${c.subscribed}`;
    states.set(key, (states.get(key) ?? 0) + 1);
  }
  const errors = clients.flatMap((c) => c.errors).slice(0, 3);
  return `${clients.filter((c) => c.ready).length}/${clients.length} ready; state/subscribed: ${[...states].map(([k, n]) => `${k}×${n}`).join(" ")}${errors.length ? `; errors: ${errors.join(" | ")}` : ""}`;
}

/** Events each client should have had and did not (and duplicates, out of order, wrong counts). */
export function lostAndExtra(stack: Pick<FaultStack, "producer">, clients: ClientReport[]) {
  let lost = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let wrong = 0;
  for (const client of clients) {
    const producedUser = stack.producer.producedFor(client.userId);
    const producedAll = stack.producer.announcements;
    lost += Math.max(0, producedUser - client.user.count + client.user.duplicates);
    lost += Math.max(0, producedAll - client.announcements.count + client.announcements.duplicates);
    duplicates += client.user.duplicates + client.announcements.duplicates;
    outOfOrder += client.user.outOfOrder + client.announcements.outOfOrder;
    if (
      client.user.count !== producedUser ||
      client.user.max !== producedUser ||
      client.announcements.count !== producedAll ||
      client.announcements.max !== producedAll
    )
      wrong += 1;
  }
  return { lost, duplicates, outOfOrder, wrong };
}

/**
 * Runs one fault: steady traffic, `fault()` (resolves when the fault is over and the service
 * is back), recovery, more traffic, then the drain and the checks.
 */
export async function runScenario(
  stack: FaultStack,
  name: string,
  fault: () => Promise<void>,
  targets: { reconnect: boolean; maxAttempts?: number },
): Promise<ScenarioResult> {
  console.log(`\n▶ Scenario ${name}`);
  const before = new Map((await stack.fleet.report()).clients.map((c) => [c.userId, c]));
  const acceptedBefore = stack.proxy.accepted();
  stack.producer.start();
  await sleep(5000);

  await fault();
  const backAt = Date.now();
  log("fault over; waiting for every client to be back");
  const back = await waitAllReady(stack, 90_000);
  const allSubscribedMs = Date.now() - backAt;
  log(`all connected and subscribed again after ${allSubscribedMs} ms`);
  await sleep(3000);
  await stack.producer.stop();

  await waitFor("the outbox to publish everything", 90_000, async () =>
    (await unsentEvents(stack.db)) === 0 ? true : null,
  );
  // Then every client should catch up: live, or from the replay of its last re-subscription.
  const settled = await waitFor("every client to have every event", 30_000, async () => {
    const { clients } = await stack.fleet.report();
    return lostAndExtra(stack, clients).wrong === 0 ? clients : null;
  });
  const { clients, unattributed } = await stack.fleet.report();
  const final = settled ?? clients;

  const recovered = final
    .map((c) => (c.lastConnectedAt >= backAt ? c.lastConnectedAt - backAt : 0))
    .sort((a, b) => a - b);
  const waited = final.map((c) => Math.max(0, c.lastAttemptAt - backAt)).sort((a, b) => a - b);
  // Where the time went, client by client: the hint, the attempt, the WebSocket handshake, and
  // Pusher's connection_established.
  const since = (key: "lastHintAt" | "lastOpenAt") =>
    final.map((c) => (c[key] >= backAt ? c[key] - backAt : 0)).sort((a, b) => a - b);
  const phases = [
    ["hint", since("lastHintAt")],
    ["attempt", waited],
    ["socket open", since("lastOpenAt")],
    ["connected", recovered],
  ] as const;
  log(
    `after recovery, p50 / p95: ${phases.map(([phase, xs]) => `${phase} ${percentile(xs, 50)} / ${percentile(xs, 95)} ms`).join("; ")}`,
  );
  const delta = (c: ClientReport, key: "attempts" | "sockets" | "authRequests") =>
    c[key] - (before.get(c.userId)?.[key] ?? 0);
  const attempts = final.map((c) => delta(c, "attempts"));
  const sockets = final.map((c) => delta(c, "sockets"));
  const auth = final.map((c) => delta(c, "authRequests"));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const counts = lostAndExtra(stack, final);
  const resyncs = final.reduce(
    (sum, c) => sum + c.resyncs - (before.get(c.userId)?.resyncs ?? 0),
    0,
  );

  const result: ScenarioResult = {
    name,
    recoveredMs: {
      p50: percentile(recovered, 50),
      p95: percentile(recovered, 95),
      max: recovered.at(-1) ?? Number.NaN,
    },
    waitedMs: { p50: percentile(waited, 50), p95: percentile(waited, 95) },
    allSubscribedMs,
    attempts: { mean: mean(attempts), max: Math.max(...attempts) },
    sockets: { max: Math.max(...sockets), proxyAccepted: stack.proxy.accepted() - acceptedBefore },
    authRequests: { mean: mean(auth), max: Math.max(...auth) },
    lost: counts.lost,
    duplicates: counts.duplicates,
    outOfOrder: counts.outOfOrder,
    resyncs,
    checks: [],
  };
  const check = (checkName: string, ok: boolean, detail: string) =>
    result.checks.push({ name: `${name}: ${checkName}`, ok, detail, kind: "correctness" });
  const target = (checkName: string, ok: boolean, detail: string) =>
    result.checks.push({ name: `${name}: ${checkName}`, ok, detail, kind: "target" });
  check(
    "every client reconnected and re-subscribed",
    back !== null,
    `${final.filter((c) => c.ready).length}/${stack.clientCount} ready`,
  );
  check(
    "every event exactly once, in order",
    counts.wrong === 0 && counts.duplicates === 0 && counts.outOfOrder === 0,
    `${counts.wrong} clients off, ${counts.lost} lost, ${counts.duplicates} duplicates, ${counts.outOfOrder} out of order`,
  );
  check(
    // A socket given up before its TCP connection was accepted never reaches the relay.
    "one socket per attempt, and no socket the clients did not count",
    unattributed === 0 &&
      sockets.every((s, i) => s === attempts[i]) &&
      result.sockets.proxyAccepted <= sockets.reduce((a, b) => a + b, 0),
    `${unattributed} unattributed; relay accepted ${result.sockets.proxyAccepted}, clients opened ${sockets.reduce((a, b) => a + b, 0)}`,
  );
  if (targets.reconnect) {
    target("reconnected p50 ≤ 1 s", result.recoveredMs.p50 <= 1000, `${result.recoveredMs.p50} ms`);
    target("reconnected p95 ≤ 3 s", result.recoveredMs.p95 <= 3000, `${result.recoveredMs.p95} ms`);
  }
  if (targets.maxAttempts !== undefined)
    target(
      `at most ${targets.maxAttempts} connection attempts per client`,
      result.attempts.max <= targets.maxAttempts,
      `max ${result.attempts.max}`,
    );
  return result;
}

/** (a) Soketi SIGKILLed, started again 5 s later on the same port. */
export const soketiKilled = (stack: FaultStack) => async () => {
  await stack.killSoketi();
  log("Soketi killed (SIGKILL)");
  await sleep(5000);
  await stack.startSoketi();
  log("Soketi back on the same port");
};

/** (b) Every client connection cut for 30 s by the relay (new ones closed at once). */
export const networkCut = (stack: FaultStack) => async () => {
  stack.proxy.cut();
  log(`relay cut every connection; refusing for 30 s`);
  await sleep(30_000);
  stack.proxy.restore();
  log("relay passes connections again");
};

/** The figures as a table. */
export function printTable(results: ScenarioResult[]): void {
  const rows = [
    [
      "scenario",
      "connected p50",
      "p95",
      "max",
      "of it backoff p50, p95",
      "all subscribed",
      "attempts/client mean, max",
      "auth req/client mean, max",
      "lost",
      "dup",
      "order",
      "resyncs",
    ],
    ...results.map((r) => [
      r.name,
      `${r.recoveredMs.p50} ms`,
      `${r.recoveredMs.p95} ms`,
      `${r.recoveredMs.max} ms`,
      `${r.waitedMs.p50}, ${r.waitedMs.p95} ms`,
      `${(r.allSubscribedMs / 1000).toFixed(1)} s`,
      `${r.attempts.mean.toFixed(2)}, ${r.attempts.max}`,
      `${r.authRequests.mean.toFixed(2)}, ${r.authRequests.max}`,
      String(r.lost),
      String(r.duplicates),
      String(r.outOfOrder),
      String(r.resyncs),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log("");
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => cell.padEnd(widths[j]!)).join(" │ "));
    if (i === 0) console.log(widths.map((w) => "─".repeat(w)).join("─┼─"));
  }
}
