import { describe, expect, it } from "vitest";
import { HttpError } from "@/server/errors";
import { MAX_IMPORT_ROWS, parseUserCsv } from "./user-csv";

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(input: Uint8Array): HttpError {
  try {
    parseUserCsv(input);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("parseUserCsv", () => {
  it("reads good lines and skips bad ones with their 1-based line", () => {
    const csv =
      "email,name,role\r\n" +
      "Ada@Example.test,Ada Lovelace,student\r\n" +
      "\r\n" +
      'bob@example.test,"Bob, the Builder",TEACHER\r\n' +
      "carol@example.test,Carol,JANITOR\r\n" +
      "ada@example.test,Ada Again,STUDENT\r\n" +
      "dan@example.test,Dan\r\n" +
      "not-an-email,Eve,ADMIN\r\n" +
      "fay@example.test,,STUDENT\r\n";
    const { rows, skipped } = parseUserCsv(bytes(csv));
    expect(rows).toEqual([
      { line: 2, email: "ada@example.test", name: "Ada Lovelace", role: "STUDENT" },
      { line: 4, email: "bob@example.test", name: "Bob, the Builder", role: "TEACHER" },
    ]);
    expect(skipped.map((s) => s.line)).toEqual([5, 6, 7, 8, 9]);
    expect(skipped[0]!.reason).toMatch(/^role: /);
    expect(skipped[1]!.reason).toMatch(/already on line 2/);
    expect(skipped[2]!.reason).toMatch(/expected 3 fields/);
    expect(skipped[3]!.reason).toMatch(/^email: /);
    expect(skipped[4]!.reason).toMatch(/^name: /);
  });

  it("takes the columns in any order and ignores a byte order mark", () => {
    const { rows } = parseUserCsv(bytes("\uFEFFRole, Name ,EMAIL\nadmin,Zoe,zoe@example.test\n"));
    expect(rows).toEqual([{ line: 2, email: "zoe@example.test", name: "Zoe", role: "ADMIN" }]);
  });

  it.each([
    ["an empty file", "", /empty/],
    ["no header", "ada@example.test,Ada,STUDENT\n", /no header/],
    ["wrong columns", "email,name\nada@example.test,Ada\n", /Wrong columns/],
    ["an extra column", "email,name,role,age\n", /Wrong columns/],
    ["broken quoting", 'email,name,role\n"ada@example.test,Ada,STUDENT\n', /not a readable CSV/],
  ])("refuses %s as a whole (400)", (_what, csv, message) => {
    const error = refusal(bytes(csv));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("refuses bytes that are not UTF-8", () => {
    const latin1 = Uint8Array.from([...bytes("email,name,role\nj@example.test,Jos"), 0xe9, 0x0a]);
    const error = refusal(latin1);
    expect([error.status, error.message]).toEqual([400, expect.stringMatching(/not UTF-8/)]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} users in one file`, () => {
    const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}@x.test,U,STUDENT`);
    expect(refusal(bytes(`email,name,role\n${lines.join("\n")}\n`)).message).toMatch(/at most/);
  });
});
