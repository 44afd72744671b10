import { Link } from "@/i18n/navigation";

/** The course's title as a link to its page. */
export function CourseLink({
  course,
  className = "font-medium text-brand-700 hover:underline",
}: {
  course: { id: string; title: string };
  className?: string;
}) {
  return (
    <Link href={`/courses/${course.id}`} className={className}>
      {course.title}
    </Link>
  );
}
