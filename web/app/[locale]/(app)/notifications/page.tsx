import { NotificationInbox } from "@/components/notifications/notification-inbox";
import { requirePageUser } from "@/server/guards";
import { listNotifications } from "@/server/services/notifications";
import { PAGE_SIZE } from "@/lib/list-validation";

export const metadata = { title: "Notifications · LiveCampus" };

export default async function NotificationsPage() {
  const user = await requirePageUser("/notifications");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Notifications</h1>
      <NotificationInbox
        initial={await listNotifications(user.id, { limit: PAGE_SIZE.notifications })}
      />
    </>
  );
}
