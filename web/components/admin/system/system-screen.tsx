"use client";
import useSWR from "swr";
import { Card, Empty } from "@/components/ui/card";
import type { SystemStatus } from "@/server/services/system";
import { SystemChart } from "./system-chart";

const PART_LABELS = { db: "Database", realtime: "Realtime server", outbox: "Outbox" } as const;

const when = (iso: string) => new Date(iso).toLocaleString();

function HealthParts({ health }: { health: SystemStatus["health"] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-3" data-testid="system-health">
      {(Object.keys(PART_LABELS) as (keyof typeof PART_LABELS)[]).map((part) => {
        const probe = health[part];
        return (
          <li
            key={part}
            className="rounded-lg border border-slate-200 p-3"
            data-testid={`health-${part}`}
          >
            <div className="flex items-center gap-2 font-medium text-slate-800">
              <span
                className={`h-2.5 w-2.5 rounded-full ${probe.ok ? "bg-green-700" : "bg-red-700"}`}
                aria-hidden
              />
              {PART_LABELS[part]}: {probe.ok ? "up" : "down"}
            </div>
            <div className="mt-1 text-sm break-words text-slate-600">
              {probe.ok ? `${probe.latencyMs ?? 0} ms` : probe.error}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function OutboxPanel({ outbox }: { outbox: SystemStatus["outbox"] }) {
  if (!outbox) return <Empty>The database is not reachable right now.</Empty>;
  return (
    <dl className="grid gap-2 text-sm text-slate-700" data-testid="system-outbox">
      <div>
        <dt className="font-medium">Unsent events</dt>
        <dd>{outbox.unsent}</dd>
      </div>
      <div>
        <dt className="font-medium">Oldest unsent</dt>
        <dd>
          {outbox.oldestUnsent
            ? `${outbox.oldestUnsent.event} since ${when(outbox.oldestUnsent.createdAt)}`
            : "none"}
        </dd>
      </div>
      <div>
        <dt className="font-medium">Last publish error</dt>
        <dd className="break-words">
          {outbox.lastError ? `${outbox.lastError.event}: ${outbox.lastError.error}` : "none"}
        </dd>
      </div>
    </dl>
  );
}

function SoketiPanel({ soketi }: { soketi: SystemStatus["soketi"] }) {
  if (!soketi?.configured)
    return <Empty>Soketi metrics are not configured (SOKETI_METRICS_URL).</Empty>;
  if (soketi.nodesUp === 0) return <Empty>No Soketi node answered its metrics.</Empty>;
  return (
    <dl className="grid grid-cols-3 gap-2 text-sm text-slate-700" data-testid="system-soketi">
      <div>
        <dt className="font-medium">Nodes</dt>
        <dd>
          {soketi.nodesUp} / {soketi.nodes}
        </dd>
      </div>
      <div>
        <dt className="font-medium">Connections</dt>
        <dd>{soketi.connections}</dd>
      </div>
      <div>
        <dt className="font-medium">Messages / min</dt>
        <dd>{soketi.messagesPerMinute ?? "measuring…"}</dd>
      </div>
    </dl>
  );
}

function PresencePanel({ presence }: { presence: SystemStatus["presence"] }) {
  if (!presence) return <Empty>The realtime server is not reachable right now.</Empty>;
  if (presence.length === 0) return <Empty>Nobody is on a course page right now.</Empty>;
  return (
    <ul className="space-y-1 text-sm text-slate-700" data-testid="system-presence">
      {presence.map((course) => (
        <li key={course.courseId} className="flex justify-between gap-2">
          <span className="truncate">{course.title}</span>
          <span className="font-medium">{course.members}</span>
        </li>
      ))}
    </ul>
  );
}

/** The System page: health parts, outbox, Soketi and presence, refreshed every 10 s. */
export function SystemScreen() {
  const { data, error } = useSWR<SystemStatus>("/api/admin/system", { refreshInterval: 10_000 });
  if (!data) {
    return <Empty>{error ? "The system status could not be loaded." : "Loading…"}</Empty>;
  }
  return (
    <div className="space-y-4">
      <Card title="Health">
        <HealthParts health={data.health} />
        <p className="mt-2 text-xs text-slate-600">Checked {when(data.checkedAt)}</p>
      </Card>
      <Card title="Last hour">
        {data.history.length > 0 ? (
          <SystemChart history={data.history} />
        ) : (
          <Empty>Collecting samples…</Empty>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Outbox">
          <OutboxPanel outbox={data.outbox} />
        </Card>
        <Card title="Soketi">
          <SoketiPanel soketi={data.soketi} />
        </Card>
        <Card title="Presence per course">
          <PresencePanel presence={data.presence} />
        </Card>
      </div>
    </div>
  );
}
