"use client";
import { Link } from "@/i18n/navigation";
import { useTeachers } from "@/hooks/data/use-admin-users";
import { SelectField } from "@/components/ui/field";
import { sentence } from "@/lib/form-errors";

/** A select of the active teachers (GET /api/admin/users?role=TEACHER), with its own states. */
export function TeacherSelect({
  value,
  onValueChange,
  current,
  error,
}: {
  value: string;
  onValueChange: (teacherId: string) => void;
  /** The course's teacher now: still listed if they were deactivated meanwhile. */
  current?: { id: string; name: string };
  /** Why the choice was refused, shown under the select. */
  error?: string;
}) {
  const { teachers, error: loadError, isLoading } = useTeachers();
  if (loadError) return <p className="text-sm text-red-700">The teachers could not be loaded.</p>;
  if (isLoading) return <p className="text-sm text-slate-600">Loading teachers…</p>;
  const options = teachers.map((t) => ({ value: t.id, label: `${t.name} (${t.email})` }));
  if (current && !teachers.some((t) => t.id === current.id))
    options.unshift({ value: current.id, label: `${current.name} (inactive)` });
  if (options.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No teacher yet: create one on the{" "}
        <Link className="text-brand-700 underline" href="/admin/users">
          Users
        </Link>{" "}
        page first.
      </p>
    );
  return (
    <div>
      <SelectField
        label="Teacher"
        name="teacherId"
        value={value}
        options={value ? options : [{ value: "", label: "Choose a teacher" }, ...options]}
        onValueChange={onValueChange}
      />
      {error && (
        <p role="alert" className="mt-1 text-xs font-medium text-red-700" data-testid="field-error">
          {sentence(error)}
        </p>
      )}
    </div>
  );
}
