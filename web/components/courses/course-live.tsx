"use client";
import { useTranslations } from "next-intl";
import { channels } from "@/lib/realtime";
import { usePresence } from "@/hooks/use-presence";
import { useChannelEvent } from "@/hooks/use-channel-event";
import { useNewEnrollments } from "@/hooks/use-new-enrollments";
import { useRealtime } from "@/components/realtime/realtime-provider";

const COLORS = [
  "bg-sky-700",
  "bg-emerald-700",
  "bg-amber-700",
  "bg-violet-700",
  "bg-rose-700",
  "bg-teal-700",
];

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** The seed's CourseViewers: who is on this course page right now, live. */
function CourseViewers({ courseId }: { courseId: string }) {
  const t = useTranslations("courses.live");
  const members = usePresence(channels.presenceCourse(courseId));
  if (members.length === 0) return null;
  return (
    <div className="flex items-center gap-2" data-testid="course-viewers">
      <div className="flex -space-x-2">
        {members.slice(0, 5).map((member, index) => (
          <span
            key={member.id}
            title={member.isMe ? t("you", { name: member.name }) : member.name}
            className={`flex h-8 w-8 items-center justify-center rounded-full border-2 border-white text-xs font-semibold text-white ${COLORS[index % COLORS.length]}`}
          >
            {initials(member.name) || "?"}
          </span>
        ))}
      </div>
      <span className="text-sm text-slate-600" data-testid="viewer-count">
        {t("viewing", { count: members.length })}
      </span>
    </div>
  );
}

/**
 * Live parts of a course page for its members: viewers, and a refresh when the course's
 * numbers change or (for its teacher and admins) someone enrolls.
 */
export function CourseLive({ courseId, onChange }: { courseId: string; onChange: () => void }) {
  const { user } = useRealtime();
  useChannelEvent(channels.course(courseId), "stats-update", onChange);
  useNewEnrollments(user?.role === "STUDENT" ? null : courseId, onChange);
  return <CourseViewers courseId={courseId} />;
}
