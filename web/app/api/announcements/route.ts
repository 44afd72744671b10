// GET /api/announcements – recent announcements · POST – an admin posts one to everyone
import { json, readJson, requireUser, route } from "@/server/http";
import { postAnnouncement, recentAnnouncements } from "@/server/services/announcements";
import { announcementBody } from "@/lib/validation";

export const GET = route(async () => json(await recentAnnouncements()));

export const POST = route(async (request) => {
  const admin = await requireUser("ADMIN");
  const input = await readJson(request, announcementBody);
  return json(await postAnnouncement(admin, input), 201);
});
