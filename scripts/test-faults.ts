// `pnpm test:faults`: the fault suite (tests/faults/). Its own stack on free ports: PostgreSQL,
// Soketi on ports it keeps across restarts, a TCP relay in front of Soketi for the clients, and
// the production build of the web app (the one `pnpm test` made, or built here under the same
// lock); 1,000 pusher-js clients in worker processes using the app's client library; 20 events/s
// through the app's outbox. Prints the figures and `N passed, N failed`; exits non-zero on a
// failure and leaves no process behind.
//
// Before the clients connect: (f) fuzzing, ≥ 10,000 generated requests across every operation of
// the OpenAPI document, and (c) PostgreSQL hung (SIGSTOP) under the app.
//
//   LIVECAMPUS_SKIP_BUILD=1   reuse the last test build (web/.next-test)
//   FAULT_CLIENTS=200         fewer clients (local iteration; the targets are for 1,000)
//   FAULT_SCENARIOS=fuzz,db   only these parts (fuzz, db, clients; local iteration)
//   FUZZ_REQUESTS=2000        fewer fuzz requests (local iteration; the suite's is 10,000)
import { existsSync } from "node:fs";
import path from "node:path";
import { onShutdown, runMain } from "./lib/children";
import { WEB_DIR } from "./lib/paths";
import { prepareTestBuild, startLocalTestStack } from "./lib/test-stack";
import { createUsers, Fleet, newestEventId, Producer, seedEventLog } from "../tests/faults/fleet";
import {
  networkCut,
  printTable,
  runScenario,
  soketiKilled,
  waitAllReady,
  type Check,
  type FaultStack,
  type ScenarioResult,
} from "../tests/faults/scenarios";
import { startTcpProxy } from "../tests/faults/tcp-proxy";
import { postgresHung } from "../tests/faults/db-outage";
import { printFuzz, runFuzz } from "../tests/faults/fuzz";

const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 1000);
const FUZZ_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const PARTS = new Set((process.env.FAULT_SCENARIOS ?? "fuzz,db,clients").split(","));
const WORKERS = Math.min(4, Math.max(1, Math.ceil(CLIENTS / 250)));
const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping the fault stack");
const started = Date.now();
const step = (message: string) =>
  console.log(`\n▶ ${message} (+${((Date.now() - started) / 1000).toFixed(1)}s)`);

/** The production build: `pnpm test`'s snapshot when it runs us, else a snapshot of our own. */
async function buildDir(): Promise<string> {
  const inherited = process.env.NEXT_DIST_DIR;
  if (inherited && existsSync(path.join(WEB_DIR, inherited, "BUILD_ID"))) return inherited;
  return prepareTestBuild("faults", stops);
}

async function main(): Promise<number> {
  step("Fault stack: PostgreSQL, Soketi, relay, web (production build)");
  const local = await startLocalTestStack("faults", stops, {
    dist: await buildDir(),
    soketiMetrics: false,
    verbose: !!process.env.LIVECAMPUS_TEST_VERBOSE,
  });
  const { db, authSecret, credentials, web } = local;
  const proxy = await startTcpProxy(local.ports.soketi);
  stops.push(() => proxy.stop());

  const early: Check[] = [];
  if (PARTS.has("fuzz")) {
    step(`(f) Fuzzing: ${FUZZ_REQUESTS} generated requests across the OpenAPI document`);
    const fuzz = await runFuzz({
      webUrl: web.url,
      db,
      authSecret,
      count: FUZZ_REQUESTS,
      log: console.log,
    });
    early.push(...printFuzz(fuzz, FUZZ_REQUESTS));
  }
  if (PARTS.has("db")) {
    step("(c) PostgreSQL hung (SIGSTOP) under the app");
    const outage = await postgresHung({
      webUrl: web.url,
      db,
      authSecret,
      postgresPid: local.postgresPid,
    });
    for (const t of outage.timings) console.log(`  · ${t.name}: ${t.status} in ${t.ms} ms`);
    console.log(
      `  · recovered ${outage.recoveredMs} ms after SIGCONT (API), ${outage.pagesRecoveredMs} ms (pages)`,
    );
    early.push(...outage.checks);
  }
  if (!PARTS.has("clients")) return report([], early);

  step(`${CLIENTS} users, session cookies, ${CLIENTS} clients in ${WORKERS} processes`);
  const users = await createUsers(db, authSecret, CLIENTS);
  await seedEventLog(db);
  const producer = new Producer(
    db,
    users.map((u) => u.userId),
  );
  const fleet = await Fleet.start(WORKERS, users, {
    // Not "localhost": no IPv6 first try per request.
    webUrl: local.webUrl,
    key: credentials.key,
    proxyPort: proxy.port,
    initialCursor: await newestEventId(db),
  });
  stops.push(() => fleet.stop());

  const stack: FaultStack = {
    db,
    fleet,
    producer,
    proxy,
    clientCount: CLIENTS,
    killSoketi: () => local.stopSoketi({ kill: true }),
    async startSoketi() {
      await local.startSoketi();
    },
  };
  const connectStart = Date.now();
  if (!(await waitAllReady(stack, 120_000))) throw new Error("the clients did not all connect");
  console.log(`  · ${CLIENTS} clients connected and subscribed in ${Date.now() - connectStart} ms`);

  const results: ScenarioResult[] = [];
  results.push(
    await runScenario(stack, "(a) Soketi SIGKILL, back 5 s later", soketiKilled(stack), {
      reconnect: true,
      maxAttempts: 5,
    }),
  );
  results.push(
    await runScenario(stack, "(b) all connections cut 30 s", networkCut(stack), {
      reconnect: false,
    }),
  );

  printTable(results);
  return report(results, early);
}

/** Prints every check and `N passed, N failed`; the exit code counts correctness only. */
function report(results: ScenarioResult[], early: Check[]): number {
  const checks = [...early, ...results.flatMap((r) => r.checks)];
  const correctness = checks.filter((c) => c.kind === "correctness");
  const targets = checks.filter((c) => c.kind === "target");
  console.log("\nCorrectness (fails the suite):");
  for (const check of correctness)
    console.log(`${check.ok ? "✓" : "✗"} ${check.name} — ${check.detail}`);
  console.log("\nSpeed targets (measured, reported; held by pnpm bench):");
  for (const check of targets)
    console.log(`${check.ok ? "◦ met   " : "◦ missed"} ${check.name} — ${check.detail}`);
  const failed = correctness.filter((c) => !c.ok).length;
  const missed = targets.filter((c) => !c.ok).length;
  console.log(`\nTargets: ${targets.length - missed} met, ${missed} missed`);
  console.log(`${correctness.length - failed} passed, ${failed} failed`);
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return failed === 0 ? 0 : 1;
}

runMain(main, shutdown);
