import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";
import { describeCsvProblem, previewUserCsv, type CsvTexts } from "./csv-preview";

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const texts = (locale: "en" | "de") =>
  createTranslator({ locale, messages: MESSAGES[locale], namespace: "users.csv" }) as CsvTexts;
const en = texts("en");
const inWords = (preview: ReturnType<typeof previewUserCsv>) =>
  preview.ok ? "" : describeCsvProblem(en, preview.error);

describe("previewUserCsv", () => {
  it("numbers the rows by file line (header = 1) and flags what the browser can tell", () => {
    const csv =
      "email,name,role\r\n" +
      "ada@school.test,Ada Lovelace,student\r\n" +
      "\r\n" +
      "bob@school.test,Bob,wizard\r\n" +
      '"ADA@school.test","Ada, again",teacher\r\n' +
      "carl@school.test,Carl\r\n";
    const preview = previewUserCsv(bytes(csv));
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(
      preview.rows.map((r) => [r.line, r.email, r.problem && describeCsvProblem(en, r.problem)]),
    ).toEqual([
      [2, "ada@school.test", undefined],
      [4, "bob@school.test", expect.stringContaining("role")],
      [5, "ADA@school.test", "e-mail already on line 2"],
      [6, "carl@school.test", "has 2 columns instead of 3"],
    ]);
    expect(preview.rows[1]!.problem).toMatchObject({ kind: "invalid", column: "role" });
    expect(preview.rows[2]!.name).toBe("Ada, again");
  });

  it("counts the lines inside a quoted field", () => {
    const csv = 'email,name,role\n"x@school.test","Two\nlines",student\ny@school.test,Y,admin\n';
    const preview = previewUserCsv(bytes(csv));
    expect(preview.ok && preview.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it("accepts the columns in any order", () => {
    const preview = previewUserCsv(bytes("Role,Email,Name\nteacher,t@school.test,Tess\n"));
    expect(preview.ok && preview.rows[0]).toMatchObject({
      email: "t@school.test",
      role: "teacher",
    });
  });

  it.each([
    ["a missing header", "ada@school.test,Ada,student\n", /header/],
    ["an empty file", "\n\n", /empty/],
    ["an extra column", "email,name,role,age\n", /header/],
  ])("refuses %s", (_, csv, error) => {
    expect(inWords(previewUserCsv(bytes(csv)))).toMatch(error);
  });

  it("names the expected and the found header", () => {
    expect(inWords(previewUserCsv(bytes("mail,name,role\n")))).toBe(
      "The first line must be the header “email,name,role”; it is “mail,name,role”.",
    );
  });

  it("refuses a file that is not UTF-8", () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("email,name,role\nz@s.test,Z"),
      0xe9,
      0x0a,
    ]);
    expect(inWords(previewUserCsv(latin1.buffer))).toMatch(/UTF-8/);
  });

  it("says the problems in German too, with the column names as they are", () => {
    const de = texts("de");
    expect(describeCsvProblem(de, { kind: "columnCount", count: 1, expected: 3 })).toBe(
      "hat 1 Spalte statt 3",
    );
    expect(describeCsvProblem(de, { kind: "duplicate", line: 2 })).toBe(
      "E-Mail-Adresse bereits in Zeile 2",
    );
    expect(
      describeCsvProblem(de, { kind: "header", expected: "email,name,role", found: "a,b" }),
    ).toBe("Die erste Zeile muss die Kopfzeile „email,name,role“ sein; sie lautet „a,b“.");
  });
});
