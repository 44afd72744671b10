import "server-only";
import pTimeout from "p-timeout";

/** What the System page shows of each Soketi node, summed over the nodes that answered. */
export type SoketiSnapshot = {
  configured: boolean;
  nodes: number;
  nodesUp: number;
  connections: number;
  /** Counters since each node started; the page turns them into per-minute rates. */
  messagesSent: number;
  messagesReceived: number;
};

/** Sums the samples of one metric (every label set) in Prometheus text format. */
export function sumMetric(text: string, name: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match?.[1] !== name) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** Scrapes each Soketi /metrics URL (server side: they are not public). */
export async function scrapeSoketi(urls: readonly string[]): Promise<SoketiSnapshot> {
  const snapshot: SoketiSnapshot = {
    configured: urls.length > 0,
    nodes: urls.length,
    nodesUp: 0,
    connections: 0,
    messagesSent: 0,
    messagesReceived: 0,
  };
  const texts = await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await pTimeout(fetch(url, { cache: "no-store" }), { milliseconds: 1500 });
        return response.ok ? await response.text() : null;
      } catch {
        return null;
      }
    }),
  );
  for (const text of texts) {
    if (text === null) continue;
    snapshot.nodesUp += 1;
    snapshot.connections += sumMetric(text, "soketi_connected");
    snapshot.messagesSent += sumMetric(text, "soketi_ws_messages_sent_total");
    snapshot.messagesReceived += sumMetric(text, "soketi_ws_messages_received_total");
  }
  return snapshot;
}
