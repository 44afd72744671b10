import { describe, expect, it } from "vitest";
import {
  paymentFormSchema,
  rejectFormSchema,
  scoreEditSchema,
  scoreFormSchema,
} from "./form-validation";

const COURSE = "c" + "a".repeat(24);
const STUDENT = "c" + "b".repeat(24);

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("paymentFormSchema", () => {
  const schema = paymentFormSchema((id) => (id === COURSE ? 33_000 : null));

  it("reads dollars into the wire body (cents)", () => {
    expect(schema.parse({ courseId: COURSE, amount: "$49.90" })).toEqual({
      courseId: COURSE,
      amountCents: 4990,
    });
  });

  it.each([
    ["abc", "digits only"],
    ["0", "more than $0.00"],
    ["330.01", "more than the $330.00 due"],
    ["2000000", "at most $1,000,000.00"],
  ])("refuses %j on the amount field: %s", (amount, says) => {
    const found = messages(schema.safeParse({ courseId: COURSE, amount }));
    expect(found.join()).toContain(says);
    expect(found.every((m) => m.startsWith("amount:"))).toBe(true);
  });

  it("asks for a course", () => {
    expect(messages(schema.safeParse({ courseId: "", amount: "5" }))).toEqual([
      "courseId: Choose a course.",
    ]);
  });
});

describe("score forms", () => {
  it("reads typed numbers into POST /api/scores's body and keeps the score within the maximum", () => {
    const schema = scoreFormSchema(COURSE);
    expect(schema.parse({ studentId: STUDENT, title: "", score: "8.5", maxScore: "10" })).toEqual({
      studentId: STUDENT,
      courseId: COURSE,
      score: 8.5,
      maxScore: 10,
    });
    expect(
      messages(schema.safeParse({ studentId: STUDENT, title: "", score: "11", maxScore: "10" })),
    ).toEqual(["score: Must not be more than the maximum score."]);
    expect(
      messages(schema.safeParse({ studentId: STUDENT, title: "", score: "abc", maxScore: "" })),
    ).toEqual(["score: Enter a number, like 8 or 7.5.", "maxScore: Enter the maximum score."]);
  });

  it("refuses a corrected score above the maximum", () => {
    expect(messages(scoreEditSchema(100).safeParse({ score: "999" }))).toEqual([
      "score: Must not be more than the maximum, 100.",
    ]);
    expect(scoreEditSchema(100).parse({ score: "99" })).toEqual({ score: 99 });
  });

  it("sends a rejection's reason only when there is one", () => {
    expect(rejectFormSchema.parse({ reason: "  " })).toEqual({});
    expect(rejectFormSchema.parse({ reason: " Wrong amount " })).toEqual({
      reason: "Wrong amount",
    });
  });
});
