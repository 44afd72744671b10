import { getTranslations } from "next-intl/server";
import { NotificationInbox } from "@/components/notifications/notification-inbox";
import { requirePageUser } from "@/server/guards";
import { listNotifications } from "@/server/services/notifications";
import { PAGE_SIZE } from "@/lib/list-validation";

export async function generateMetadata() {
  const t = await getTranslations("notifications.page");
  return { title: t("metaTitle") };
}

export default async function NotificationsPage() {
  const user = await requirePageUser("/notifications");
  const t = await getTranslations("notifications.page");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
      <NotificationInbox
        initial={await listNotifications(user.id, { limit: PAGE_SIZE.notifications })}
      />
    </>
  );
}
