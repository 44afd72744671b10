// A TCP relay between the fault suite's clients and Soketi (127.0.0.1 only). It counts the
// connections it accepts (a cross-check of the clients' own socket counts) and can cut: every
// open connection is destroyed and new ones are closed at once until restore().
import net from "node:net";

export type TcpProxy = {
  port: number;
  /** Connections accepted since start (including those refused while cut). */
  accepted(): number;
  /** Connections currently relayed. */
  open(): number;
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
};

/** Starts the relay on a free port in front of 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let accepted = 0;
  let cut = false;

  const server = net.createServer((client) => {
    accepted += 1;
    client.setNoDelay(true);
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: "127.0.0.1", port: targetPort });
    upstream.setNoDelay(true);
    const pair = { client, upstream };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.maxConnections = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    accepted: () => accepted,
    open: () => pairs.size,
    cut() {
      cut = true;
      for (const { client, upstream } of [...pairs]) {
        // A reset, as a network drop looks to both ends: no close handshake.
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
    },
    restore() {
      cut = false;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
