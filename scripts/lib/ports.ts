import dgram from "node:dgram";
import net from "node:net";
import getPort from "get-port";

/** Hosts checked by {@link isPortFree}: loopback (what clients use) and the wildcard (what servers such as Soketi bind). */
export const PORT_CHECK_HOSTS = ["127.0.0.1", "0.0.0.0"] as const;

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE" || err.code === "EACCES") resolve(false);
      // An address family the machine lacks (no IPv6, …) says nothing about the port.
      else if (err.code === "EADDRNOTAVAIL" || err.code === "EAFNOSUPPORT") resolve(true);
      else reject(err);
    });
    // exclusive: do not share a handle with a cluster primary; we want the real kernel answer.
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/**
 * True when nothing listens on `port`: it can be bound on 127.0.0.1 AND on 0.0.0.0.
 * Checking both catches a server bound to loopback only (which would make a later
 * 0.0.0.0 bind fail) and one bound to the wildcard.
 */
export async function isPortFree(
  port: number,
  hosts: readonly string[] = PORT_CHECK_HOSTS,
): Promise<boolean> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`Invalid port ${String(port)}: expected an integer between 1 and 65535`);
  }
  for (const host of hosts) {
    if (!(await canListen(port, host))) return false;
  }
  return true;
}

/**
 * A TCP port that is free right now, never one this process already handed out (get-port's
 * `reserve`: two calls in a row differ even before the first caller has bound its port). The
 * kernel picks it; isPortFree() then confirms it on 127.0.0.1 and 0.0.0.0. There is an
 * unavoidable race until the caller binds it; use it at once.
 */
export async function getFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await getPort({ reserve: true });
    if (await isPortFree(port)) return port;
  }
  throw new Error("Could not find a free TCP port after 50 attempts");
}

// UDP ports handed out by this process (get-port knows TCP only).
const handedOutUdp = new Set<number>();

/**
 * A UDP port free on 127.0.0.1 right now (for Soketi's node discovery, one per process), never
 * one this process already handed out. Hand-written: get-port checks TCP listeners only.
 */
export async function getFreeUdpPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const socket = dgram.createSocket("udp4");
      socket.once("error", reject);
      socket.bind({ port: 0, address: "127.0.0.1", exclusive: true }, () => {
        const picked = socket.address().port;
        socket.close(() => resolve(picked));
      });
    });
    if (port > 0 && !handedOutUdp.has(port)) {
      handedOutUdp.add(port);
      return port;
    }
  }
  throw new Error("Could not find a free UDP port after 50 attempts");
}

/** Resolves true once nothing listens on `port` any more, false after `timeoutMs`. */
export async function waitForPortFree(port: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isPortFree(port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
