// Which process listens on a TCP port — for "port N is already in use by X" messages.
import { readFile, readdir, readlink } from "node:fs/promises";

export interface PortOwner {
  pid: number;
  /** Short process name from /proc/<pid>/comm, e.g. "postgres" or "node". */
  name: string;
}

/**
 * Best effort: the process listening on `port`, read from Linux /proc. Null elsewhere, when
 * nobody listens, or when the owner is not visible to us. For error messages only.
 */
export async function findPortOwner(port: number): Promise<PortOwner | null> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue rx_queue tr tm->when retrnsmt uid timeout inode
      const cols = line.trim().split(/\s+/);
      const [, local, , state] = cols;
      const inode = cols[9];
      if (!local || state !== "0A" /* LISTEN */ || !inode || inode === "0") continue;
      if (Number.parseInt(local.split(":").pop() ?? "", 16) === port) inodes.add(inode);
    }
  }
  if (inodes.size === 0) return null;
  const pids = (await readdir("/proc").catch(() => [] as string[])).filter((entry) =>
    /^\d+$/.test(entry),
  );
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const name = (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "unknown")).trim();
        return { pid: Number(pid), name };
      }
    }
  }
  return null;
}
