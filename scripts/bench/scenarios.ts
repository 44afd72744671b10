// The scenarios of `pnpm bench` (docs/benchmarks.md): each measures the app's path and raw Soketi
// driven over its HTTP API in the same run, on the same load connections, and reports the CPU
// of the server processes beside the load processes'.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import Pusher from "pusher";
import { exited } from "../lib/children";
import { treeMemoryKb } from "../lib/process-memory";
import { getFreePort } from "../lib/ports";
import { startSoketi, type SoketiHandle } from "../lib/soketi";
import { findSystemTool } from "../lib/system-tools";
import type { LoadFleet } from "./load";
import { now, type ConnectionSpec, type Receipts, type RequestSpec } from "./protocol";
import type { BenchStack } from "./stack";
import {
  addCount,
  addCounts,
  busiest as busiestOf,
  failures,
  median,
  summarize,
  totalOf,
  type Counts,
  type CpuUse,
  type Summary,
} from "./stats";
import { prepareEvent } from "../../web/lib/realtime/prepare";
import { realtimeMessages, type RealtimeMessage } from "../../web/lib/realtime/messages";
import { testCuid } from "../../tests/helpers/ids";

export type Row = {
  what: string;
  raw: string;
  app: string;
  goal: string;
  /** Whether the app's figure meets the goal; null where the row has no goal. */
  met: boolean | null;
  /** Whether the raw figure meets the goal, where the goal is about raw Soketi (B6 aggregate). */
  rawMet?: boolean;
};

export type ScenarioResult = {
  id: string;
  title: string;
  setup: string;
  rows: Row[];
  /** CPU in % of one core per process group, per measured phase. */
  cpu: Array<{ phase: string; use: CpuUse }>;
  bottleneck: string;
  /** Latency quantiles (q = 0, 0.01 … 1) per series, for the distribution charts. */
  distributions?: Record<string, number[]>;
  /** When it was measured, if later than the run it is shown with (`pnpm bench --only`). */
  date?: string;
  /** Why the scenario did not complete in this run (its rows are then empty). */
  error?: string;
  /** Bars for a chart: label → value, with the value's unit. */
  bars?: { unit: string; values: Array<{ label: string; series: string; value: number }> };
  figures: Record<string, unknown>;
};

export type Context = {
  stack: BenchStack;
  fleet: LoadFleet;
  quick: boolean;
  log: (message: string) => void;
  /** Starts measuring CPU; the returned function gives the use since then. */
  meter: () => () => CpuUse;
};

const ANNOUNCEMENTS = "public-announcements";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (n: number) => `${n.toFixed(1)} ms`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const connectBase = (ctx: Context, concurrency = 100) => ({
  wsUrl: ctx.stack.soketi.wsUrl,
  webUrl: ctx.stack.webUrl,
  key: ctx.stack.soketi.key,
  secret: ctx.stack.soketi.secret,
  concurrency,
});

async function connectAll(ctx: Context, connections: ConnectionSpec[], concurrency?: number) {
  const result = await ctx.fleet.connect(connectBase(ctx, concurrency), connections);
  ctx.log(
    `${result.ok} of ${connections.length} connections subscribed in ${(result.ms / 1000).toFixed(1)} s`,
  );
  if (result.failed > 0)
    throw new Error(
      `${failures(result.failedBy, "connections failed")}: ${result.errors.join("; ")}`,
    );
  return result;
}

/** A phase's bottleneck by its CPU use: the busiest group, or this machine's cores (stats.ts). */
function busiest(use: CpuUse): string {
  return busiestOf(use, os.cpus().length);
}

/** 101 quantiles (0 %, 1 % … 100 %) of `values`, for a distribution chart. */
function quantiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return range(101).map((q) => {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * (sorted.length - 1)))];
    return Math.round((v ?? NaN) * 100) / 100;
  });
}

/**
 * Calls `fn(i)` for i = 0 … count-1 at `rate` per second without waiting for one call before the
 * next (a publisher that awaits each one caps its own rate); resolves when all have settled.
 */
async function paced(
  rate: number,
  count: number,
  fn: (i: number) => Promise<void>,
  progress: (sent: number) => void,
): Promise<void> {
  const started = performance.now();
  const calls: Array<Promise<void>> = [];
  let lastProgress = started;
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    calls.push(fn(i));
    if (performance.now() - lastProgress >= 2000) {
      lastProgress = performance.now();
      progress(i + 1);
    }
  }
  await Promise.all(calls);
}

/** The HTTP status of a raw trigger: 200, the status Soketi answered, or 0 (no answer). */
function triggerStatus(trigger: Promise<unknown>): Promise<number> {
  return trigger.then(
    () => 200,
    (error: { status?: number }) => error.status ?? 0,
  );
}

type PacedPhase = {
  /** When each event's request started, by its tag. */
  starts: Map<string, number>;
  receipts: Receipts;
  use: CpuUse;
  /** Failed requests by HTTP status (0: a network error or a timeout). */
  failed: Counts;
  /** Each request's duration (ms), in the order they were sent. */
  requestMs: number[];
};

/**
 * One measured phase of a paced scenario (B1, B5, B6): `count` requests at `rate`/s, each
 * event tagged `tag(i)` and sent by `send` (resolving with its HTTP status; `ok` is success),
 * then waits for `copies` copies of every event (at most 20 s) and collects the receipts.
 */
async function pacedPhase(
  ctx: Context,
  options: {
    name: string;
    rate: number;
    count: number;
    tag: (i: number) => string;
    send: (i: number, tag: string) => Promise<number>;
    ok: number;
    copies: number;
  },
): Promise<PacedPhase> {
  const { name, rate, count } = options;
  await ctx.fleet.reset();
  const starts = new Map<string, number>();
  const failed: Counts = {};
  const requestMs: number[] = [];
  const stop = ctx.meter();
  await paced(
    rate,
    count,
    async (i) => {
      const tag = options.tag(i);
      const start = now();
      starts.set(tag, start);
      const status = await options.send(i, tag).catch(() => 0);
      requestMs.push(now() - start);
      if (status !== options.ok) addCount(failed, status);
    },
    (sent) => ctx.log(`${name}: ${sent} of ${count} sent, ${failures(failed, "failed")}`),
  );
  const receipts = await awaitCopies(ctx, starts.size * options.copies, { maxMs: 20_000 });
  return { starts, receipts, use: stop(), failed, requestMs };
}

/** Latencies (receipt − request start) of every copy of `starts`' tags, and copies missing. */
function latencies(receipts: Receipts, starts: Map<string, number>, copiesPerTag: number) {
  const values: number[] = [];
  for (const [tag, start] of starts) {
    for (const at of receipts.times[tag] ?? []) values.push(at - start);
  }
  return { values, lost: starts.size * copiesPerTag - values.length };
}

/**
 * p50 latency of the first and of the last `n` events of a phase: a publish path slower than
 * the arrival rate shows as a latency that grows through the phase (a queue), not a busy core.
 */
function drift(receipts: Receipts, starts: Map<string, number>, n: number) {
  const tags = [...starts.keys()];
  const p50 = (some: string[]) =>
    median(some.flatMap((tag) => (receipts.times[tag] ?? []).map((at) => at - starts.get(tag)!)));
  return { first: p50(tags.slice(0, n)), last: p50(tags.slice(-n)) };
}

/** The bottleneck of a paced phase: a queue when latency grew through it, else the busiest. */
function bottleneckOf(use: CpuUse, growth: { first: number; last: number }): string {
  if (growth.last > 3 * growth.first + 10)
    return (
      `a queue — p50 grew from ${ms(growth.first)} (first second) to ${ms(growth.last)} (last ` +
      `second): the path publishes slower than events arrive; CPU: ${busiest(use)}`
    );
  return busiest(use);
}

/**
 * Requests to the app go over node:http with connections kept open: the client under the raw
 * path's SDK (node-fetch on an http.Agent), so neither path pays for a heavier client (undici's
 * fetch cost the runner ~1 ms more per request than a trigger's). Idle connections are closed
 * before the server's keep-alive timeout (5 s) could close one under a request.
 */
const appAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

/** A request to the app; resolves with its status (0: no answer within 30 s). */
function appRequest(
  ctx: Context,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      new URL(path, ctx.stack.webUrl),
      {
        method: init.method,
        agent: appAgent,
        timeout: 30_000,
        headers: {
          ...init.headers,
          "content-length": String(Buffer.byteLength(init.body ?? "")),
        },
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
        response.once("error", () => resolve(0));
      },
    );
    request.once("timeout", () => request.destroy());
    request.once("error", () => resolve(0));
    request.end(init.body);
  });
}

/** An admin's `POST /api/announcements` titled `title`; its status (201 when published). */
function postAnnouncement(ctx: Context, cookie: string, title: string): Promise<number> {
  return appRequest(ctx, "/api/announcements", {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ title, message: ANNOUNCEMENT_TEXT }),
  });
}

const ANNOUNCEMENT_TEXT = "Benchmark announcement";

/**
 * Raw Soketi's copy of an announcement titled `tag`: the event and data the app publishes for
 * one (the same fields, sizes and eventId/occurredAt), so the floor costs Soketi what the app's
 * copies cost it (Soketi parses and serializes the message once per subscriber).
 */
function rawAnnouncement(pusher: Pusher, channel: string, tag: string): Promise<unknown> {
  const at = new Date();
  const message = realtimeMessages.newAnnouncement({
    id: testCuid(),
    title: tag,
    message: ANNOUNCEMENT_TEXT,
    timestamp: at,
  });
  const prepared = prepareEvent({ ...message, eventId: testCuid(), occurredAt: at.toISOString() });
  if (!prepared.ok) throw new Error(prepared.error);
  return pusher.trigger(channel, message.event, prepared.prepared.payload);
}

/**
 * How a phase of B1 or B6 publishes its event `i`: `trigger` on raw Soketi (200 when answered),
 * or an admin's announcement through the app (201).
 */
function rawOrAnnouncement(
  ctx: Context,
  path: "raw" | "app",
  trigger: (tag: string) => Promise<unknown>,
): Pick<Parameters<typeof pacedPhase>[1], "send" | "ok"> {
  return path === "raw"
    ? { send: (_, tag) => triggerStatus(trigger(tag)), ok: 200 }
    : {
        send: (i, tag) =>
          postAnnouncement(ctx, ctx.stack.admins[i % ctx.stack.admins.length]!.cookie, tag),
        ok: 201,
      };
}

/** The counts of `a` and `b` added up. */
function mergedCounts(a: Counts, b: Counts): Counts {
  const sum: Counts = {};
  addCounts(sum, a);
  addCounts(sum, b);
  return sum;
}

/** The row "copies not received / requests failed" (failures with their HTTP statuses). */
function lostAndFailed(
  raw: { lost: number; failed: Counts },
  app: { lost: number; failed: Counts },
): Row {
  return {
    what: "copies not received / requests failed",
    raw: `${raw.lost} / ${failures(raw.failed)}`,
    app: `${app.lost} / ${failures(app.failed)}`,
    goal: "0 / 0",
    met: app.lost === 0 && totalOf(app.failed) === 0,
  };
}

/** A phase's figures for the JSON: `failed` as a number, `failedByStatus` beside it. */
function failedFigures<T extends { failed: Counts }>(phase: T) {
  return { ...phase, failed: totalOf(phase.failed), failedByStatus: phase.failed };
}

// ─── B1 ─────────────────────────────────────────────────────────────────────────────────────

/** B1: 1,000 subscribers, 50 events/s: raw triggers, then announcements through the app. */
export async function deliveryLatency(ctx: Context): Promise<ScenarioResult> {
  const SUBSCRIBERS = 1000;
  const RATE = 50;
  const SECONDS = ctx.quick ? 4 : 30;
  const RAW = "bench-delivery";
  await connectAll(
    ctx,
    range(SUBSCRIBERS).map(() => ({ channels: [ANNOUNCEMENTS, RAW] })),
  );
  const phases: Record<
    "raw" | "app",
    { summary: Summary; lost: number; failed: Counts; drift: { first: number; last: number } }
  > = {} as never;
  const distributions: Record<string, number[]> = {};
  const cpu: ScenarioResult["cpu"] = [];
  for (const path of ["raw", "app"] as const) {
    const publish = rawOrAnnouncement(ctx, path, (tag) =>
      rawAnnouncement(ctx.stack.pusher, RAW, tag),
    );
    // Not measured, on either path: a second of events first. A web server just started loads
    // and compiles the route on first use; Soketi compiles its fan-out on its first events (on a
    // slow machine the raw path's first second was ten times slower than its last).
    await pacedPhase(ctx, {
      name: `${path} (warm-up)`,
      rate: RATE,
      count: RATE,
      tag: (i) => `${path} b1 warm-up #${i + 1}`,
      ...publish,
      copies: SUBSCRIBERS,
    });
    const phase = await pacedPhase(ctx, {
      name: path,
      rate: RATE,
      count: RATE * SECONDS,
      tag: (i) => `${path} b1 #${i + 1}`,
      ...publish,
      copies: SUBSCRIBERS,
    });
    const { starts, receipts, failed } = phase;
    const req = summarize(phase.requestMs);
    ctx.log(`${path}: request p50 ${ms(req.p50)}, p99 ${ms(req.p99)}`);
    cpu.push({ phase: path === "raw" ? "raw Soketi" : "through the app", use: phase.use });
    const { values, lost } = latencies(receipts, starts, SUBSCRIBERS);
    const summary = summarize(values);
    phases[path] = { summary, lost, failed, drift: drift(receipts, starts, RATE) };
    distributions[path === "raw" ? "raw Soketi" : "through the app"] = quantiles(values);
    ctx.log(
      `${path}: p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)}, ` +
        `${lost} lost, ${failures(failed, "failed requests")}`,
    );
  }
  await ctx.fleet.disconnect();
  const { raw, app } = phases;
  const figure = (pick: (s: Summary) => number) => [ms(pick(raw.summary)), ms(pick(app.summary))];
  const [rawP50, appP50] = figure((s) => s.p50);
  const [rawP95, appP95] = figure((s) => s.p95);
  const [rawP99, appP99] = figure((s) => s.p99);
  const [rawMax, appMax] = figure((s) => s.max);
  return {
    id: "B1",
    title: "Delivery latency",
    setup:
      `${SUBSCRIBERS.toLocaleString("en-US")} subscribers (each on ${ANNOUNCEMENTS} and a raw channel), ` +
      `${RATE} events/s for ${SECONDS} s per path, after a second of unmeasured events on each. Raw: \`pusher.trigger()\` of the app's own new-announcement data to Soketi's HTTP API (connections kept open, as the app's); ` +
      `app: an admin's \`POST /api/announcements\` (outbox → dispatcher → Soketi). ` +
      `Latency: from the start of the request to receipt, every copy.`,
    rows: [
      { what: "p50", raw: rawP50!, app: appP50!, goal: "—", met: null },
      { what: "p95", raw: rawP95!, app: appP95!, goal: "—", met: null },
      {
        what: "p99",
        raw: rawP99!,
        app: appP99!,
        goal: `≤ raw p99 + 5 ms (${ms(raw.summary.p99 + 5)})`,
        met: app.summary.p99 <= raw.summary.p99 + 5,
      },
      { what: "max", raw: rawMax!, app: appMax!, goal: "—", met: null },
      {
        what: "p50 of the first second → of the last second",
        raw: `${ms(raw.drift.first)} → ${ms(raw.drift.last)}`,
        app: `${ms(app.drift.first)} → ${ms(app.drift.last)}`,
        goal: "—",
        met: null,
      },
      lostAndFailed(raw, app),
    ],
    cpu,
    bottleneck:
      `raw: ${bottleneckOf(cpu[0]!.use, raw.drift)}; ` +
      `through the app: ${bottleneckOf(cpu[1]!.use, app.drift)}`,
    distributions,
    figures: {
      subscribers: SUBSCRIBERS,
      rate: RATE,
      seconds: SECONDS,
      raw: failedFigures(raw),
      app: failedFigures(app),
    },
  };
}

// ─── B2 ─────────────────────────────────────────────────────────────────────────────────────

/** Soketi's RSS and PSS (KB): the median of three samples 250 ms apart (a collection may fall between). */
async function settledMemoryKb(root: number): Promise<{ rss: number; pss: number }> {
  const samples: Array<{ rss: number; pss: number }> = [];
  for (let i = 0; i < 3; i += 1) {
    if (i > 0) await sleep(250);
    samples.push(treeMemoryKb(root));
  }
  return { rss: median(samples.map((s) => s.rss)), pss: median(samples.map((s) => s.pss)) };
}

/**
 * The open-file limit (soft, hard) of a process; the soft one raised to the hard one first where
 * it is lower (`prlimit`, allowed without privileges), as `ulimit -n` would in a shell.
 */
function openFileLimit(pid: number): { soft: number; hard: number } {
  const read = () => {
    const line = /^Max open files\s+(\S+)\s+(\S+)/m.exec(
      readFileSync(`/proc/${pid}/limits`, "utf8"),
    );
    const value = (v: string | undefined) => (v === "unlimited" ? Infinity : Number(v ?? 0));
    return { soft: value(line?.[1]), hard: value(line?.[2]) };
  };
  const limit = read();
  if (limit.soft < limit.hard && Number.isFinite(limit.hard)) {
    const prlimit = findSystemTool(["prlimit"]);
    if (prlimit)
      spawnSync(prlimit, ["--pid", String(pid), `--nofile=${limit.hard}:${limit.hard}`], {
        stdio: "ignore",
      });
  }
  return read();
}

/**
 * B2 capacity: `count` connections, each on its own private-user channel (one student each),
 * all subscribed at once; the time until every one is subscribed, and Soketi's memory per
 * connection (after − before, ÷ count). Raw: signed locally, on the Soketi as it is after the
 * rate phases; app: each authorized through `POST /api/pusher/auth` with the student's session,
 * on a Soketi started afresh (so neither phase finds the other's freed memory to reuse).
 */
async function connectionCapacity(ctx: Context, wanted: number) {
  // Each connection is a file in Soketi and in one load process (they are spread over several).
  const margin = 500;
  for (const pid of [...ctx.fleet.pids, process.pid]) openFileLimit(pid);
  const soketiLimit = openFileLimit(ctx.stack.soketi.process.pid!).soft;
  const count = Math.min(wanted, soketiLimit - margin);
  if (count < wanted)
    ctx.log(`Soketi may open ${soketiLimit} files: ${count} connections instead of ${wanted}`);
  const students = await ctx.stack.createStudents(count);
  const WARM_UP = Math.min(1000, Math.ceil(count / 2));
  // "After" is sampled once the connections are idle this long (garbage of the handshakes left
  // to the collector; --quick keeps it short).
  const SETTLE_MS = ctx.quick ? 500 : 5000;
  const phases: Record<
    "raw" | "app",
    {
      ms: number;
      subscribed: number;
      failed: Counts;
      before: { rss: number; pss: number };
      after: { rss: number; pss: number };
      errors: string[];
    }
  > = {} as never;
  const cpu: ScenarioResult["cpu"] = [];
  for (const path of ["raw", "app"] as const) {
    if (path === "app") {
      await ctx.stack.restartSoketi({ kill: true });
      openFileLimit(ctx.stack.soketi.process.pid!);
    }
    // Warm-up: connections opened and closed first grow the heap's young generation to its
    // working size (tens of MB, whatever the connection count), so "before" already holds it.
    await ctx.fleet.connect(
      connectBase(ctx, 300),
      students.slice(0, WARM_UP).map((s) => ({ channels: [`private-user-${s.id}`] })),
    );
    await ctx.fleet.disconnect();
    await sleep(500);
    const soketiPid = ctx.stack.soketi.process.pid!;
    const before = await settledMemoryKb(soketiPid);
    const stop = ctx.meter();
    const result = await ctx.fleet.connect(
      connectBase(ctx, 300),
      students.map((s) => ({
        channels: [`private-user-${s.id}`],
        ...(path === "app" ? { cookie: s.cookie } : {}),
      })),
    );
    const use = stop();
    cpu.push({ phase: `capacity, ${path === "raw" ? "raw Soketi" : "through the app"}`, use });
    await sleep(SETTLE_MS);
    const after = await settledMemoryKb(soketiPid);
    phases[path] = {
      ms: result.ms,
      subscribed: result.ok,
      failed: result.failedBy,
      before,
      after,
      errors: result.errors,
    };
    ctx.log(
      `capacity, ${path}: ${result.ok} of ${count} subscribed in ${(result.ms / 1000).toFixed(1)} s, ` +
        `${failures(result.failedBy, "failed")}${result.errors.length ? ` (${result.errors[0]})` : ""}; ` +
        `Soketi RSS ${Math.round(before.rss / 1024)} → ${Math.round(after.rss / 1024)} MB; CPU % ${JSON.stringify(use)}`,
    );
    await ctx.fleet.disconnect();
  }
  const perConnection = (p: (typeof phases)["raw"], key: "rss" | "pss") =>
    (p.after[key] - p.before[key]) / Math.max(1, p.subscribed);
  const kb = (p: (typeof phases)["raw"]) =>
    `${perConnection(p, "rss").toFixed(2)} KB (PSS ${perConnection(p, "pss").toFixed(2)} KB)`;
  const seconds = (p: (typeof phases)["raw"]) => `${(p.ms / 1000).toFixed(1)} s`;
  const { raw, app } = phases;
  const n = count.toLocaleString("en-US");
  const rows: Row[] = [
    {
      what: `capacity: ${n} connections, each on its own private-user channel — time until all are subscribed (failed connections)`,
      raw: `${seconds(raw)}, signed locally (${failures(raw.failed)})`,
      app: `${seconds(app)}, ${perSecond(count / (app.ms / 1000))} (${failures(app.failed)})`,
      goal: "≤ 20 s, 0 failed",
      met: app.ms <= 20_000 && totalOf(app.failed) === 0,
    },
    {
      what: `capacity: Soketi's memory per connection (RSS after − before, ÷ ${n})`,
      raw: kb(raw),
      app: kb(app),
      goal: "≤ 5 KB",
      met: perConnection(app, "rss") <= 5,
    },
  ];
  const figures = {
    connections: count,
    wanted,
    soketiOpenFileLimit: soketiLimit,
    ...Object.fromEntries(
      Object.entries(phases).map(([name, p]) => [
        name,
        {
          ...p,
          failed: totalOf(p.failed),
          failedByStatus: p.failed,
          kbPerConnectionRss: perConnection(p, "rss"),
          kbPerConnectionPss: perConnection(p, "pss"),
        },
      ]),
    ),
  };
  return { rows, cpu, figures, count };
}

/**
 * B2: channel authorizations/s over 20 keep-alive connections, single and batched; then the
 * capacity: 19,000 (quick: 2,000) connections each authorized through the app.
 */
export async function channelAuthorization(ctx: Context): Promise<ScenarioResult> {
  const CONNECTIONS = 20;
  const DURATION = ctx.quick ? 2000 : 10_000;
  const { students, courseIds } = ctx.stack;
  const form = "application/x-www-form-urlencoded";
  const socketId = "1234.5678";
  const single = (channel: (s: (typeof students)[number], i: number) => string) =>
    students.map((s, i): RequestSpec => ({
      method: "POST",
      path: "/api/pusher/auth",
      cookie: s.cookie,
      contentType: form,
      body: new URLSearchParams({ socket_id: socketId, channel_name: channel(s, i) }).toString(),
      weight: 1,
    }));
  const batchChannels = (id: string) => [
    `private-user-${id}`,
    ...courseIds.map((c) => `private-course-${c}`),
  ];
  const kinds: Array<{ label: string; goal: number | null; requests: RequestSpec[] }> = [
    { label: "private-user, single", goal: 2000, requests: single((s) => `private-user-${s.id}`) },
    {
      label: "private-course, single",
      goal: 1500,
      requests: single((_, i) => `private-course-${courseIds[i % courseIds.length]}`),
    },
    {
      label: `batched: private-user + ${courseIds.length} private-course per request`,
      goal: 2000,
      requests: students.map((s) => ({
        method: "POST",
        path: "/api/pusher/auth/batch",
        cookie: s.cookie,
        contentType: "application/json",
        body: JSON.stringify({ socket_id: socketId, channels: batchChannels(s.id) }),
        weight: batchChannels(s.id).length,
      })),
    },
    {
      label: "reference: GET /api/me (session only)",
      goal: null,
      requests: students.map((s) => ({
        method: "GET",
        path: "/api/me",
        cookie: s.cookie,
        weight: 1,
      })),
    },
    {
      label: "reference: a static file (/robots.txt)",
      goal: null,
      requests: [{ method: "GET", path: "/robots.txt", weight: 1 }],
    },
  ];

  // The floor: the signature alone, as the server SDK makes it, in this process.
  const signer = new Pusher({
    appId: "1",
    key: "k",
    secret: ctx.stack.soketi.secret,
    host: "127.0.0.1",
  });
  let signatures = 0;
  const signEnd = performance.now() + 500;
  while (performance.now() < signEnd) {
    signer.authorizeChannel(socketId, `private-user-${students[signatures % students.length]!.id}`);
    signatures += 1;
  }
  const signingRate = signatures / 0.5;

  // Warm-up, not measured: the server's routes load and its code gets hot on first use.
  for (const kind of kinds) {
    await ctx.fleet.http(
      ctx.stack.webUrl,
      kind.requests.slice(-50),
      CONNECTIONS,
      ctx.quick ? 500 : 1000,
    );
  }

  const rows: Row[] = [];
  const cpu: ScenarioResult["cpu"] = [];
  const bars: NonNullable<ScenarioResult["bars"]>["values"] = [];
  const figures: Record<string, unknown> = { connections: CONNECTIONS, durationMs: DURATION };
  for (const kind of kinds) {
    const stop = ctx.meter();
    const result = await ctx.fleet.http(ctx.stack.webUrl, kind.requests, CONNECTIONS, DURATION);
    const use = stop();
    const rate = result.authorizations / (DURATION / 1000);
    const requestRate = result.requests / (DURATION / 1000);
    const latency = summarize(result.latencies);
    const { 200: _ok, ...failed } = result.statuses;
    const notOk = totalOf(failed) > 0 ? `, ${failures(failed, "failed")}` : "";
    ctx.log(
      `${kind.label}: ${perSecond(rate)} (${perSecond(requestRate)} requests, p50 ${ms(latency.p50)}, ` +
        `p99 ${ms(latency.p99)})${notOk}; CPU % ${JSON.stringify(use)}`,
    );
    cpu.push({ phase: kind.label, use });
    bars.push({ label: kind.label, series: "through the app", value: Math.round(rate) });
    figures[kind.label] = {
      rate,
      requestRate,
      latency,
      statuses: result.statuses,
      failed: totalOf(failed),
      failedByStatus: failed,
    };
    rows.push({
      what:
        kind.goal === null
          ? `${kind.label} (requests/s)`
          : `${kind.label} (channels signed/s; request p50 / p99 ${latency.p50} / ${latency.p99} ms)`,
      raw: kind.goal === null ? "—" : `signing alone: ${perSecond(signingRate)}`,
      app: perSecond(rate) + notOk,
      goal: kind.goal === null ? "—" : `≥ ${perSecond(kind.goal)}`,
      met: kind.goal === null ? null : rate >= kind.goal && totalOf(failed) === 0,
    });
  }
  const capacity = await connectionCapacity(ctx, ctx.quick ? 2000 : 19_000);
  rows.push(...capacity.rows);
  cpu.push(...capacity.cpu);
  return {
    id: "B2",
    title: "Channel authorization",
    setup:
      `${CONNECTIONS} keep-alive HTTP connections from the load processes, ${DURATION / 1000} s per ` +
      `kind, requests spread over ${students.length.toLocaleString("en-US")} students (each under ` +
      `the per-user limit of 1,200 a minute). Raw: the SDK's signature alone, no HTTP, in one process. ` +
      `Capacity: ${capacity.count.toLocaleString("en-US")} more students, one connection each on ` +
      `its own \`private-user-{id}\` channel, opened together (300 handshakes in flight, at most 48 ` +
      `requests to the app), spread over the load processes; app: each channel authorized with ` +
      `the student's session through \`POST /api/pusher/auth\` (Soketi started afresh first); raw: ` +
      `the same connections signed locally. Time: from the first handshake until every one is ` +
      `subscribed. Memory: Soketi's resident set (RSS, and PSS beside it) after minus before, ` +
      `divided by the connections; each the median of three samples, "before" taken after ` +
      `${Math.min(1000, Math.ceil(capacity.count / 2)).toLocaleString("en-US")} connections were ` +
      `opened and closed (the heap's young generation grown to its working size), "after" ` +
      `${ctx.quick ? "0.5" : "5"} s after the last one subscribed. Each channel's ` +
      `channel_occupied webhook reaches the web server meanwhile, in both phases.`,
    rows,
    cpu,
    bottleneck:
      `private-user, single: ${busiest(cpu[0]!.use)}; capacity through the app: ` +
      `${busiest(capacity.cpu[1]!.use)}`,
    bars: { unit: "channels signed (or requests) per second", values: bars },
    figures: { ...figures, signingRate, capacity: capacity.figures },
  };
}

// ─── B3 ─────────────────────────────────────────────────────────────────────────────────────

/** B3: one event to N subscribers of one channel: first and last copy, raw vs the app. */
export async function broadcast(ctx: Context): Promise<ScenarioResult> {
  const SUBSCRIBERS = ctx.quick ? 2000 : 10_000;
  const ROUNDS = ctx.quick ? 3 : 10;
  const RAW = "bench-broadcast";
  await connectAll(
    ctx,
    range(SUBSCRIBERS).map(() => ({ channels: [ANNOUNCEMENTS, RAW] })),
    200,
  );
  await ctx.fleet.reset();
  const starts = new Map<string, number>();
  const cpu: ScenarioResult["cpu"] = [];
  for (const path of ["raw", "app"] as const) {
    const stop = ctx.meter();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const tag = `${path} b3 #${round}`;
      starts.set(tag, now());
      if (path === "raw") await rawAnnouncement(ctx.stack.pusher, RAW, tag);
      else
        await postAnnouncement(ctx, ctx.stack.admins[round % ctx.stack.admins.length]!.cookie, tag);
      await sleep(ctx.quick ? 1500 : 2500);
    }
    cpu.push({ phase: path === "raw" ? "raw Soketi" : "through the app", use: stop() });
  }
  const receipts = await ctx.fleet.collect();
  await ctx.fleet.disconnect();
  const per = {
    raw: [] as Array<{ first: number; last: number; copies: number }>,
    app: [] as Array<{ first: number; last: number; copies: number }>,
  };
  for (const [tag, start] of starts) {
    const times = receipts.times[tag] ?? [];
    const path = tag.startsWith("raw") ? "raw" : "app";
    per[path].push({
      first: Math.min(...times) - start,
      last: Math.max(...times) - start,
      copies: times.length,
    });
  }
  const lastOf = (path: "raw" | "app") => median(per[path].map((r) => r.last));
  const firstOf = (path: "raw" | "app") => median(per[path].map((r) => r.first));
  const lost = (path: "raw" | "app") => per[path].reduce((n, r) => n + (SUBSCRIBERS - r.copies), 0);
  const ratio = lastOf("app") / lastOf("raw");
  ctx.log(
    `last copy (median of ${ROUNDS}): raw ${ms(lastOf("raw"))}, app ${ms(lastOf("app"))} (${ratio.toFixed(2)}×)`,
  );
  return {
    id: "B3",
    title: "Broadcast",
    setup:
      `${SUBSCRIBERS.toLocaleString("en-US")} subscribers on one channel (each also on a raw channel), ` +
      `${ROUNDS} rounds per path, one event per round. Raw: \`pusher.trigger()\` of the app's own new-announcement data (connections kept open, as the app's); app: ` +
      `\`POST /api/announcements\`. Times from the start of the request; median of the rounds.`,
    rows: [
      {
        what: "last copy (median of rounds)",
        raw: ms(lastOf("raw")),
        app: `${ms(lastOf("app"))} (${ratio.toFixed(2)}×)`,
        goal: "≤ 1.1× raw",
        met: ratio <= 1.1,
      },
      {
        what: "first copy (median of rounds)",
        raw: ms(firstOf("raw")),
        app: ms(firstOf("app")),
        goal: "—",
        met: null,
      },
      {
        what: "copies not received",
        raw: String(lost("raw")),
        app: String(lost("app")),
        goal: "0",
        met: lost("app") === 0,
      },
    ],
    cpu,
    bottleneck: `through the app: ${busiest(cpu[1]!.use)}`,
    bars: {
      unit: "ms to the last copy, per round",
      values: (["raw", "app"] as const).flatMap((path) =>
        per[path].map((r, i) => ({
          label: `round ${i + 1}`,
          series: path === "raw" ? "raw Soketi" : "through the app",
          value: Math.round(r.last * 10) / 10,
        })),
      ),
    },
    figures: { subscribers: SUBSCRIBERS, rounds: ROUNDS, per },
  };
}

// ─── B4 ─────────────────────────────────────────────────────────────────────────────────────

type BenchEvent = { message: RealtimeMessage; title: string };

/** Half one-channel (a notification), half two-channel (a payment to student and admins). */
function outboxEvents(prefix: string, count: number, userIds: string[]): BenchEvent[] {
  const courseId = testCuid();
  return range(count).map((i) => {
    const title = `${prefix} b4 #${i + 1}`;
    const userId = userIds[i % userIds.length]!;
    const message =
      i % 2 === 0
        ? realtimeMessages.notification(userId, {
            id: testCuid(),
            title,
            message: "Benchmark notification",
            type: "info",
          })
        : realtimeMessages.paymentReceived(userId, {
            paymentId: testCuid(),
            courseId,
            courseTitle: title,
            amountCents: 100,
            status: "PENDING",
          });
    return { message, title };
  });
}

const expectedCopies = (events: BenchEvent[]) =>
  events.reduce((n, e) => n + e.message.channels.length, 0);

/**
 * Waits until `expected` copies arrived, or none arrived for `idleMs`, or `maxMs` passed; then
 * the receipts.
 */
async function awaitCopies(
  ctx: Context,
  expected: number,
  { idleMs = 3000, maxMs = 60_000 } = {},
): Promise<Receipts> {
  let last = -1;
  let lastChange = performance.now();
  let lastLog = 0;
  const deadline = performance.now() + maxMs;
  for (;;) {
    const { copies } = await ctx.fleet.count();
    if (
      copies >= expected ||
      performance.now() - lastChange > idleMs ||
      performance.now() > deadline
    )
      return ctx.fleet.collect();
    if (copies !== last) {
      last = copies;
      lastChange = performance.now();
    }
    if (performance.now() - lastLog > 2000) {
      lastLog = performance.now();
      ctx.log(`${copies} of ${expected} copies received`);
    }
    await sleep(250);
  }
}

/**
 * Rate over the stretch from the first copy to the last (the app's sweeper finds rows committed
 * from outside within its interval; that wait is reported apart), copies lost, order.
 */
function deliveryFigures(receipts: Receipts, events: BenchEvent[], start: number) {
  let firstAt = Infinity;
  let lastAt = start;
  let copies = 0;
  for (const { title } of events) {
    for (const at of receipts.times[title] ?? []) {
      copies += 1;
      firstAt = Math.min(firstAt, at);
      lastAt = Math.max(lastAt, at);
    }
  }
  const channels = Object.values(receipts.channels);
  return {
    firstCopyMs: firstAt - start,
    seconds: (lastAt - firstAt) / 1000,
    rate: events.length / ((lastAt - firstAt) / 1000),
    lost: expectedCopies(events) - copies,
    duplicates: channels.reduce((n, c) => n + c.duplicates, 0),
    outOfOrder: channels.reduce((n, c) => n + c.outOfOrder, 0),
  };
}

/** B4: a backlog of queued events drained by the app's dispatcher vs publishing them raw. */
export async function outboxDrain(ctx: Context): Promise<ScenarioResult> {
  const EVENTS = ctx.quick ? 4000 : 20_000;
  const USERS = ctx.quick ? 100 : 200;
  const users = ctx.stack.students.slice(0, USERS).map((s) => s.id);
  // Signed locally: this scenario measures publishing, not authorization (B2).
  await connectAll(ctx, [
    ...users.map((id) => ({ channels: [`private-user-${id}`] })),
    { channels: ["private-admin-dashboard"] },
  ]);
  const cpu: ScenarioResult["cpu"] = [];
  const figures: Record<string, ReturnType<typeof deliveryFigures>> = {};

  // The app: rows written in one transaction as the app's outbox writer does, then drained.
  {
    const events = outboxEvents("app", EVENTS, users);
    for (const { message } of events.slice(0, 1)) {
      const check = prepareEvent({
        ...message,
        eventId: "check",
        occurredAt: new Date().toISOString(),
      });
      if (!check.ok) throw new Error(`invalid benchmark event: ${check.error}`);
    }
    await ctx.fleet.reset();
    const db = ctx.stack.db;
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('livecampus.outbox.seq'))`;
        for (let i = 0; i < events.length; i += 2000) {
          await tx.outboxEvent.createMany({
            data: events.slice(i, i + 2000).map(({ message }) => ({
              channels: [...message.channels],
              event: message.event,
              payload: message.payload as object,
            })),
          });
        }
      },
      { timeout: 60_000 },
    );
    const start = now();
    ctx.log(`app: ${EVENTS} events queued in the outbox (one transaction)`);
    const stop = ctx.meter();
    const receipts = await awaitCopies(ctx, expectedCopies(events));
    cpu.push({ phase: "app dispatcher", use: stop() });
    figures.app = deliveryFigures(receipts, events, start);
    ctx.log(`app: ${perSecond(figures.app.rate)}, ${figures.app.lost} lost`);
  }

  // Raw, the seed's way: one awaited trigger after another.
  {
    const events = outboxEvents("naive", EVENTS, users);
    await ctx.fleet.reset();
    const start = now();
    const stop = ctx.meter();
    for (const [i, { message }] of events.entries()) {
      await ctx.stack.pusher.trigger([...message.channels], message.event, message.payload);
      if ((i + 1) % 2000 === 0) ctx.log(`naive: ${i + 1} of ${EVENTS} triggered`);
    }
    const receipts = await awaitCopies(ctx, expectedCopies(events));
    cpu.push({ phase: "naive serial trigger", use: stop() });
    figures.naive = deliveryFigures(receipts, events, start);
    ctx.log(`naive: ${perSecond(figures.naive.rate)}, ${figures.naive.lost} lost`);
  }

  // Raw, batched: 10 events per batch call, 8 calls in flight (Pusher's batch limit).
  {
    const events = outboxEvents("batch", EVENTS, users);
    await ctx.fleet.reset();
    const entries = events.flatMap(({ message }) =>
      message.channels.map((channel) => ({
        channel,
        name: message.event,
        data: JSON.stringify(message.payload),
      })),
    );
    const start = now();
    const stop = ctx.meter();
    let next = 0;
    await Promise.all(
      range(8).map(async () => {
        while (next < entries.length) {
          const batch = entries.slice(next, next + 10);
          next += 10;
          await ctx.stack.pusher.triggerBatch(batch);
        }
      }),
    );
    const receipts = await awaitCopies(ctx, expectedCopies(events));
    cpu.push({ phase: "raw batched trigger", use: stop() });
    figures.batch = deliveryFigures(receipts, events, start);
    ctx.log(`raw batched: ${perSecond(figures.batch.rate)}, ${figures.batch.lost} lost`);
  }
  await ctx.fleet.disconnect();

  const { app, naive, batch } = figures as Record<
    "app" | "naive" | "batch",
    ReturnType<typeof deliveryFigures>
  >;
  return {
    id: "B4",
    title: "Outbox throughput",
    setup:
      `${EVENTS.toLocaleString("en-US")} events (half to one channel, half to two), each user ` +
      `channel with one subscriber (${USERS} users) and one admin-dashboard subscriber. App: rows ` +
      `committed in one transaction, drained by the app's dispatcher. Raw: the same events ` +
      `triggered one awaited call after another (the seed's publisher), and batched (10 per ` +
      `call, 8 calls in flight, no order kept). Raw and app keep their HTTP connections open. ` +
      `Rate: events over the stretch from the first copy to the last.`,
    rows: [
      {
        what: "events/s",
        raw: `naive serial ${perSecond(naive.rate)}; batched ${perSecond(batch.rate)}`,
        app: perSecond(app.rate),
        goal: "≥ 10,000/s",
        met: app.rate >= 10_000,
      },
      {
        what: "first copy after commit (or first call)",
        raw: `${ms(naive.firstCopyMs)}; ${ms(batch.firstCopyMs)}`,
        app: ms(app.firstCopyMs),
        goal: "—",
        met: null,
      },
      {
        what: "copies not received",
        raw: `${naive.lost}; ${batch.lost}`,
        app: String(app.lost),
        goal: "0",
        met: app.lost === 0,
      },
      {
        what: "per-channel order: out of order / duplicates",
        raw: `${naive.outOfOrder} / ${naive.duplicates}; ${batch.outOfOrder} / ${batch.duplicates}`,
        app: `${app.outOfOrder} / ${app.duplicates}`,
        goal: "0 / 0",
        met: app.outOfOrder === 0 && app.duplicates === 0,
      },
    ],
    cpu,
    bottleneck: `app dispatcher: ${busiest(cpu[0]!.use)}`,
    bars: {
      unit: "events per second",
      values: [
        { label: "app outbox", series: "through the app", value: Math.round(app.rate) },
        { label: "naive serial trigger", series: "raw Soketi", value: Math.round(naive.rate) },
        { label: "batched trigger", series: "raw Soketi", value: Math.round(batch.rate) },
      ],
    },
    figures: { events: EVENTS, users: USERS, ...figures },
  };
}

// ─── B5 ─────────────────────────────────────────────────────────────────────────────────────

/** How the app publishes a request's events (its REALTIME_PUBLISH switch, web/env.ts). */
type PublishMode = "outbox" | "off" | "inline";
const PUBLISH_MODES: Record<PublishMode, string> = {
  outbox: "realtime on (outbox)",
  off: "realtime off",
  inline: "the seed's inline `await trigger()`",
};

/**
 * B5: admins approving payments (`POST /api/payments/{id}/approve`): the request's latency with
 * realtime on (the outbox), off, and the seed's inline `await trigger()` (the web server
 * restarted with REALTIME_PUBLISH=off, =inline), and the delivery of its `payment-approved` to the
 * student's private channel beside a raw trigger to such a channel at the same rate.
 */
export async function writePath(ctx: Context): Promise<ScenarioResult> {
  const APPROVALS = ctx.quick ? 100 : 750;
  // Approvals before each app phase, not measured: a web server just started loads and compiles
  // its routes on first use.
  const WARM_UP = 25;
  const RATE = 25;
  const USERS = 200;
  const { db, students, admins } = ctx.stack;
  const users = students.slice(0, USERS).map((s) => s.id);
  const modes: PublishMode[] = ["outbox", "off", "inline"];
  // Per mode, one course per payment: its title (in the event as courseTitle) tells the copies
  // apart; every approval approves a payment of its own that is still PENDING.
  const payments: Record<
    PublishMode,
    Array<{ id: string; studentId: string; courseId: string; amountCents: number }>
  > = { outbox: [], off: [], inline: [] };
  for (const mode of modes) {
    const courses = range(APPROVALS + WARM_UP).map((i) => ({
      id: testCuid(),
      title: `${mode} b5 #${i + 1}`,
      teacherId: ctx.stack.teacherId,
      priceCents: 10_000,
    }));
    await db.course.createMany({ data: courses });
    payments[mode] = courses.map((course, i) => ({
      id: testCuid(),
      studentId: users[i % users.length]!,
      courseId: course.id,
      amountCents: 100,
    }));
    await db.enrollment.createMany({
      data: payments[mode].map((p) => ({ studentId: p.studentId, courseId: p.courseId })),
    });
    await db.payment.createMany({ data: payments[mode] });
  }
  await connectAll(
    ctx,
    users.map((id) => ({ channels: [`private-user-${id}`] })),
  );

  const cpu: ScenarioResult["cpu"] = [];
  const distributions: Record<string, number[]> = {};
  type Phase = {
    delivery: Summary;
    lost: number;
    received: number;
    failed: Counts;
    requests: Summary;
    outboxRows: number;
  };
  const phases: Partial<Record<"raw" | PublishMode, Phase>> = {};
  const approve = (mode: PublishMode) => (i: number) =>
    appRequest(ctx, `/api/payments/${payments[mode][i]!.id}/approve`, {
      method: "POST",
      headers: { cookie: admins[i % admins.length]!.cookie },
    });
  const rawTrigger = (i: number, tag: string) => {
    const payment = payments.outbox[i]!;
    return triggerStatus(
      ctx.stack.pusher.trigger(`private-user-${payment.studentId}`, "payment-approved", {
        paymentId: payment.id,
        courseId: payment.courseId,
        courseTitle: tag,
        amountCents: 100,
        status: "COMPLETED",
      }),
    );
  };
  for (const path of ["raw", ...modes] as const) {
    // Every mode measured alike: on a web server started with it.
    if (path !== "raw") {
      ctx.log(`restarting the web server with REALTIME_PUBLISH=${path}`);
      await ctx.stack.restartWeb({ env: { REALTIME_PUBLISH: path } });
    }
    if (path !== "raw")
      await pacedPhase(ctx, {
        name: `${path} (warm-up)`,
        rate: RATE,
        count: WARM_UP,
        tag: (i) => `${path} b5 #${APPROVALS + i + 1}`,
        send: (i) => approve(path)(APPROVALS + i),
        ok: 200,
        // Its copies arrive before the measured phase counts any.
        copies: path === "off" ? 0 : 1,
      });
    const rowsBefore = await db.outboxEvent.count();
    const phase = await pacedPhase(ctx, {
      name: path,
      rate: RATE,
      count: APPROVALS,
      tag: (i) => `${path} b5 #${i + 1}`,
      send: path === "raw" ? rawTrigger : approve(path),
      ok: 200,
      // Off publishes nothing: what still arrives shows within a moment, no idle wait needed.
      copies: path === "off" ? 0 : 1,
    });
    if (path === "off") {
      await sleep(500);
      phase.receipts = await ctx.fleet.collect();
    }
    const label = path === "raw" ? "raw Soketi" : PUBLISH_MODES[path];
    cpu.push({ phase: path === "outbox" ? "through the app" : label, use: phase.use });
    const { values, lost } = latencies(phase.receipts, phase.starts, 1);
    phases[path] = {
      delivery: summarize(values),
      lost,
      received: values.length,
      failed: phase.failed,
      requests: summarize(phase.requestMs),
      outboxRows: (await db.outboxEvent.count()) - rowsBefore,
    };
    if (path === "raw" || path === "outbox")
      distributions[path === "raw" ? "raw Soketi" : "through the app"] = quantiles(values);
    if (path === "inline") distributions["through the app, inline trigger"] = quantiles(values);
    const p = phases[path];
    ctx.log(
      `${path}: request p50 ${ms(p.requests.p50)}, p99 ${ms(p.requests.p99)}; ` +
        (p.received > 0 ? `delivery p50 ${ms(p.delivery.p50)}, p99 ${ms(p.delivery.p99)}, ` : "") +
        `${p.received} copies received, ${p.outboxRows} outbox rows; ${failures(p.failed, "failed")}`,
    );
  }
  // The web server keeps REALTIME_PUBLISH=inline: the runner restarts it in its default mode
  // before a scenario that needs it (stack.webEnvChanged).
  await ctx.fleet.disconnect();

  const raw = phases.raw!;
  const on = phases.outbox!;
  const { off, inline } = phases;
  // The switch works when "off" stored and published nothing.
  const honoured = off ? off.received === 0 && off.outboxRows === 0 : false;
  const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
  const ratio = (a: Summary, b: Summary) =>
    `${(a.p50 / b.p50).toFixed(2)}× / ${(a.p99 / b.p99).toFixed(2)}×`;
  const missing = !honoured
    ? `not measured: the server ignored REALTIME_PUBLISH (with =off ${off!.received} copies arrived, ${off!.outboxRows} outbox rows written)`
    : null;
  const rows: Row[] = [
    {
      what: `approve request p50 / p99, ${PUBLISH_MODES.outbox}`,
      raw: "—",
      app:
        pair(on.requests) + (off && honoured ? ` (${ratio(on.requests, off.requests)} off)` : ""),
      goal:
        off && honoured
          ? `≤ 1.1× off (${ms(1.1 * off.requests.p50)} / ${ms(1.1 * off.requests.p99)})`
          : "≤ 1.1× off",
      met:
        off && honoured
          ? on.requests.p50 <= 1.1 * off.requests.p50 && on.requests.p99 <= 1.1 * off.requests.p99
          : null,
    },
    {
      what: `approve request p50 / p99, ${PUBLISH_MODES.off}`,
      raw: "—",
      app: missing ?? pair(off!.requests),
      goal: "—",
      met: null,
    },
    {
      what: `approve request p50 / p99, ${PUBLISH_MODES.inline}`,
      raw: "—",
      app: missing ?? `${pair(inline!.requests)} (${ratio(inline!.requests, off!.requests)} off)`,
      goal: "—",
      met: null,
    },
    {
      what: "delivery to the private channel p50 / p99 (outbox)",
      raw: pair(raw.delivery),
      app: pair(on.delivery),
      goal: `p99 ≤ raw p99 + 5 ms (${ms(raw.delivery.p99 + 5)})`,
      met: on.delivery.p99 <= raw.delivery.p99 + 5,
    },
    ...(missing
      ? []
      : [
          {
            what: "delivery p50 / p99 with the seed's inline trigger",
            raw: pair(raw.delivery),
            app: pair(inline!.delivery),
            goal: "—",
            met: null,
          },
        ]),
    lostAndFailed(raw, on),
    ...(missing
      ? []
      : [
          {
            what: "requests failed, realtime off; inline (copies not received, inline)",
            raw: "—",
            app: `${failures(off!.failed)}; ${failures(inline!.failed)} (${inline!.lost})`,
            goal: "0; 0 (0)",
            met: totalOf(off!.failed) + totalOf(inline!.failed) + inline!.lost === 0,
          },
        ]),
  ];
  return {
    id: "B5",
    title: "Write path",
    setup:
      `${APPROVALS.toLocaleString("en-US")} payments approved by admins at ${RATE}/s per phase ` +
      `(\`POST /api/payments/{id}/approve\`; before each app phase ${WARM_UP} more, not ` +
      `measured, warm the server up), each student (${USERS}) subscribed to their ` +
      `private-user channel. ` +
      `Phases: the web server restarted with \`REALTIME_PUBLISH=outbox\` (realtime on, the ` +
      `default), \`=off\` (nothing stored or published) and \`=inline\` (the seed's design: ` +
      `the request awaits the trigger after commit). ` +
      `Delivery: from the start of the request to the receipt of \`payment-approved\`; ` +
      `raw: \`pusher.trigger()\` of the same event to the same channels at the same rate.`,
    rows,
    cpu,
    bottleneck: `through the app: ${busiest(cpu[1]!.use)}`,
    distributions,
    figures: {
      approvals: APPROVALS,
      rate: RATE,
      users: USERS,
      switchHonoured: honoured,
      ...(missing ? { notMeasured: missing } : {}),
      ...Object.fromEntries(
        Object.entries(phases).map(([name, phase]) => [name, failedFigures(phase)]),
      ),
    },
  };
}

/**
 * Deliveries per second Soketi sustains to `subscribers` connections (on `wsUrls`, round-robin)
 * of one channel: `inFlight` raw triggers kept in flight to each of `targets` for `seconds`;
 * copies counted over that stretch after its first second. Then waits for the rest.
 */
async function sustainedDeliveries(
  ctx: Context,
  options: {
    name: string;
    targets: Pusher[];
    wsUrls: string[];
    subscribers: number;
    seconds: number;
    inFlight: number;
  },
) {
  const { name, targets, wsUrls, subscribers, seconds, inFlight } = options;
  const channel = "bench-aggregate";
  await connectAll(
    ctx,
    range(subscribers).map((i) => ({
      channels: [channel],
      wsUrl: wsUrls[i % wsUrls.length],
      countOnly: true,
    })),
    200,
  );
  await ctx.fleet.reset();
  const failed: Counts = {};
  let triggers = 0;
  const stop = ctx.meter();
  const started = performance.now();
  const end = started + seconds * 1000;
  let window: { from: number; copies: number } | undefined;
  const sampler = (async () => {
    await sleep(1000);
    window = { from: performance.now(), copies: (await ctx.fleet.count()).copies };
  })();
  await Promise.all(
    targets.flatMap((target) =>
      range(inFlight).map(async () => {
        while (performance.now() < end) {
          triggers += 1;
          const status = await triggerStatus(
            target.trigger(channel, "bench", { title: `${name} aggregate` }),
          );
          if (status !== 200) addCount(failed, status);
        }
      }),
    ),
  );
  await sampler;
  const copies = (await ctx.fleet.count()).copies - window!.copies;
  const rate = copies / ((performance.now() - window!.from) / 1000);
  const use = stop();
  await awaitCopies(ctx, triggers * subscribers, { maxMs: 20_000 });
  const received = (await ctx.fleet.count()).copies;
  await ctx.fleet.disconnect();
  const lost = triggers * subscribers - received;
  ctx.log(
    `${name}: ${perSecond(rate)} deliveries (${triggers} triggers to ${subscribers} subscribers), ` +
      `${lost} not received, ${failures(failed, "failed triggers")}; CPU % ${JSON.stringify(use)}`,
  );
  return { rate, triggers, lost, failed, use };
}

// ─── B6 ─────────────────────────────────────────────────────────────────────────────────────

/**
 * B6: three Soketi nodes on one Redis, the app publishing to node 1: delivery to subscribers on
 * node 1 (same node) and on nodes 2 and 3 (across Redis), raw and through the app. Runs last: the
 * web server is moved to the cluster.
 */
export async function cluster(ctx: Context): Promise<ScenarioResult> {
  const PER_NODE = 333;
  const RATE = 50;
  const SECONDS = ctx.quick ? 3 : 20;
  const redisServer = findSystemTool(["redis-server"]);
  if (!redisServer) throw new Error("B6 needs redis-server (apt-get install redis-server)");
  const redisPort = (await getFreePort())!;
  const redis = spawn(
    redisServer,
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const nodes: SoketiHandle[] = [];
  try {
    for (let i = 0; i < 3; i += 1) {
      nodes.push(
        await startSoketi({
          port: (await getFreePort())!,
          metricsPort: (await getFreePort())!,
          ...ctx.stack.credentials,
          redisUrl: `redis://127.0.0.1:${redisPort}`,
          quiet: true,
          env: { NODE_ENV: "production" },
        }),
      );
    }
    ctx.stack.soketiPids.push(redis.pid!, ...nodes.map((n) => n.process.pid!));
    ctx.log(`3 Soketi nodes on Redis; the web server now publishes to node 1`);
    await ctx.stack.restartWeb({
      pusherPort: nodes[0]!.port,
      metricsUrl: nodes.map((n) => `http://127.0.0.1:${n.metricsPort}/metrics`).join(","),
    });
    const rawChannels = nodes.map((_, i) => `bench-cluster-${i + 1}`);
    await connectAll(
      ctx,
      range(PER_NODE * 3).map((i) => ({
        channels: [ANNOUNCEMENTS, rawChannels[i % 3]!],
        wsUrl: nodes[i % 3]!.wsUrl,
        group: `node${(i % 3) + 1}`,
      })),
    );
    const node1 = new Pusher({
      ...ctx.stack.credentials,
      host: "127.0.0.1",
      port: String(nodes[0]!.port),
      useTLS: false,
      cluster: "mt1",
    });
    const cpu: ScenarioResult["cpu"] = [];
    const figures: Record<string, { same: Summary; cross: Summary; lost: number; failed: Counts }> =
      {};
    const distributions: Record<string, number[]> = {};
    for (const path of ["raw", "app"] as const) {
      const phase = await pacedPhase(ctx, {
        name: path,
        rate: RATE,
        count: RATE * SECONDS,
        tag: (i) => `${path} b6 #${i + 1}`,
        ...rawOrAnnouncement(ctx, path, (tag) =>
          node1.trigger(rawChannels, "bench", { title: tag }),
        ),
        copies: PER_NODE * 3,
      });
      const { starts, receipts, failed } = phase;
      cpu.push({ phase: path === "raw" ? "raw Soketi" : "through the app", use: phase.use });
      const byNode = nodes.map((_, k) =>
        latencies(
          receipts,
          new Map([...starts].map(([tag, start]) => [`node${k + 1}|${tag}`, start])),
          PER_NODE,
        ),
      );
      const same = summarize(byNode[0]!.values);
      const crossValues = [...byNode[1]!.values, ...byNode[2]!.values];
      const cross = summarize(crossValues);
      figures[path] = { same, cross, lost: byNode.reduce((n, b) => n + b.lost, 0), failed };
      const label = path === "raw" ? "raw Soketi" : "through the app";
      distributions[`${label}, same node`] = quantiles(byNode[0]!.values);
      distributions[`${label}, across Redis`] = quantiles(crossValues);
      ctx.log(
        `${path}: same node p99 ${ms(same.p99)}, across Redis p99 ${ms(cross.p99)}, ` +
          `${figures[path].lost} not received, ${failures(failed, "failed requests")}`,
      );
    }
    await ctx.fleet.disconnect();

    // Aggregate: one node (the stack's own Soketi, in-memory adapter) with every subscriber and
    // every trigger, against the three nodes with a third of the subscribers and triggers each.
    const aggregateOptions = {
      subscribers: PER_NODE * 3,
      seconds: ctx.quick ? 3 : 10,
      inFlight: 4,
    };
    const one = await sustainedDeliveries(ctx, {
      name: "one node",
      targets: [ctx.stack.pusher],
      wsUrls: [ctx.stack.soketi.wsUrl],
      ...aggregateOptions,
    });
    cpu.push({ phase: "aggregate, one node", use: one.use });
    const three = await sustainedDeliveries(ctx, {
      name: "three nodes",
      targets: nodes.map(
        (n) =>
          new Pusher({
            ...ctx.stack.credentials,
            host: "127.0.0.1",
            port: String(n.port),
            useTLS: false,
            cluster: "mt1",
          }),
      ),
      wsUrls: nodes.map((n) => n.wsUrl),
      ...aggregateOptions,
    });
    cpu.push({ phase: "aggregate, three nodes", use: three.use });
    const scale = three.rate / one.rate;
    const { raw, app } = figures as Record<"raw" | "app", (typeof figures)[string]>;
    const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
    return {
      id: "B6",
      title: "Three Soketi nodes on Redis",
      setup:
        `Three Soketi nodes on one redis-server, ${PER_NODE} subscribers on each, ${RATE} ` +
        `events/s for ${SECONDS} s per path, published to node 1 (raw: one trigger to a channel ` +
        `per node; app: \`POST /api/announcements\` with the web server on node 1). Same node: ` +
        `the subscribers of node 1; across Redis: those of nodes 2 and 3. Aggregate: ` +
        `${aggregateOptions.subscribers} subscribers of one channel, raw triggers to it kept in ` +
        `flight (${aggregateOptions.inFlight} per node) for ${aggregateOptions.seconds} s, copies ` +
        `counted over all but the first second; one node: the stack's own Soketi (in-memory ` +
        `adapter) with every subscriber and trigger; three nodes: a third of the subscribers and ` +
        `of the triggers on each.`,
      rows: [
        {
          what: "same node p50 / p99",
          raw: pair(raw.same),
          app: pair(app.same),
          goal: "—",
          met: null,
        },
        {
          what: "across Redis p50 / p99",
          raw: pair(raw.cross),
          app: pair(app.cross),
          goal: "p99 ≤ same-node p99 + 5 ms",
          met: app.cross.p99 <= app.same.p99 + 5,
        },
        lostAndFailed(raw, app),
        {
          what: `aggregate deliveries/s, three nodes vs one (raw triggers, ${aggregateOptions.inFlight} in flight per node)`,
          raw:
            `${perSecond(three.rate)} vs ${perSecond(one.rate)}: ${scale.toFixed(2)}×; ` +
            `${three.lost + one.lost} not received, ` +
            `${failures(mergedCounts(one.failed, three.failed), "failed")}`,
          rawMet: scale >= 1.5 && three.lost + one.lost === 0,
          app: "— (the web server publishes to one node)",
          goal: "≥ 1.5× one node",
          met: null,
        },
      ],
      cpu,
      bottleneck:
        `through the app: ${busiest(cpu[1]!.use)}; aggregate, one node: ${busiest(one.use)}; ` +
        `aggregate, three nodes: ${busiest(three.use)}`,
      distributions,
      figures: {
        perNode: PER_NODE,
        rate: RATE,
        seconds: SECONDS,
        raw: failedFigures(raw),
        app: failedFigures(app),
        aggregate: {
          ...aggregateOptions,
          oneNode: failedFigures(one),
          threeNodes: failedFigures(three),
          ratio: scale,
        },
      },
    };
  } finally {
    // Nothing is connected any more: no grace period to wait for.
    for (const node of nodes) node.process.kill("SIGKILL");
    await Promise.all(nodes.map((n) => n.stop()));
    redis.kill("SIGTERM");
    await exited(redis);
  }
}

// ─── B7 ─────────────────────────────────────────────────────────────────────────────────────

/**
 * B7: clients on a private-user and a private-course channel each, Soketi restarted under them:
 * how long until every one is subscribed again, counted from the moment the new Soketi is
 * ready. Raw: the clients sign locally; app: each re-authorizes through
 * `POST /api/pusher/auth/batch` with its session.
 */
export async function massReconnect(ctx: Context): Promise<ScenarioResult> {
  const CLIENTS = ctx.quick ? 500 : 5000;
  const { students, courseIds } = ctx.stack;
  const cpu: ScenarioResult["cpu"] = [];
  const figures: Record<string, { downMs: number; allMs: number; p50Ms: number; missing: number }> =
    {};
  for (const path of ["raw", "app"] as const) {
    const specs = range(CLIENTS).map((i): ConnectionSpec => {
      const student = students[i % students.length]!;
      return {
        channels: [
          `private-user-${student.id}`,
          `private-course-${courseIds[i % courseIds.length]}`,
        ],
        reconnect: true,
        ...(path === "app" ? { cookie: student.cookie, batch: true } : {}),
      };
    });
    await connectAll(ctx, specs, 64);
    await ctx.fleet.reset();
    const stop = ctx.meter();
    const stopped = now();
    await ctx.stack.restartSoketi();
    const ready = now();
    ctx.log(`${path}: Soketi restarted (${ms(ready - stopped)} down); clients reconnecting`);
    const deadline = performance.now() + (ctx.quick ? 60_000 : 120_000);
    let lastLog = performance.now();
    while ((await ctx.fleet.count()).resubscribed < CLIENTS && performance.now() < deadline) {
      await sleep(250);
      if (performance.now() - lastLog > 2000) {
        lastLog = performance.now();
        ctx.log(
          `${path}: ${(await ctx.fleet.count()).resubscribed} of ${CLIENTS} subscribed again`,
        );
      }
    }
    const receipts = await ctx.fleet.collect();
    cpu.push({ phase: path === "raw" ? "raw Soketi" : "through the app", use: stop() });
    const after = receipts.resubscribed.map((t) => t - ready);
    figures[path] = {
      downMs: ready - stopped,
      allMs: Math.max(...after),
      p50Ms: median(after),
      missing: CLIENTS - after.length,
    };
    ctx.log(
      `${path}: all subscribed again ${ms(figures[path].allMs)} after Soketi was ready, ` +
        `${figures[path].missing} missing`,
    );
    await ctx.fleet.disconnect();
  }
  const { raw, app } = figures as Record<"raw" | "app", (typeof figures)[string]>;
  const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
  return {
    id: "B7",
    title: "Mass reconnect",
    setup:
      `${CLIENTS.toLocaleString("en-US")} clients (${students.length.toLocaleString("en-US")} students, ` +
      `several connections each), each on its private-user channel and a private-course ` +
      `channel; Soketi stopped (SIGTERM) and started again on the same port. Clients retry every ` +
      `second with jitter. Raw: signed locally; app: authorized again through ` +
      `\`POST /api/pusher/auth/batch\`. Times from the moment the new Soketi answered /ready.`,
    rows: [
      {
        what: "all subscribed again",
        raw: seconds(raw.allMs),
        app: seconds(app.allMs),
        goal: "≤ 10 s",
        met: app.allMs <= 10_000 && app.missing === 0,
      },
      {
        what: "half subscribed again",
        raw: seconds(raw.p50Ms),
        app: seconds(app.p50Ms),
        goal: "—",
        met: null,
      },
      {
        what: `not subscribed again within ${ctx.quick ? 60 : 120} s`,
        raw: String(raw.missing),
        app: String(app.missing),
        goal: "0",
        met: app.missing === 0,
      },
      {
        what: "Soketi down (stop → ready)",
        raw: seconds(raw.downMs),
        app: seconds(app.downMs),
        goal: "—",
        met: null,
      },
    ],
    cpu,
    bottleneck: `through the app: ${busiest(cpu[1]!.use)}`,
    figures: { clients: CLIENTS, raw, app },
  };
}
