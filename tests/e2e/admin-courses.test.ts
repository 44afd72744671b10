// The administration screens for courses, with several people signed in at once: the admin
// creates a teacher and a course, and the teacher's open dashboard and a student's open
// catalog show it without a reload; the admin cancels an enrollment from the course page and
// the teacher's dashboard count and feed follow; an archived course leaves both. A teacher edits
// their course; a student cancels their own enrollment.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { buildCourseWorld, buildUser, testDb } from "../helpers/factories";
import {
  chromiumOrSkip,
  openAs,
  screenshot,
  signInAs,
  stopwatch,
  suiteBrowser,
  newPerson,
  waitForConnection,
} from "./helpers/browser";
import {
  confirmDialog,
  createUserInUi,
  markDocument,
  sameDocument,
  uniqueEmail,
} from "./helpers/admin";

const executable = chromiumOrSkip("admin courses");
const PASSWORD = `Pale-orchid-${randomUUID().slice(0, 6)}-lantern`;

describe.skipIf(!executable)("admin: teachers and courses, live", () => {
  const suite = suiteBrowser(executable!);
  const open = async (label: string, email: string, pathname: string, password?: string) => {
    const person = await openAs(suite.browser, label, email, pathname, { password });
    suite.people.push(person);
    return person;
  };

  it("the admin creates a teacher and a course: the teacher's open dashboard and a student's catalog show it without a reload", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const student = await buildUser({ role: "STUDENT" });
    const watch = stopwatch("admin creates teacher + course → teacher dashboard");
    const adminView = await open("admin", admin.email, "/admin/users");

    const teacherEmail = uniqueEmail("new-teacher");
    const teacherName = `Teacher ${randomUUID().slice(0, 6)}`;
    await createUserInUi(adminView.page, {
      email: teacherEmail,
      name: teacherName,
      role: "TEACHER",
      password: PASSWORD,
    });
    const teacher = await testDb().user.findUniqueOrThrow({ where: { email: teacherEmail } });
    expect(teacher.role).toBe("TEACHER");

    const teacherView = await open("teacher", teacherEmail, "/teacher", PASSWORD);
    await teacherView.waitForSubscription(channels.teacherDashboard(teacher.id));
    await teacherView.page.getByText("You do not teach any course yet.").waitFor();
    await markDocument(teacherView.page);
    const studentView = await open("student", student.email, "/courses");
    await studentView.waitForSubscription(channels.publicAnnouncements());
    await markDocument(studentView.page);

    const title = `Astronomy ${randomUUID().slice(0, 6)}`;
    await adminView.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Courses" })
      .click();
    const form = adminView.page.getByTestId("create-course-form");
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Description").fill("Stars, planets and the night sky.");
    await form.getByLabel("Teacher").selectOption(teacher.id);
    const createdAt = Date.now();
    await form.getByRole("button", { name: "Create course" }).click();
    await adminView.page
      .getByTestId("admin-course-list")
      .getByRole("link", { name: title })
      .waitFor();

    await teacherView.page
      .getByTestId("teacher-courses")
      .getByRole("link", { name: title })
      .waitFor();
    const seenByTeacher = Date.now() - createdAt;
    await studentView.page.getByRole("link", { name: title }).waitFor();
    expect(await sameDocument(teacherView.page), "teacher page not reloaded").toBe(true);
    expect(await sameDocument(studentView.page), "student page not reloaded").toBe(true);
    console.log(
      `[e2e timing] course created → on the teacher's open dashboard: ${seenByTeacher} ms`,
    );
    await screenshot(teacherView.page, "admin-new-course-on-teacher-dashboard");

    // Archive it: it leaves the catalog and the dashboard, live too.
    const course = await testDb().course.findFirstOrThrow({ where: { title } });
    const row = adminView.page.getByTestId(`course-row-${course.id}`);
    await row.getByRole("button", { name: `Archive ${title}` }).click();
    await confirmDialog(adminView.page, "Archive course");
    await row.waitFor({ state: "detached" });
    await studentView.page.getByRole("link", { name: title }).waitFor({ state: "detached" });
    await teacherView.page
      .getByTestId("teacher-courses")
      .getByRole("link", { name: title })
      .waitFor({ state: "detached" });
    expect(await sameDocument(teacherView.page)).toBe(true);
    watch.report();
  });

  it("the admin cancels an enrollment from the course page: the teacher's count and feed update live", async () => {
    const { teacher, course, enrolled, admin } = await buildCourseWorld();
    const watch = stopwatch("enrollment cancelled → teacher dashboard");
    const teacherView = await open("teacher", teacher.email, "/teacher");
    await teacherView.waitForSubscription(channels.teacherDashboard(teacher.id));
    const count = teacherView.page.getByTestId(`enrollment-count-${course.id}`);
    expect(await count.textContent()).toBe("1");

    const adminView = await open("admin", admin.email, `/courses/${course.id}`);
    const enrollment = await testDb().enrollment.findFirstOrThrow({
      where: { courseId: course.id, studentId: enrolled.id },
    });
    await adminView.page.getByTestId(`cancel-enrollment-${enrollment.id}`).click();
    await confirmDialog(adminView.page, "Cancel enrollment");
    await adminView.page.getByTestId(`roster-${enrolled.id}`).waitFor({ state: "detached" });

    await count.filter({ hasText: /^0$/ }).waitFor();
    await teacherView.page
      .getByTestId("enrollment-feed-item")
      .filter({ hasText: enrolled.name })
      .filter({ hasText: "cancelled" })
      .first()
      .waitFor();
    const stored = await testDb().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(stored.status).toBe("CANCELLED");
    watch.report();
  });

  it("a teacher edits their own course's title and description on the course page", async () => {
    const { teacher, course } = await buildCourseWorld();
    const person = await newPerson(suite.browser, "teacher");
    suite.people.push(person);
    await signInAs(person.page, teacher.email);
    await person.page.goto(`/courses/${course.id}`);
    await waitForConnection(person.page);
    const title = `Renamed ${randomUUID().slice(0, 6)}`;
    await person.page.getByRole("button", { name: "Edit details" }).click();
    const form = person.page.getByTestId("course-details-form");
    await form.getByLabel("Course title").fill(title);
    await form.getByLabel("Description").fill("New outline for the term.");
    await form.getByRole("button", { name: "Save" }).click();
    await person.page.getByTestId("course-title").filter({ hasText: title }).waitFor();
    const stored = await testDb().course.findUniqueOrThrow({ where: { id: course.id } });
    expect(stored).toMatchObject({ title, description: "New outline for the term." });
  });

  it("a student cancels their own enrollment on the course page", async () => {
    const { course, enrolled } = await buildCourseWorld();
    const studentView = await open("student", enrolled.email, `/courses/${course.id}`);
    await studentView.page.getByTestId("course-scores").waitFor();
    await studentView.page
      .getByRole("button", { name: `Cancel my enrollment in ${course.title}` })
      .click();
    await confirmDialog(studentView.page, "Cancel enrollment");
    // No longer a member: the course's own data goes, enrolling is offered again.
    await studentView.page.getByTestId("enroll-button").waitFor();
    await studentView.page.getByTestId("course-scores").waitFor({ state: "detached" });
    const stored = await testDb().enrollment.findFirstOrThrow({
      where: { courseId: course.id, studentId: enrolled.id },
    });
    expect(stored.status).toBe("CANCELLED");
  });
});
