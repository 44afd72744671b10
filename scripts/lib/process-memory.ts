// Memory and open files of a process and everything below it, read from /proc (Linux).
import { readdirSync, readFileSync } from "node:fs";
import { processTree } from "../../tests/faults/db-outage";

/**
 * Resident memory (KB) and open file descriptors of `root` and its descendants: RSS, PSS (the
 * proportional set size: pages shared between processes split among them, so PostgreSQL's
 * shared buffers count once), and the part of PSS in shared memory (PSS_Shmem).
 */
export function treeMemoryKb(root: number): {
  rss: number;
  pss: number;
  pssShmem: number;
  handles: number;
} {
  const total = { rss: 0, pss: 0, pssShmem: 0, handles: 0 };
  for (const pid of processTree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0);
      total.rss += kb("Rss");
      total.pss += kb("Pss");
      total.pssShmem += kb("Pss_Shmem");
      total.handles += readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      // exited meanwhile
    }
  }
  return total;
}
