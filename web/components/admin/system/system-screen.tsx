"use client";
import { useTranslations } from "next-intl";
import useSWR from "swr";
import { useFormat } from "@/hooks/use-format";
import { Card, Empty } from "@/components/ui/card";
import type { SystemStatus } from "@/server/services/system";
import { SystemChart } from "./system-chart";

// The parts of the health check, in their order on the page (names: system.health.parts).
const PARTS = ["db", "realtime", "outbox"] as const;

function HealthParts({ health }: { health: SystemStatus["health"] }) {
  const t = useTranslations("system.health");
  const f = useFormat();
  return (
    <ul className="grid gap-3 sm:grid-cols-3" data-testid="system-health">
      {PARTS.map((part) => {
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
              {t(probe.ok ? "up" : "down", { part: t(`parts.${part}`) })}
            </div>
            <div className="mt-1 text-sm break-words text-slate-600">
              {probe.ok ? t("latency", { ms: f.number(probe.latencyMs ?? 0) }) : probe.error}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function OutboxPanel({ outbox }: { outbox: SystemStatus["outbox"] }) {
  const t = useTranslations("system.outbox");
  const f = useFormat();
  if (!outbox) return <Empty>{t("unreachable")}</Empty>;
  return (
    <dl className="grid gap-2 text-sm text-slate-700" data-testid="system-outbox">
      <div>
        <dt className="font-medium">{t("unsent")}</dt>
        <dd>{f.number(outbox.unsent)}</dd>
      </div>
      <div>
        <dt className="font-medium">{t("oldestUnsent")}</dt>
        <dd>
          {outbox.oldestUnsent
            ? t("oldestValue", {
                event: outbox.oldestUnsent.event,
                time: f.dateTime(outbox.oldestUnsent.createdAt),
              })
            : t("none")}
        </dd>
      </div>
      <div>
        <dt className="font-medium">{t("lastError")}</dt>
        <dd className="break-words">
          {outbox.lastError ? `${outbox.lastError.event}: ${outbox.lastError.error}` : t("none")}
        </dd>
      </div>
    </dl>
  );
}

function SoketiPanel({ soketi }: { soketi: SystemStatus["soketi"] }) {
  const t = useTranslations("system.soketi");
  const f = useFormat();
  if (!soketi?.configured) return <Empty>{t("notConfigured")}</Empty>;
  if (soketi.nodesUp === 0) return <Empty>{t("noNode")}</Empty>;
  return (
    <dl className="grid grid-cols-3 gap-2 text-sm text-slate-700" data-testid="system-soketi">
      <div>
        <dt className="font-medium">{t("nodes")}</dt>
        <dd>
          {f.number(soketi.nodesUp)} / {f.number(soketi.nodes)}
        </dd>
      </div>
      <div>
        <dt className="font-medium">{t("connections")}</dt>
        <dd>{f.number(soketi.connections)}</dd>
      </div>
      <div>
        <dt className="font-medium">{t("messagesPerMinute")}</dt>
        <dd>
          {soketi.messagesPerMinute === null ? t("measuring") : f.number(soketi.messagesPerMinute)}
        </dd>
      </div>
    </dl>
  );
}

function PresencePanel({ presence }: { presence: SystemStatus["presence"] }) {
  const t = useTranslations("system.presence");
  const f = useFormat();
  if (!presence) return <Empty>{t("unreachable")}</Empty>;
  if (presence.length === 0) return <Empty>{t("empty")}</Empty>;
  return (
    <ul className="space-y-1 text-sm text-slate-700" data-testid="system-presence">
      {presence.map((course) => (
        <li key={course.courseId} className="flex justify-between gap-2">
          <span className="truncate">{course.title}</span>
          <span className="font-medium">{f.number(course.members)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The System page: health parts, outbox, Soketi and presence, refreshed every 10 s. */
export function SystemScreen() {
  const t = useTranslations("system.screen");
  const f = useFormat();
  const { data, error } = useSWR<SystemStatus>("/api/admin/system", { refreshInterval: 10_000 });
  if (!data) {
    return <Empty>{error ? t("loadError") : t("loading")}</Empty>;
  }
  return (
    <div className="space-y-4">
      <Card title={t("health")}>
        <HealthParts health={data.health} />
        <p className="mt-2 text-xs text-slate-600">
          {t("checked", { time: f.dateTime(data.checkedAt) })}
        </p>
      </Card>
      <Card title={t("lastHour")}>
        {data.history.length > 0 ? (
          <SystemChart history={data.history} />
        ) : (
          <Empty>{t("collecting")}</Empty>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title={t("outbox")}>
          <OutboxPanel outbox={data.outbox} />
        </Card>
        <Card title={t("soketi")}>
          <SoketiPanel soketi={data.soketi} />
        </Card>
        <Card title={t("presence")}>
          <PresencePanel presence={data.presence} />
        </Card>
      </div>
    </div>
  );
}
