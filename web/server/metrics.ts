import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { getDb } from "@/server/db";

type Metrics = {
  registry: Registry;
  requestDuration: Histogram<"method" | "route" | "status">;
  publishDuration: Histogram<"outcome">;
  authDecisions: Counter<"kind" | "decision">;
};

const globalForMetrics = globalThis as unknown as { livecampusMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "livecampus_" });
  const requestDuration = new Histogram({
    name: "livecampus_http_request_duration_seconds",
    help: "API request latency by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const publishDuration = new Histogram({
    name: "livecampus_outbox_publish_duration_seconds",
    help: "Time to hand one outbox batch to the Pusher-protocol server",
    labelNames: ["outcome"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const authDecisions = new Counter({
    name: "livecampus_auth_decisions_total",
    help: "Sign-in and channel authorization decisions",
    labelNames: ["kind", "decision"],
    registers: [registry],
  });
  new Gauge({
    name: "livecampus_outbox_backlog",
    help: "Unsent outbox events",
    registers: [registry],
    async collect() {
      this.set(await getDb().outboxEvent.count({ where: { sentAt: null } }));
    },
  });
  new Gauge({
    name: "livecampus_outbox_oldest_unsent_age_seconds",
    help: "Age of the oldest unsent outbox event (0 when none)",
    registers: [registry],
    async collect() {
      const oldest = await getDb().outboxEvent.findFirst({
        where: { sentAt: null },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      this.set(oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0);
    },
  });
  return { registry, requestDuration, publishDuration, authDecisions };
}

/** The process's metrics (one registry, kept across dev reloads). */
export function getMetrics(): Metrics {
  globalForMetrics.livecampusMetrics ??= create();
  return globalForMetrics.livecampusMetrics;
}

/** Ids in a path become `{id}` so the route label stays a small set. */
export function routePattern(pathname: string): string {
  return pathname
    .split("/")
    .map((part, i) => (i < 2 || /^[a-z][a-z.-]{1,19}$/.test(part) ? part : "{id}"))
    .join("/");
}

/** Counts one authorization decision (`kind`: signin, channel). */
export function countAuthDecision(kind: string, decision: string): void {
  getMetrics().authDecisions.inc({ kind, decision });
}
