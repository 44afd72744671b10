import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Locale } from "@/i18n/locales";
import { MESSAGES } from "@/messages";
import { ApiError } from "./fetch-json";
import {
  passwordChangeFormSchema,
  setupFormSchema,
  signInFormSchema,
  userEditSchema,
} from "./form-account";
import { apiFieldErrors, generalMessage, sentence } from "./form-errors";
import {
  courseDetailsSchema,
  courseFormSchemaFor,
  createUserFormSchema,
  numberInputText,
  paymentFormSchema,
  rejectFormSchema,
  scoreEditSchema,
  scoreFormSchema,
} from "./form-validation";
import { formatsFor } from "./format";
import { checkPassword, PASSWORD_RULE_KEYS, PASSWORD_RULES } from "./password-policy";
import { announcementBody, dateSchema } from "./validation";
import {
  codeKey,
  errorText,
  MESSAGE_PATTERNS,
  matchPattern,
  RULE_PATTERNS,
  ruleText,
  translateRule,
} from "./validation-messages";

const COURSE = "c" + "a".repeat(24);
const FREE_COURSE = "c" + "f".repeat(24);
const STUDENT = "c" + "b".repeat(24);
const TOKEN = "t".repeat(32);

const rulesT = (locale: Locale) =>
  createTranslator({ locale, messages: MESSAGES[locale], namespace: "validation" });
const errorsT = (locale: Locale) =>
  createTranslator({ locale, messages: MESSAGES[locale], namespace: "errors" });
const de = { rules: rulesT("de"), errors: errorsT("de") };
const en = { rules: rulesT("en"), errors: errorsT("en") };

const inGerman = (rule: string) => ruleText(rule, "de", de.rules);
const errorIn = (locale: Locale, error: unknown) =>
  errorText(error, locale, errorsT(locale), rulesT(locale));

type Case = { schema: z.ZodType; inputs: unknown[] };

/** Every client form schema, each with input that breaks each of its rules. */
function formCases(locale: Locale): Record<string, Case> {
  const long = (n: number) => "x".repeat(n);
  const comma = locale === "en" ? "10,50" : "10.50";
  return {
    payment: {
      schema: paymentFormSchema(
        (id) => (id === COURSE ? 33_000 : id === FREE_COURSE ? 0 : null),
        locale,
      ),
      inputs: [
        { courseId: "", amount: "" },
        { courseId: "x", amount: "abc" },
        { courseId: COURSE, amount: "-5" },
        { courseId: COURSE, amount: comma },
        { courseId: COURSE, amount: "0" },
        { courseId: COURSE, amount: locale === "en" ? "330.01" : "330,01" },
        { courseId: FREE_COURSE, amount: "5" },
        { courseId: STUDENT, amount: "2000000" },
        { courseId: STUDENT, amount: "99999999999999999" },
        { courseId: STUDENT, amount: "1.2345" },
        { courseId: STUDENT, amount: "12,3,4" },
      ],
    },
    score: {
      schema: scoreFormSchema(COURSE, locale),
      inputs: [
        { studentId: "", title: long(201), score: "", maxScore: "" },
        { title: "", score: "abc", maxScore: "-1" },
        { studentId: STUDENT, title: "", score: "-1", maxScore: "0" },
        { studentId: STUDENT, title: "", score: "11", maxScore: "10" },
        { studentId: STUDENT, title: "", score: "200000", maxScore: "200000" },
        { studentId: STUDENT, title: "a\u0000", score: "1", maxScore: "2" },
      ],
    },
    scoreEdit: {
      schema: scoreEditSchema(100, locale),
      inputs: [{ score: "" }, { score: "abc" }, { score: "-1" }, { score: "999" }],
    },
    scoreEditHigh: {
      schema: scoreEditSchema(1_000_000, locale),
      inputs: [{ score: "200000" }],
    },
    reject: {
      schema: rejectFormSchema,
      inputs: [{ reason: long(501) }, { reason: "a\u0000" }],
    },
    courseDetails: {
      schema: courseDetailsSchema,
      inputs: [
        { title: "", description: long(5001) },
        { title: long(201), description: "" },
      ],
    },
    course: {
      schema: courseFormSchemaFor(locale),
      inputs: [
        { title: "", description: "", teacherId: "", price: "abc" },
        { title: "T", description: "", teacherId: "x", price: "-1" },
        { title: "T", description: "", teacherId: STUDENT, price: comma },
        { title: "T", description: "", teacherId: STUDENT, price: "2000000" },
        { title: "T", description: "", teacherId: STUDENT, price: "99999999999999999" },
      ],
    },
    createUser: {
      schema: createUserFormSchema,
      inputs: [
        { email: "", name: "", role: "", password: "short" },
        { email: "not-an-address", name: long(201), role: "KING", password: long(80) },
        {
          email: `a@${"b".repeat(260)}.com`,
          name: "a\u0000",
          role: "ADMIN",
          password: "qwerty123456",
        },
      ],
    },
    signIn: {
      schema: signInFormSchema,
      inputs: [
        { email: "", password: "" },
        { email: "x", password: long(201) },
        { email: `a@${"b".repeat(260)}.com`, password: "p" },
      ],
    },
    passwordChange: {
      schema: passwordChangeFormSchema,
      inputs: [
        { currentPassword: "", newPassword: "", confirmPassword: "x" },
        { currentPassword: long(201), newPassword: "short", confirmPassword: "short" },
        { currentPassword: "c", newPassword: long(80), confirmPassword: long(80) },
        { currentPassword: "c", newPassword: "qwerty123456", confirmPassword: "qwerty123456" },
      ],
    },
    setup: {
      schema: setupFormSchema("bad"),
      inputs: [
        { password: "", confirmPassword: "" },
        { password: "violet-harbour-42-lantern", confirmPassword: "violet-harbour-42-lantern" },
      ],
    },
    setupPassword: {
      schema: setupFormSchema(TOKEN),
      inputs: [
        { password: "short", confirmPassword: "other" },
        { password: "qwerty123456", confirmPassword: "qwerty123456" },
      ],
    },
    userEdit: {
      schema: userEditSchema({ name: "Ada", role: "STUDENT" }),
      inputs: [
        { name: "", role: "STUDENT" },
        { name: "Ada", role: "STUDENT" },
        { name: long(201), role: "KING" },
        { name: "a\u0000", role: "ADMIN" },
      ],
    },
    announcement: {
      schema: announcementBody,
      inputs: [
        { title: "", message: "" },
        {},
        { title: long(201), message: long(5001) },
        { title: "a", message: "é".repeat(4600) },
        { title: "\u0000", message: "a" },
      ],
    },
    attendanceDate: {
      schema: z.object({ date: dateSchema }),
      inputs: [{ date: "2026-02-30" }, { date: "" }],
    },
  };
}

/** Every message the form schemas give for their bad input. */
function formMessages(locale: Locale): string[] {
  const found = new Set<string>();
  for (const { schema, inputs } of Object.values(formCases(locale)))
    for (const input of inputs) {
      const result = schema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      for (const issue of result.error!.issues) found.add(issue.message);
    }
  return [...found];
}

/** What the services send as `field: rule` (server/services). */
const SERVER_FIELD_MESSAGES = [
  "amountCents: must be at most $330.00, the amount due for Algebra",
  "amountCents: nothing is due for Algebra",
  "courseId: you are not enrolled in Algebra, so there is nothing to pay for it",
  "currentPassword: the current password is wrong",
  "email: an account with this e-mail already exists",
  "teacherId: must be the id of an active TEACHER",
  "studentId: this student is not actively enrolled in the course",
  "score: must not be more than the maximum score",
  "amountCents: must be at most $1,000,000.00; courseId: must be a valid id",
  "password: must be at least 12 characters",
  "status: must be present, absent, late or excused",
];
const serverRules = SERVER_FIELD_MESSAGES.flatMap((message) =>
  apiFieldErrors(new ApiError(422, "validation_failed", message)).map((e) => e.message),
);

/** The argument names of an ICU message ("{max}", "{status, select, …}"). */
const argumentsOf = (message: string) =>
  [...message.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).sort();

/** Leaves of a catalogue as "a.b.c" → text. */
function leaves(tree: object, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === "string"
        ? [[`${prefix}${key}`, value]]
        : Object.entries(leaves(value as object, `${prefix}${key}.`)),
    ),
  );
}

describe("the validation and errors catalogues", () => {
  it.each(["validation", "errors"] as const)(
    "%s: German has every English key, with the same placeholders",
    (namespace) => {
      const english = leaves(MESSAGES.en[namespace]);
      const german = leaves(MESSAGES.de[namespace]);
      expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect(argumentsOf(german[key]!), key).toEqual(argumentsOf(text));
        expect(german[key], key).not.toBe(text);
      }
    },
  );

  it("has a text for every pattern, and a pattern for every rule and message text", () => {
    const ruleKeys = new Set(RULE_PATTERNS.map((p) => p.key));
    const messageKeys = new Set(MESSAGE_PATTERNS.map((p) => p.key));
    expect([...ruleKeys].sort()).toEqual(Object.keys(MESSAGES.en.validation.rules).sort());
    expect([...messageKeys].sort()).toEqual(Object.keys(MESSAGES.en.errors.messages).sort());
  });
});

describe("rule texts", () => {
  const english = [...formMessages("en"), ...formMessages("de"), ...serverRules];

  it("the forms' schemas refuse each bad input with a known rule", () => {
    // A sample of what must be among them: the amounts, numbers, accounts and lists.
    expect(english).toEqual(
      expect.arrayContaining([
        "Use a dot for cents, like 10.50",
        "Use a comma for cents, like 10,50",
        "That is more than the $330.00 due for this course.",
        "must be at most $1,000,000.00",
        "Must be at most 100,000.",
        "The two passwords differ.",
        "is one of the most common passwords: choose another",
        "must be the token of a setup link",
        "give name, role or active",
        "must be STUDENT, TEACHER or ADMIN",
        "must be a date as YYYY-MM-DD",
      ]),
    );
  });

  it.each(english)("%j has a German text", (rule) => {
    const german = translateRule(rule, "de", de.rules);
    expect(german, rule).not.toBeNull();
    expect(sentence(german!)).not.toBe(sentence(rule));
    expect(german).not.toMatch(/\{|\}/);
  });

  it.each(english)("%j is its English catalogue text again", (rule) => {
    const found = matchPattern(RULE_PATTERNS, rule)!;
    expect(sentence(en.rules(`rules.${found.key}`, found.raw))).toBe(sentence(rule));
  });

  it("passes English through unchanged, and text it does not know in any language", () => {
    for (const rule of english) expect(ruleText(rule, "en", en.rules)).toBe(rule);
    expect(inGerman("Bitte prüfen.")).toBe("Bitte prüfen.");
    expect(inGerman("something entirely new")).toBe("something entirely new");
  });

  it("writes numbers and amounts as German writes them", () => {
    const money = formatsFor("de").money;
    expect(inGerman("Must be at most 100,000.")).toBe("Darf höchstens 100.000 sein.");
    expect(inGerman("must be at most 5000 characters")).toBe(
      "Darf höchstens 5.000 Zeichen lang sein.",
    );
    expect(inGerman("That is more than the $330.00 due for this course.")).toBe(
      `Das ist mehr als die für diesen Kurs fälligen ${money(33_000)}.`,
    );
    expect(inGerman("Must be at most $330.00, the amount due for Algebra.")).toBe(
      `Darf höchstens ${money(33_000)} betragen, den für Algebra fälligen Betrag.`,
    );
    expect(inGerman("Must not be more than the maximum, 7.5.")).toBe(
      "Darf nicht über dem Höchstwert von 7,5 liegen.",
    );
  });
});

describe("amounts and numbers as the page's language types them", () => {
  it("reads German amounts into cents and refuses a dot for cents", () => {
    const schema = paymentFormSchema(() => null, "de");
    expect(schema.parse({ courseId: COURSE, amount: "49,90" })).toEqual({
      courseId: COURSE,
      amountCents: 4990,
    });
    expect(schema.parse({ courseId: COURSE, amount: "1.250,50 $" }).amountCents).toBe(125_050);
    const refused = schema.safeParse({ courseId: COURSE, amount: "49.90" });
    expect(refused.error?.issues.map((i) => i.message)).toEqual([
      "Use a comma for cents, like 10,50",
    ]);
  });

  it("keeps English as it was", () => {
    const schema = paymentFormSchema(() => null);
    expect(schema.parse({ courseId: COURSE, amount: "$1,250.50" }).amountCents).toBe(125_050);
    expect(
      schema.safeParse({ courseId: COURSE, amount: "49,90" }).error?.issues.map((i) => i.message),
    ).toEqual(["Use a dot for cents, like 10.50"]);
  });

  it("reads a course's German price, empty meaning free", () => {
    const course = { title: "T", description: "", teacherId: STUDENT };
    expect(courseFormSchemaFor("de").parse({ ...course, price: "450,00" }).price).toBe(45_000);
    expect(courseFormSchemaFor("de").parse({ ...course, price: " " }).price).toBe(0);
    expect(courseFormSchemaFor("en").parse({ ...course, price: "450.00" }).price).toBe(45_000);
    expect(courseFormSchemaFor("de")).toBe(courseFormSchemaFor("de"));
  });

  it("reads German scores with a decimal comma", () => {
    expect(
      scoreFormSchema(COURSE, "de").parse({
        studentId: STUDENT,
        title: "",
        score: "7,5",
        maxScore: "10",
      }),
    ).toMatchObject({ score: 7.5, maxScore: 10 });
    expect(scoreEditSchema(10, "de").safeParse({ score: "7.5" }).success).toBe(false);
    expect(scoreEditSchema(10).parse({ score: "7.5" })).toEqual({ score: 7.5 });
    expect(numberInputText(7.5, "de")).toBe("7,5");
    expect(numberInputText(1000, "de")).toBe("1000");
    expect(numberInputText(7.5, "en")).toBe("7.5");
    expect(scoreEditSchema(10, "de").parse({ score: numberInputText(7.5, "de") })).toEqual({
      score: 7.5,
    });
  });
});

describe("general errors", () => {
  const cases = [
    new Error("offline"),
    new ApiError(401, "unauthorized", "Sign in first"),
    new ApiError(403, "forbidden", "Only the course's teacher may do this"),
    new ApiError(403, "forbidden_origin", "Cross-origin requests may not change anything"),
    new ApiError(404, "not_found", "Payment not found"),
    new ApiError(409, "conflict", "Payment is already COMPLETED, not PENDING"),
    new ApiError(409, "conflict", "Something new happened"),
    new ApiError(422, "validation_failed", "studentId: this student is not actively enrolled"),
    new ApiError(429, "rate_limited", "Too many requests; try again later"),
    new ApiError(500, "internal_error", "Something went wrong on our side"),
    new ApiError(502, "http_error", "Request failed with HTTP 502"),
    new ApiError(503, "unavailable", "The service is temporarily unavailable; try again shortly"),
    new ApiError(418, "teapot", "I am a teapot"),
  ];

  it.each(cases)("says %s in English as generalMessage does", (error) => {
    expect(errorIn("en", error)).toBe(generalMessage(error));
  });

  it("has a German text for every code the server sends", () => {
    const codes = [
      "bad_request",
      "unauthorized",
      "forbidden",
      "forbidden_origin",
      "not_found",
      "conflict",
      "payload_too_large",
      "validation_failed",
      "unsupported_media_type",
      "rate_limited",
      "not_enrolled",
      "amount_exceeds_due",
      "bad_csv",
      "gone",
      "http_error",
      "internal_error",
      "unavailable",
      "realtime_unavailable",
    ];
    for (const code of codes) {
      const key = codeKey(code);
      expect(key, code).toBeDefined();
      expect(de.errors(`codes.${key!}`)).not.toBe(en.errors(`codes.${key!}`));
    }
    expect(codeKey("constructor")).toBeUndefined();
  });

  it("translates by code in German", () => {
    expect(errorIn("de", new Error("offline"))).toBe(de.errors("network"));
    expect(errorIn("de", new ApiError(401, "unauthorized", "Sign in first"))).toBe(
      "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
    );
    expect(errorIn("de", cases[2])).toBe("Dazu sind Sie nicht berechtigt.");
    expect(errorIn("de", new ApiError(429, "rate_limited", "Too many requests"))).toBe(
      de.errors("codes.rateLimited"),
    );
    expect(errorIn("de", new ApiError(503, "realtime_unavailable", "x"))).toBe(
      de.errors("codes.realtimeUnavailable"),
    );
    expect(errorIn("de", new ApiError(502, "http_error", "x"))).toBe(de.errors("server"));
    expect(errorIn("de", new ApiError(409, "conflict", "Something new happened"))).toBe(
      de.errors("codes.conflict"),
    );
  });

  it("says the server's known messages in German", () => {
    expect(errorIn("de", new ApiError(404, "not_found", "Payment not found"))).toBe(
      "Diese Zahlung wurde nicht gefunden.",
    );
    expect(errorIn("de", cases[5])).toBe("Diese Zahlung wurde bereits genehmigt.");
    expect(errorIn("de", new ApiError(409, "conflict", "Already enrolled in this course"))).toBe(
      "Sie sind bereits in diesem Kurs eingeschrieben.",
    );
    expect(
      errorIn(
        "de",
        new ApiError(
          422,
          "validation_failed",
          "studentId: this student is not actively enrolled in the course",
        ),
      ),
    ).toBe("Diese Person ist nicht aktiv in den Kurs eingeschrieben.");
    expect(
      errorIn(
        "de",
        new ApiError(422, "validation_failed", "title: must not be empty; score: must be a number"),
      ),
    ).toBe("Darf nicht leer sein. Muss eine Zahl sein.");
    // One part it does not know: the code's text rather than half a translation.
    expect(
      errorIn("de", new ApiError(422, "validation_failed", "title: must not be empty; x: what")),
    ).toBe(de.errors("codes.validationFailed"));
  });

  it("falls back to the English message for a code it does not know", () => {
    expect(errorIn("de", new ApiError(418, "teapot", "i am a teapot"))).toBe("I am a teapot.");
  });

  it.each(MESSAGE_PATTERNS.map((p) => p.key))(
    "messages.%s: English is the server's message again",
    (key) => {
      const samples: Record<string, string> = {
        paymentDecided: "Payment is already REJECTED, not PENDING",
        alreadyEnrolled: "Already enrolled in this course",
        enrollmentCancelled: "This enrollment is already cancelled",
        courseArchived: "This course is archived",
        lastAdmin:
          "This is the last active admin: make another user an admin before demoting or deactivating it",
        importRace: "An e-mail of the file got an account meanwhile: import again",
        setupLinkGone: "This setup link has been used, has expired or does not exist",
        notFound: "Course not found",
      };
      const found = matchPattern(MESSAGE_PATTERNS, samples[key]!)!;
      expect(found.key).toBe(key);
      expect(en.errors(`messages.${found.key}`, found.raw)).toBe(sentence(samples[key]!));
      const german = errorIn("de", new ApiError(409, "conflict", samples[key]!));
      expect(german).not.toBe(sentence(samples[key]!));
      expect(german).not.toBe(de.errors("codes.conflict"));
    },
  );
});

describe("the password policy's texts", () => {
  it("lists the rules as PASSWORD_RULES does, in English", () => {
    expect(
      PASSWORD_RULE_KEYS.map(({ key, values }) => en.rules(`password.rules.${key}`, values)),
    ).toEqual([...PASSWORD_RULES]);
  });

  it.each(["short", "x".repeat(80), "qwerty123456"])(
    "says the verdict on %j as the component does today, and in German",
    (password) => {
      const result = checkPassword(password);
      if (result.ok) throw new Error("expected a refusal");
      const { key, values } = result.verdict;
      expect(en.rules(`password.verdict.${key}`, values)).toBe(`This password ${result.message}.`);
      expect(de.rules(`password.verdict.${key}`, values)).toMatch(/^Dieses Passwort /);
    },
  );
});
