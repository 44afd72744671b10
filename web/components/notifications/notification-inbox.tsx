"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { api } from "@/lib/api-client";
import { notificationText } from "@/lib/notification-text";
import { useAction } from "@/hooks/use-action";
import { useFormat } from "@/hooks/use-format";
import {
  useNotificationList,
  useNotificationPages,
  type NotificationList,
} from "@/hooks/data/use-notification-list";
import { LoadMore } from "@/components/ui/load-more";
import { Button } from "@/components/ui/button";
import { Card, Empty } from "@/components/ui/card";

const DOT: Record<string, string> = {
  success: "bg-emerald-500",
  error: "bg-red-500",
  warning: "bg-amber-500",
  info: "bg-sky-500",
};

export function NotificationInbox({ initial }: { initial: NotificationList }) {
  const t = useTranslations("notifications");
  const f = useFormat();
  const { data = initial, mutate } = useNotificationList(initial);
  // The list a page at a time; read again whenever the live first page changes.
  const list = useNotificationPages({ initial: initial.items, version: data });
  const changed = async () => {
    await mutate();
    await list.refresh();
  };
  const readOne = useAction(api.markRead);
  const readAll = useAction(api.markAllRead);
  return (
    <Card
      title={t("inbox.unread", { count: data.unreadCount })}
      action={
        <Button
          variant="secondary"
          disabled={readAll.pending || data.unreadCount === 0}
          onClick={async () => {
            if (await readAll.run()) await changed();
          }}
        >
          {t("inbox.markAllRead")}
        </Button>
      }
      testId="notification-inbox"
    >
      {list.items.length === 0 ? (
        <Empty>{t("inbox.empty")}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {list.items.map((n) => {
            const text = notificationText(n, t, f);
            return (
              <li
                key={n.id}
                className="flex items-start gap-3 py-3"
                data-testid={`notification-${n.id}`}
              >
                <span
                  className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-slate-200" : DOT[n.type]}`}
                />
                <div className="min-w-0 flex-1">
                  <div
                    className={`text-sm ${n.read ? "text-slate-600" : "font-semibold text-slate-900"}`}
                  >
                    {text.title}
                  </div>
                  <div className="text-sm text-slate-600">{text.message}</div>
                  <div className="mt-0.5 text-xs text-slate-600">
                    {f.dateTime(n.createdAt)}
                    {n.link && (
                      <Link href={n.link} className="ml-2 font-medium text-brand-700 underline">
                        {t("inbox.open")}
                      </Link>
                    )}
                  </div>
                </div>
                {!n.read && (
                  <Button
                    variant="secondary"
                    disabled={readOne.pending}
                    onClick={async () => {
                      if (await readOne.run(n.id)) await changed();
                    }}
                  >
                    {t("inbox.markRead")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore list={list} what="notifications" />
    </Card>
  );
}
