import { describe, expect, it } from "vitest";
import { previewUserCsv } from "./csv-preview";

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

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
    expect(preview.rows.map((r) => [r.line, r.email, r.problem])).toEqual([
      [2, "ada@school.test", undefined],
      [4, "bob@school.test", expect.stringContaining("role")],
      [5, "ADA@school.test", "e-mail already on line 2"],
      [6, "carl@school.test", "has 2 columns instead of 3"],
    ]);
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
    const preview = previewUserCsv(bytes(csv));
    expect(preview.ok ? "" : preview.error).toMatch(error);
  });

  it("refuses a file that is not UTF-8", () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("email,name,role\nz@s.test,Z"),
      0xe9,
      0x0a,
    ]);
    const preview = previewUserCsv(latin1.buffer);
    expect(preview.ok ? "" : preview.error).toMatch(/UTF-8/);
  });
});
