// GET /api/realtime/missed – the events published on a channel after a given event, oldest first
import { getSessionUser } from "@/server/auth";
import { httpErrors, json, readQuery, route } from "@/server/http";
import { mayReadChannel } from "@/server/realtime/channel-auth";
import { listMissedEvents } from "@/server/realtime/missed";
import { missedEventsQuery } from "@/lib/validation";

export const GET = route(async (request) => {
  const { channel, after } = readQuery(request, missedEventsQuery);
  if (!(await mayReadChannel(channel, getSessionUser))) {
    throw httpErrors.forbidden(`Not allowed to read ${JSON.stringify(channel.slice(0, 210))}`);
  }
  return json(await listMissedEvents(channel, after));
});
