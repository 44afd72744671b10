// Figures of `pnpm bench`: latency summaries, and the CPU time processes spent meanwhile.
import { readFileSync } from "node:fs";
import { processTree } from "../../tests/faults/db-outage";

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number };

/** The `q`-quantile (0…1) of ascending `sorted`, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50/p95/p99/max of `values` (ms), rounded to 0.1. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** The median of `values`. */
export const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** A group of processes: their ids, and whether their descendants count too. */
export type ProcessGroup = { pids: () => readonly number[]; tree: boolean };

/**
 * CPU ticks (user + system) per process of a group, now. In a tree, a process's ticks include
 * those of its exited children (cutime, cstime): a child counts there once it exits and leaves
 * the tree, so short-lived ones (PostgreSQL backends) are not lost.
 */
function cpuTicks(group: ProcessGroup): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const root of group.pids()) {
    for (const pid of group.tree ? processTree(root) : [root]) {
      if (ticks.has(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat
          .slice(stat.lastIndexOf(")") + 2)
          .split(" ")
          .map(Number);
        ticks.set(pid, f[11]! + f[12]! + (group.tree ? f[13]! + f[14]! : 0));
      } catch {
        // exited meanwhile
      }
    }
  }
  return ticks;
}

/** CPU use per group, in % of one core, over a measured stretch. */
export type CpuUse = Record<string, number>;

/**
 * Starts measuring the CPU time of named process groups; the returned function gives each
 * group's use (in % of one core) since then. A process that exited meanwhile counts only if
 * its parent is in the group's tree.
 */
export function cpuMeter(groups: Record<string, ProcessGroup>): () => CpuUse {
  const start = performance.now();
  const before = new Map(Object.entries(groups).map(([name, group]) => [name, cpuTicks(group)]));
  return () => {
    const seconds = (performance.now() - start) / 1000;
    return Object.fromEntries(
      Object.entries(groups).map(([name, group]) => {
        // Per process: one that started meanwhile counts from 0, one that exited is left out.
        let ticks = 0;
        for (const [pid, now] of cpuTicks(group))
          ticks += Math.max(0, now - (before.get(name)!.get(pid) ?? 0));
        return [name, Math.round((ticks / CLOCK_TICKS / seconds) * 100)];
      }),
    );
  };
}

/**
 * Share of all cores in use over a stretch at which the machine itself is the limit: the
 * processes then wait for a core, and latency measures the machine, not the path under test.
 */
export const SATURATED_SHARE = 0.9;

/** Every group's use added up, in % of one core. */
export const cpuTotal = (use: CpuUse) => Object.values(use).reduce((a, b) => a + b, 0);

/** Whether the groups together used SATURATED_SHARE of the machine's `cores` or more. */
export const saturated = (use: CpuUse, cores: number) =>
  cpuTotal(use) >= SATURATED_SHARE * cores * 100;

/**
 * The bottleneck a stretch's CPU use names: the busiest process group, or the machine's cores
 * when together the groups used SATURATED_SHARE of them or more (`cores` × 100 % in all).
 */
export function busiest(use: CpuUse, cores: number): string {
  const [name, percent] = Object.entries(use).sort((a, b) => b[1] - a[1])[0]!;
  if (!saturated(use, cores)) return `${name} (${percent} % of one core)`;
  return (
    `the machine's CPU (${cpuTotal(use)} % of its ${cores * 100} % in use, most by ${name} at ` +
    `${percent} %): every process waits for a core, so the figures measure the machine more ` +
    `than the path`
  );
}

/** Counts by key; for failures the key is the HTTP status (0: a network error or a timeout). */
export type Counts = Record<string, number>;

/** Adds `n` to `counts[key]`. */
export function addCount(counts: Counts, key: string | number, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** Adds every count of `from` to `into`. */
export function addCounts(into: Counts, from: Counts): void {
  for (const [key, n] of Object.entries(from)) addCount(into, key, n);
}

export const totalOf = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Failures with their statuses, most frequent first: `237 (429×230, 0×7)`, or with a word after
 * the number `237 failed (429×230, 0×7)`; `0` (`0 failed`) when there are none.
 */
export function failures(counts: Counts, word?: string): string {
  const total = totalOf(counts);
  const head = word ? `${total} ${word}` : String(total);
  if (total === 0) return head;
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
    .map(([status, n]) => `${status}×${n}`);
  return `${head} (${parts.join(", ")})`;
}

/**
 * A CPU as a run's machine facts name it: a model name such as "AMD EPYC" covers processors
 * years apart, so the family and model numbers of Linux's /proc/cpuinfo (its first processor)
 * and the clock in MHz (Node's figure, else cpuinfo's) are added when known.
 */
export function describeCpu(model: string, mhz: number, cpuinfo: string): string {
  const first = cpuinfo.split("\n\n")[0] ?? "";
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, "m").exec(first)?.[1];
  const family = field("cpu family")?.trim();
  const number = field("model")?.trim();
  const numbers = family && number ? ` (family ${family}, model ${number})` : "";
  // Node reports 0 MHz on some virtual machines whose cpuinfo still says the clock.
  const speed = mhz > 0 ? mhz : Number(field("cpu MHz") ?? 0);
  const clock = speed > 0 ? ` at ${Math.round(speed).toLocaleString("en-US")} MHz` : "";
  return `${model.trim()}${numbers}${clock}`;
}
