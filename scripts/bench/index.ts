// `pnpm bench`: the load harness (docs/benchmarks.md). Starts its own stack on free ports
// (PostgreSQL, one Soketi, the production build of the web app), forks load processes speaking
// the Pusher protocol over raw `ws`, runs every scenario against the app and against raw Soketi
// in the same run, prints progress, writes the results as JSON (bench-results/, git-ignored, and
// docs/benchmarks.json) and regenerates docs/benchmarks.md with its charts.
//
//   pnpm bench                      the full run (the figures docs/benchmarks.md holds)
//   pnpm bench --quick              under 3 minutes: fewer subscribers, shorter phases
//   pnpm bench --only B1,B3         some scenarios only (they replace theirs in docs/benchmarks.json)
//   pnpm bench --no-docs            leave docs/ alone (results go to bench-results/ only)
//   pnpm bench --render FILE.json   regenerate docs/benchmarks.md from saved results
//   LIVECAMPUS_SKIP_BUILD=1         reuse the last test build (web/.next-test)
//   LIVECAMPUS_TEST_VERBOSE=1       echo the web server's output (as the test commands do)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { onShutdown, runMain } from "../lib/children";
import { REPO_ROOT } from "../lib/paths";
import { LoadFleet } from "./load";
import { mark, writeFormatted, writeReport, type BenchRun, type Machine } from "./report";
import {
  broadcast,
  channelAuthorization,
  cluster,
  massReconnect,
  deliveryLatency,
  outboxDrain,
  writePath,
  type Context,
  type ScenarioResult,
} from "./scenarios";
import { startBenchStack } from "./stack";
import { cpuMeter, describeCpu } from "./stats";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "no-docs": { type: "boolean", default: false },
    render: { type: "string" },
    workers: { type: "string", default: "3" },
  },
});

const DOCS_DIR = path.join(REPO_ROOT, "docs");
const RESULTS_DIR = path.join(REPO_ROOT, "bench-results");
const SCENARIOS: Array<{
  id: string;
  run: (ctx: Context) => Promise<ScenarioResult>;
  /** It restarts the web server itself (so it need not be put back in its default mode first). */
  movesWeb?: boolean;
}> = [
  { id: "B2", run: channelAuthorization },
  { id: "B1", run: deliveryLatency },
  { id: "B3", run: broadcast },
  { id: "B4", run: outboxDrain },
  { id: "B7", run: massReconnect },
  // It leaves the web server with REALTIME_PUBLISH=inline: B6 restarts it anyway.
  { id: "B5", run: writePath },
  // Last: it moves the web server to its own Soketi nodes.
  { id: "B6", run: cluster, movesWeb: true },
];

const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping the benchmark stack");
const started = Date.now();
const elapsed = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`;

/** This machine's CPU, named so that runs on different machines can be told apart (stats.ts). */
function cpuName(): string {
  const first = os.cpus()[0];
  if (!first) return "unknown";
  let cpuinfo = "";
  try {
    cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    // Not Linux: the model name and clock alone.
  }
  return describeCpu(first.model, first.speed, cpuinfo);
}

function machine(): Machine {
  const { dependencies } = JSON.parse(
    readFileSync(path.join(REPO_ROOT, "soketi/package.json"), "utf8"),
  ) as { dependencies: Record<string, string> };
  const soketi = dependencies["@soketi/soketi"];
  return {
    cpu: cpuName(),
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    // As the project runs it: with the preloads of soketi/src/spawn.ts (docs/operations.md).
    soketi: `Soketi ${soketi} with soketi/src/http-api.cjs`,
  };
}

async function main(): Promise<number> {
  if (values.render) {
    const run = JSON.parse(readFileSync(values.render, "utf8")) as BenchRun;
    for (const file of await writeReport(run, DOCS_DIR))
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
    return 0;
  }
  const quick = values.quick;
  const only = values.only ? new Set(values.only.toUpperCase().split(",")) : null;
  const chosen = SCENARIOS.filter((s) => !only || only.has(s.id));
  console.log(
    `▶ pnpm bench ${quick ? "--quick" : "(full)"}: ${chosen.map((s) => s.id).join(", ")} ${elapsed()}`,
  );
  console.log(`▶ Stack: PostgreSQL, Soketi, web (production build) ${elapsed()}`);
  const stack = await startBenchStack(stops, { admins: 20, students: 1000, courses: 4 });
  const fleet = new LoadFleet(Number(values.workers));
  stops.push(() => fleet.stop());
  const groups = {
    web: { pids: () => [stack.web.child.pid!], tree: true },
    soketi: { pids: () => stack.soketiPids, tree: true },
    postgres: { pids: () => [stack.postgresPid], tree: true },
    // The runner itself publishes the raw triggers and the app's requests: a client too.
    clients: { pids: () => [...fleet.pids, process.pid], tree: false },
  };
  const scenarios: ScenarioResult[] = [];
  for (const scenario of chosen) {
    console.log(`\n▶ ${scenario.id} ${elapsed()}`);
    if (stack.webEnvChanged && !scenario.movesWeb) {
      console.log(`  the web server restarted in its default mode ${elapsed()}`);
      await stack.restartWeb();
    }
    const ctx: Context = {
      stack,
      fleet,
      quick,
      log: (message) => console.log(`  ${scenario.id} · ${message}`),
      meter: () => cpuMeter(groups),
    };
    let result: ScenarioResult;
    try {
      result = await scenario.run(ctx);
    } catch (error) {
      // One scenario failing leaves the others' figures standing; the doc says it did not run.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`  ${scenario.id} did not complete: ${message}`);
      await fleet.disconnect().catch(() => {});
      result = {
        id: scenario.id,
        title: "",
        setup: "",
        rows: [],
        cpu: [],
        bottleneck: "",
        figures: {},
        error: message.split("\n")[0]!.slice(0, 300),
      };
    }
    scenarios.push(result);
    for (const row of result.rows)
      console.log(
        `  ${result.id} │ ${row.what}: raw ${row.raw}${mark(row.rawMet ?? null)} │ app ${row.app}${mark(row.met)} │ goal ${row.goal}`,
      );
    for (const { phase, use } of result.cpu)
      console.log(
        `  ${result.id} │ CPU % of a core, ${phase}: ${Object.entries(use)
          .map(([group, percent]) => `${group} ${percent}`)
          .join(", ")}`,
      );
  }

  const run: BenchRun = {
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    machine: machine(),
    workers: fleet.size,
    scenarios,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const resultsFile = path.join(RESULTS_DIR, `${run.date.replaceAll(":", "-")}-${run.mode}.json`);
  writeFileSync(resultsFile, `${JSON.stringify(run, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(REPO_ROOT, resultsFile)}`);
  if (!values["no-docs"]) {
    // `--only`: the scenarios measured now replace theirs in the saved run of the same mode.
    const saved = path.join(DOCS_DIR, "benchmarks.json");
    let docs = run;
    if (only && existsSync(saved)) {
      const previous = JSON.parse(readFileSync(saved, "utf8")) as BenchRun;
      if (previous.mode === run.mode) {
        const fresh = new Map(run.scenarios.map((s) => [s.id, { ...s, date: run.date }]));
        docs = {
          ...previous,
          scenarios: previous.scenarios.map((s) => fresh.get(s.id) ?? s),
        };
      }
    }
    await writeFormatted(saved, JSON.stringify(docs, null, 2));
    for (const file of await writeReport(docs, DOCS_DIR))
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
  }
  console.log(`pnpm bench ${run.mode} finished in ${Math.round(run.wallSeconds)} s`);
  return 0;
}

runMain(main, shutdown);
