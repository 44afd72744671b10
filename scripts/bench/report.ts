// docs/benchmarks.md from a run's results: machine facts, one table per scenario with raw Soketi
// beside the app and the goal, CPU per process group, and charts rendered by Vega-Lite to SVG.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import * as vega from "vega";
import * as vl from "vega-lite";
import type { ScenarioResult } from "./scenarios";
import { SATURATED_SHARE, cpuTotal, saturated } from "./stats";

export type Machine = {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  soketi: string;
};

export type BenchRun = {
  mode: "quick" | "full";
  date: string;
  wallSeconds: number;
  machine: Machine;
  workers: number;
  scenarios: ScenarioResult[];
};

/**
 * A run of the app as it was before a round of changes (docs/benchmarks-before.json), with a
 * note naming the changes: its goal rows are shown beside this run's.
 */
type Baseline = BenchRun & { note?: string };

/** A goal row's name without its run-specific details in parentheses. */
const rowKey = (id: string, what: string) => `${id}: ${what.split(" (")[0]!.trim()}`;

function beforeAndAfter(run: BenchRun, baseline: Baseline): string[] {
  const before = new Map<string, string>();
  for (const result of baseline.scenarios)
    for (const row of result.rows)
      if (row.goal !== "—") before.set(rowKey(result.id, row.what), `${row.app}${mark(row.met)}`);
  const lines = [
    "## Before and after",
    "",
    `The same scenarios on the app before ${baseline.note ?? "the latest changes"} ` +
      `(${baseline.mode} run of ${baseline.date}, [benchmarks-before.json](benchmarks-before.json)), ` +
      "beside this run. Both runs are on this machine; raw Soketi's figures of each run are in " +
      "its own tables.",
    "",
    "| scenario | what | before | after | goal |",
    "|---|---|---|---|---|",
  ];
  for (const result of run.scenarios) {
    for (const row of result.rows) {
      if (row.goal === "—") continue;
      const old = before.get(rowKey(result.id, row.what)) ?? "not measured";
      lines.push(
        `| ${result.id} | ${cell(row.what)} | ${cell(old)} | ${cell(row.app)}${mark(row.met)} | ${cell(row.goal)} |`,
      );
    }
  }
  lines.push("");
  return lines;
}

/** Every scenario and its goal: those a run left out are listed as not measured. */
const ALL: Array<{ id: string; title: string; goal: string }> = [
  { id: "B1", title: "Delivery latency", goal: "p99 ≤ raw p99 + 5 ms, 0 lost" },
  {
    id: "B2",
    title: "Channel authorization",
    goal: "private-user ≥ 2,000/s, private-course ≥ 1,500/s; 19,000 connections at ≤ 5 KB each, authorized in ≤ 20 s",
  },
  { id: "B3", title: "Broadcast", goal: "last copy ≤ 1.1× raw" },
  {
    id: "B4",
    title: "Outbox throughput",
    goal: "≥ 10,000 events/s, 0 lost, per-channel order kept",
  },
  { id: "B5", title: "Write path", goal: "approve with realtime on ≤ 1.1× off" },
  {
    id: "B6",
    title: "Three Soketi nodes on Redis",
    goal: "cross-node p99 ≤ same-node p99 + 5 ms; aggregate deliveries/s ≥ 1.5× one node",
  },
  { id: "B7", title: "Mass reconnect", goal: "5,000 clients subscribed again within 10 s" },
];

/** Parts of measured scenarios this run could not measure. */
function partsNotMeasured(run: BenchRun): string[] {
  const b5 = run.scenarios.find((s) => s.id === "B5" && !s.error);
  const why = b5?.figures.notMeasured;
  return typeof why === "string"
    ? [
        `B5: the approve request with realtime off and with the seed's inline \`await trigger()\` (${why})`,
      ]
    : [];
}

const SERIES_COLORS = { domain: ["raw Soketi", "through the app"], range: ["#4c78a8", "#f58518"] };

async function toSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return `${svg}\n`;
}

/** Latency by percentile, one line per series. */
function distributionChart(result: ScenarioResult): vl.TopLevelSpec | null {
  if (!result.distributions) return null;
  const values = Object.entries(result.distributions).flatMap(([series, qs]) =>
    qs.map((ms, percentile) => ({ series, percentile, ms })),
  );
  const names = Object.keys(result.distributions);
  const pinned = names.every((name) => SERIES_COLORS.domain.includes(name));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${result.id} ${result.title}: latency by percentile`,
    width: 520,
    height: 260,
    data: { values },
    mark: { type: "line", interpolate: "monotone" },
    encoding: {
      x: { field: "percentile", type: "quantitative", title: "percentile of copies" },
      y: {
        field: "ms",
        type: "quantitative",
        title: "ms from request start",
        scale: { type: "log" },
      },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        legend: { labelLimit: 320 },
        ...(pinned ? { scale: SERIES_COLORS } : {}),
      },
    },
  };
}

function barChart(result: ScenarioResult): vl.TopLevelSpec | null {
  if (!result.bars) return null;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${result.id} ${result.title}`,
    width: 520,
    data: { values: result.bars.values },
    mark: "bar",
    encoding: {
      y: { field: "label", type: "nominal", title: null, sort: null, axis: { labelLimit: 360 } },
      yOffset: { field: "series" },
      x: { field: "value", type: "quantitative", title: result.bars.unit },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        legend: { labelLimit: 320 },
        scale: SERIES_COLORS,
      },
    },
  };
}

const cell = (text: string) => text.replaceAll("|", "\\|");
/** " ✓", " ✗", or nothing where a figure has no goal. */
export const mark = (met: boolean | null) => (met === null ? "" : met ? " ✓" : " ✗");

/** Writes `text` to `file` formatted as the repository's Prettier config wants it. */
export async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

/** Writes docs/benchmarks.md and its charts (docs/benchmarks/*.svg) for `run`. */
export async function writeReport(run: BenchRun, docsDir: string): Promise<string[]> {
  const chartDir = path.join(docsDir, "benchmarks");
  mkdirSync(chartDir, { recursive: true });
  const written: string[] = [];
  const lines: string[] = [
    "# Benchmarks",
    "",
    "<!-- Generated by `pnpm bench` (scripts/bench/); edit the generator, not this file. -->",
    "",
    "Every scenario measures the app's path and raw Soketi driven over its HTTP API in the same",
    "run, on the same load connections: the raw figure is the floor under the app. The load",
    "clients speak the Pusher protocol over raw `ws` sockets in several worker processes",
    "(scripts/bench/load-worker.ts); their CPU is reported beside the server's. Results of this",
    "run: [benchmarks.json](benchmarks.json). Run it with `pnpm bench` (full) or",
    "`pnpm bench --quick` (under 3 minutes, fewer subscribers and shorter phases);",
    "`LIVECAMPUS_WEB_CPU_PROF=dir pnpm bench --only B2` writes a V8 CPU profile of the web server",
    "to `dir` when it stops (open it in Chrome's DevTools).",
    "",
    "## This run",
    "",
    "| | |",
    "|---|---|",
    `| date | ${run.date} |`,
    `| mode | ${run.mode === "quick" ? "`--quick` (smaller: see each setup)" : "full"} |`,
    `| wall time | ${Math.round(run.wallSeconds)} s |`,
    `| CPU | ${run.machine.cpu}, ${run.machine.cores} cores |`,
    `| memory | ${run.machine.memoryGb} GB |`,
    `| Node | ${run.machine.node} |`,
    `| OS | ${run.machine.os} |`,
    `| Soketi | ${run.machine.soketi}, one node, in-memory adapter |`,
    `| stack | PostgreSQL (embedded, 17), the production build (\`next start\`), ${run.workers} load processes, all on this machine |`,
    "",
    "CPU figures are % of one core over the phase (the machine has " +
      `${run.machine.cores * 100} % in all); "clients" are the load processes and the runner.`,
    "After each phase the harness waits until every copy arrived or none arrived for 3 s",
    '(at most 20 s): "not received" counts the copies missing then. Other processes on the',
    "machine shift figures between runs; compare raw and app within one run. In the CPU tables,",
    `"all" adds the groups up; "(saturated)" marks a phase that used ${Math.round(SATURATED_SHARE * 100)} % of the cores or more:`,
    "its processes waited for a core, so its latencies say more about the machine than about the",
    "path (a throughput phase is meant to get there).",
    "",
  ];
  const baselineFile = path.join(docsDir, "benchmarks-before.json");
  if (existsSync(baselineFile))
    lines.push(...beforeAndAfter(run, JSON.parse(readFileSync(baselineFile, "utf8")) as Baseline));
  for (const result of run.scenarios) {
    if (result.error) continue;
    lines.push(`## ${result.id} ${result.title}`, "", result.setup, "");
    if (result.date)
      lines.push(`Measured on its own (\`pnpm bench --only ${result.id}\`) on ${result.date}.`, "");
    lines.push("| what | raw Soketi | through the app | goal |", "|---|---|---|---|");
    for (const row of result.rows)
      lines.push(
        `| ${cell(row.what)} | ${cell(row.raw)}${mark(row.rawMet ?? null)} | ${cell(row.app)}${mark(row.met)} | ${cell(row.goal)} |`,
      );
    const groups = [...new Set(result.cpu.flatMap((c) => Object.keys(c.use)))];
    lines.push("", `| CPU (% of one core) | ${groups.join(" | ")} | all |`);
    lines.push(`|---|${groups.map(() => "---:").join("|")}|---:|`);
    for (const { phase, use } of result.cpu) {
      const all = `${cpuTotal(use)}${saturated(use, run.machine.cores) ? " (saturated)" : ""}`;
      lines.push(`| ${cell(phase)} | ${groups.map((g) => use[g] ?? "—").join(" | ")} | ${all} |`);
    }
    lines.push("", `Bottleneck: ${result.bottleneck}.`, "");
    for (const [suffix, spec] of [
      ["latency", distributionChart(result)],
      ["bars", barChart(result)],
    ] as const) {
      if (!spec) continue;
      const file = `${result.id.toLowerCase()}-${suffix}.svg`;
      writeFileSync(path.join(chartDir, file), await toSvg(spec));
      written.push(path.join(chartDir, file));
      lines.push(`![${result.id} ${result.title}](benchmarks/${file})`, "");
    }
  }
  const measured = new Set(run.scenarios.filter((s) => !s.error).map((s) => s.id));
  const failed = new Map(run.scenarios.filter((s) => s.error).map((s) => [s.id, s.error!]));
  const missing = ALL.filter((s) => !measured.has(s.id));
  const notMeasured = [
    ...partsNotMeasured(run),
    ...missing.map((s) => {
      const why = failed.has(s.id)
        ? `did not complete in this run: ${failed.get(s.id)}`
        : "not in this run";
      return `${s.id} ${s.title} (${cell(why)}; goal: ${s.goal})`;
    }),
  ];
  if (notMeasured.length > 0) {
    lines.push("## Not yet measured", "");
    lines.push("No figures are claimed for these: this run did not measure them.", "");
    for (const part of notMeasured) lines.push(`- ${part}`);
    lines.push("");
  }
  const file = path.join(docsDir, "benchmarks.md");
  await writeFormatted(file, lines.join("\n"));
  written.push(file);
  return written;
}
