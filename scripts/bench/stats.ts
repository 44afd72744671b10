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

/** CPU seconds (user + system) of a group's processes, now. */
function cpuSeconds(group: ProcessGroup): number {
  let ticks = 0;
  const seen = new Set<number>();
  for (const root of group.pids()) {
    for (const pid of group.tree ? processTree(root) : [root]) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // exited meanwhile
      }
    }
  }
  return ticks / CLOCK_TICKS;
}

/** CPU use per group, in % of one core, over a measured stretch. */
export type CpuUse = Record<string, number>;

/**
 * Starts measuring the CPU time of named process groups; the returned function gives each
 * group's use (in % of one core) since then. Processes that exited meanwhile are not counted.
 */
export function cpuMeter(groups: Record<string, ProcessGroup>): () => CpuUse {
  const start = performance.now();
  const before = Object.fromEntries(
    Object.entries(groups).map(([name, group]) => [name, cpuSeconds(group)]),
  );
  return () => {
    const seconds = (performance.now() - start) / 1000;
    return Object.fromEntries(
      Object.entries(groups).map(([name, group]) => [
        name,
        Math.round(((cpuSeconds(group) - before[name]!) / seconds) * 100),
      ]),
    );
  };
}
