// Test data through small factories: unique per call, so test files run in parallel and in any order.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../web/server/generated/prisma/client";
import { getStack } from "./stack";

export const TEST_PASSWORD = "correct horse battery staple";
// Cost 4 keeps factories fast; verification works the same at any cost.
const TEST_HASH = bcrypt.hashSync(TEST_PASSWORD, 4);

let client: PrismaClient | undefined;

/** A Prisma client on the test database (closed by the process exiting). */
export function testDb(): PrismaClient {
  client ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: getStack().databaseUrl }),
  });
  return client;
}

const unique = () => randomUUID().slice(0, 8);

type Role = "STUDENT" | "TEACHER" | "ADMIN";

export async function buildUser(overrides: { role?: Role; name?: string; email?: string } = {}) {
  const role = overrides.role ?? "STUDENT";
  const tag = unique();
  return testDb().user.create({
    data: {
      role,
      name: overrides.name ?? `${role.toLowerCase()} ${tag}`,
      email: overrides.email ?? `${role.toLowerCase()}-${tag}@test.livecampus.test`,
      passwordHash: TEST_HASH,
    },
  });
}

/** Test courses cost $10,000.00 unless told otherwise: room for many payments. */
export const TEST_PRICE_CENTS = 1_000_000;

export async function buildCourse(
  overrides: { teacherId?: string; title?: string; priceCents?: number } = {},
) {
  const teacherId = overrides.teacherId ?? (await buildUser({ role: "TEACHER" })).id;
  return testDb().course.create({
    data: {
      teacherId,
      title: overrides.title ?? `Course ${unique()}`,
      description: "A test course",
      priceCents: overrides.priceCents ?? TEST_PRICE_CENTS,
    },
  });
}

export async function buildEnrollment(
  studentId: string,
  courseId: string,
  status: "ACTIVE" | "CANCELLED" = "ACTIVE",
) {
  return testDb().enrollment.create({ data: { studentId, courseId, status } });
}

/** A course with its teacher, an enrolled student, a student not enrolled, a cancelled one and an admin. */
export async function buildCourseWorld() {
  const teacher = await buildUser({ role: "TEACHER" });
  const otherTeacher = await buildUser({ role: "TEACHER" });
  const course = await buildCourse({ teacherId: teacher.id });
  const enrolled = await buildUser({ role: "STUDENT" });
  const outsider = await buildUser({ role: "STUDENT" });
  const cancelled = await buildUser({ role: "STUDENT" });
  const admin = await buildUser({ role: "ADMIN" });
  await buildEnrollment(enrolled.id, course.id);
  await buildEnrollment(cancelled.id, course.id, "CANCELLED");
  return { teacher, otherTeacher, course, enrolled, outsider, cancelled, admin };
}

export type CourseWorld = Awaited<ReturnType<typeof buildCourseWorld>>;
