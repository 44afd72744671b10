"use client";
import { useEffect, useState } from "react";
import type { PresenceChannel } from "pusher-js";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { parseChannel } from "@/lib/realtime";
import { ROLES, type Role } from "@/lib/domain";

type PresenceMember = { id: string; name: string; role: Role | null; isMe: boolean };

function readMembers(channel: PresenceChannel): PresenceMember[] {
  if (!channel.subscribed) return [];
  const members: PresenceMember[] = [];
  channel.members.each((member: { id: string; info?: { name?: unknown; role?: unknown } }) => {
    const role = ROLES.find((r) => r === member.info?.role) ?? null;
    members.push({
      id: member.id,
      name: typeof member.info?.name === "string" ? member.info.name : "",
      role,
      isMe: member.id === channel.members.myID,
    });
  });
  return members.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Who is on a presence channel (`presence-course-{courseId}`), self included, updated live on
 * join and leave. Empty while not connected or not (yet) subscribed.
 */
export function usePresence(channelName: string | null | undefined): PresenceMember[] {
  const { connection, user } = useRealtime();
  const [members, setMembers] = useState<PresenceMember[]>([]);
  const isPresence = !!channelName && parseChannel(channelName)?.family === "presence-course";
  // Anonymous visitors are never authorized for presence: do not ask.
  const name = isPresence && user ? channelName : null;
  if (channelName && !isPresence)
    console.warn(
      `[realtime] usePresence: ${JSON.stringify(channelName)} is not a presence channel`,
    );

  useEffect(() => {
    if (!connection || !name) return;
    const channel = connection.acquire(name) as PresenceChannel;
    const refresh = () => setMembers(readMembers(channel));
    channel.bind("pusher:subscription_succeeded", refresh);
    channel.bind("pusher:member_added", refresh);
    channel.bind("pusher:member_removed", refresh);
    // pusher-js clears members on disconnect and re-subscribes on reconnect.
    const stopWatchingState = connection.subscribeState(refresh);
    refresh();
    return () => {
      channel.unbind("pusher:subscription_succeeded", refresh);
      channel.unbind("pusher:member_added", refresh);
      channel.unbind("pusher:member_removed", refresh);
      stopWatchingState();
      connection.release(name);
      setMembers([]);
    };
  }, [connection, name]);

  return members;
}
