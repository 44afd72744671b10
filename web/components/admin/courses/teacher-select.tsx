"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useTeachers } from "@/hooks/data/use-admin-users";
import { SelectField } from "@/components/ui/field";
import { sentence } from "@/lib/form-errors";
import { useRuleText } from "@/lib/validation-messages";

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
  const t = useTranslations("admin.teacherSelect");
  const ruleText = useRuleText();
  const { teachers, error: loadError, isLoading } = useTeachers();
  if (loadError) return <p className="text-sm text-red-700">{t("loadFailed")}</p>;
  if (isLoading) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  const options = teachers.map((teacher) => ({
    value: teacher.id,
    label: t("option", { name: teacher.name, email: teacher.email }),
  }));
  if (current && !teachers.some((teacher) => teacher.id === current.id))
    options.unshift({ value: current.id, label: t("inactive", { name: current.name }) });
  if (options.length === 0) {
    const none = t.rich("none", {
      link: (chunks) => (
        <Link className="text-brand-700 underline" href="/admin/users">
          {chunks}
        </Link>
      ),
    });
    return <p className="text-sm text-slate-600">{none}</p>;
  }
  return (
    <div>
      <SelectField
        label={t("label")}
        name="teacherId"
        value={value}
        options={value ? options : [{ value: "", label: t("choose") }, ...options]}
        onValueChange={onValueChange}
      />
      {error && (
        <p role="alert" className="mt-1 text-xs font-medium text-red-700" data-testid="field-error">
          {sentence(ruleText(error))}
        </p>
      )}
    </div>
  );
}
