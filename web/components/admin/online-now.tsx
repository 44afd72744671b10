"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useOnlineUsers } from "@/hooks/data/use-online-users";
import { Card, Empty } from "@/components/ui/card";

/** Who is signed in with a page open right now, and on which course pages (presence); live. */
export function OnlineNow() {
  const t = useTranslations("admin.onlineNow");
  const { data, error } = useOnlineUsers();
  return (
    <Card
      title={data ? t("titleWithCount", { count: data.length }) : t("title")}
      testId="online-now"
    >
      {error ? (
        <Empty>{t("unreachable")}</Empty>
      ) : !data ? (
        <Empty>{t("loading")}</Empty>
      ) : data.length === 0 ? (
        <Empty>{t("nobody")}</Empty>
      ) : (
        <ul className="space-y-2 text-sm">
          {data.map((u) => (
            <li key={u.id} className="flex items-center gap-2">
              <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden />
              <span className="font-medium">{u.name}</span>
              <span className="text-xs text-slate-600">{t(`roles.${u.role}`)}</span>
              {u.courses.length > 0 && (
                <span className="truncate text-xs text-slate-600">
                  {t("on")}{" "}
                  {u.courses.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ", "}
                      <Link href={`/courses/${c.id}`} className="hover:underline">
                        {c.title}
                      </Link>
                    </span>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
