import { renderToStaticMarkup } from "react-dom/server";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { IntlWrapper } from "../../../tests/helpers/intl";
import type { Locale } from "@/i18n/locales";
import { AttendanceCard } from "@/components/courses/attendance-card";
import { CancelEnrollmentButton } from "@/components/courses/cancel-enrollment-button";
import { CourseSearch } from "@/components/courses/course-search";
import { AttendanceChart, ClassAverageChart } from "@/components/charts/teacher-charts";
import { ScoreChart } from "@/components/charts/score-chart";

const html = (node: ReactNode, locale: Locale = "en") =>
  renderToStaticMarkup(<IntlWrapper locale={locale}>{node}</IntlWrapper>).replaceAll("&#x27;", "'");

const rows = [{ id: "a1", date: "2026-12-01", status: "present" }];
const session = { date: "2026-12-01", present: 3, late: 1, excused: 0, absent: 2 };
const score = {
  id: "s1",
  courseId: "c1",
  courseTitle: "Algebra",
  title: "Quiz 1",
  score: 7.5,
  maxScore: 10,
  createdAt: "2026-12-01T10:00:00.000Z",
};

describe("course texts in each language", () => {
  it("keeps the English wording and dates", () => {
    const card = html(<AttendanceCard title="Attendance" rows={rows} />);
    expect(card).toContain("<th");
    expect(card).toContain("Date");
    expect(card).toContain("1 Dec 2026");
    expect(html(<AttendanceCard title="Attendance" rows={[]} />)).toContain(
      "No attendance recorded yet.",
    );
    expect(html(<CourseSearch value="alg" onChange={() => {}} count={2} />)).toContain("2 found");
    const cancel = html(
      <CancelEnrollmentButton enrollmentId="e1" who="Ada" course="Algebra" onDone={() => {}} />,
    );
    expect(cancel).toContain('aria-label="Cancel Ada\'s enrollment"');
    expect(cancel).toContain("Ada loses access to Algebra at once.");
    expect(html(<ScoreChart scores={[score]} />)).toContain("7.5 / 10 (75%)");
    expect(html(<ClassAverageChart averages={[]} />)).toContain("No scores recorded yet.");
    expect(html(<AttendanceChart sessions={[session]} />)).toContain("Excused");
  });

  it("speaks German on German pages", () => {
    const card = html(<AttendanceCard title="Anwesenheit" rows={rows} />, "de");
    expect(card).toContain("Datum");
    expect(card).toContain("01.12.2026");
    expect(html(<CourseSearch value="alg" onChange={() => {}} count={2} />, "de")).toContain(
      "2 gefunden",
    );
    const cancel = html(
      <CancelEnrollmentButton
        self
        enrollmentId="e1"
        who="you"
        course="Algebra"
        onDone={() => {}}
      />,
      "de",
    );
    expect(cancel).toContain("Meine Einschreibung stornieren");
    expect(cancel).toContain("Algebra verlassen?");
    expect(html(<ScoreChart scores={[score]} />, "de")).toContain("7,5 / 10 (75\u00a0%)");
    expect(html(<AttendanceChart sessions={[session]} />, "de")).toContain("Entschuldigt");
  });
});
