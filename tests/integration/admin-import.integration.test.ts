// Contract §8, POST /api/admin/users/import: per-line reasons, all-or-nothing for an unreadable
// file, one transaction, and a 10,000-line file within one request.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { userImportResponse } from "../../web/server/openapi/admin-responses";
import { postCsv } from "../helpers/admin";
import { expectError, signInAll } from "../helpers/api";
import { buildUser, testDb } from "../helpers/factories";
import type { Session } from "../helpers/http";

type ImportAnswer = {
  created: number;
  skipped: { line: number; reason: string }[];
  dryRun: boolean;
  users: { line: number; email: string; id?: string; setupUrl?: string }[];
};

let admin: Session;

beforeAll(async () => {
  [admin] = await signInAll([await buildUser({ role: "ADMIN" })] as const);
});

/** A tag unique to one test; every address of that test contains it. */
const newTag = () => `imp${randomUUID().slice(0, 8)}`;
const address = (tag: string, n: number | string) => `${tag}-${n}@import.livecampus.test`;
const accountsWith = (tag: string) => testDb().user.count({ where: { email: { contains: tag } } });

async function importCsv(body: string | Uint8Array, query?: string) {
  const answer = await postCsv(admin, body, { query });
  return answer as { status: number; body: ImportAnswer };
}

describe("importing users from CSV", () => {
  it("creates the good lines and skips the bad one with its line number", async () => {
    const t = newTag();
    const csv = [
      "email,name,role",
      `${address(t, 1)},Ada One,STUDENT`,
      `${address(t, 2)},Ben Two,teacher`,
      `${address(t, 3)},Cy Three,JANITOR`,
    ].join("\n");
    const answer = await importCsv(csv);
    expect(answer.status).toBe(200);
    expect(userImportResponse.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body.created).toBe(2);
    expect(answer.body.skipped).toEqual([{ line: 4, reason: expect.stringMatching(/^role: /) }]);
    expect(answer.body.users.map((u) => [u.line, u.email])).toEqual([
      [2, address(t, 1)],
      [3, address(t, 2)],
    ]);
    for (const user of answer.body.users) expect(user.setupUrl).toMatch(/\/setup\/[\w-]{40,}$/);
    const rows = await testDb().user.findMany({
      where: { email: { contains: t } },
      orderBy: { email: "asc" },
    });
    expect(rows.map((r) => [r.email, r.role, r.passwordHash])).toEqual([
      [address(t, 1), "STUDENT", null],
      [address(t, 2), "TEACHER", null],
    ]);
  });

  it("skips e-mails repeated in the file and those already taken", async () => {
    const t = newTag();
    const taken = await buildUser({ email: address(t, "taken") });
    const csv = [
      "name,role,email",
      `One,STUDENT,${address(t, 1)}`,
      `Again,STUDENT,${address(t, 1).toUpperCase()}`,
      `Taken,STUDENT,${taken.email}`,
      `Bad,STUDENT,not-an-email`,
      `NoName,STUDENT`,
    ].join("\r\n");
    const answer = await importCsv(csv);
    expect(answer.body.created).toBe(1);
    expect(answer.body.skipped).toEqual([
      { line: 3, reason: expect.stringMatching(/already on line 2/) },
      { line: 4, reason: expect.stringMatching(/already has an account/) },
      { line: 5, reason: expect.stringMatching(/^email: /) },
      { line: 6, reason: expect.stringMatching(/expected 3 fields/) },
    ]);
    expect(await accountsWith(t)).toBe(2);
  });

  it("previews with dryRun=true and writes nothing", async () => {
    const t = newTag();
    const csv = `email,name,role\n${address(t, 1)},Ada,STUDENT\n${address(t, 2)},Ben,ROOT\n`;
    const answer = await importCsv(csv, "?dryRun=true");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 1, dryRun: true, skipped: [{ line: 3 }] });
    expect(answer.body.users[0]).not.toHaveProperty("setupUrl");
    expect(await accountsWith(t)).toBe(0);
  });

  it.each([
    ["no header line", (t: string) => `${address(t, 1)},Ada,STUDENT\n`, /no header/],
    [
      "wrong columns",
      (t: string) => `email,fullname,role\n${address(t, 1)},Ada,STUDENT\n`,
      /Wrong/,
    ],
    [
      "an extra column",
      (t: string) => `email,name,role,age\n${address(t, 1)},Ada,STUDENT,9\n`,
      /Wrong/,
    ],
    ["an empty first line only", () => "\n\n", /empty/],
    ["broken quoting", (t: string) => `email,name,role\n"${address(t, 1)},Ada,STUDENT\n`, /CSV/],
  ])(
    "refuses a file with %s as a whole (400) and creates nothing",
    async (_what, make, message) => {
      const t = newTag();
      expectError(await importCsv(make(t)), 400, message);
      // A good line after the bad part is not imported either.
      expectError(await importCsv(`${make(t)}${address(t, 2)},Ben,STUDENT\n`), 400);
      expect(await accountsWith(t)).toBe(0);
    },
  );

  it("refuses bytes that are not UTF-8 (400) and creates nothing", async () => {
    const t = newTag();
    const latin1 = Buffer.concat([
      Buffer.from(`email,name,role\n${address(t, 1)},Ada,STUDENT\n${address(t, 2)},Jos`),
      Buffer.from([0xe9]),
      Buffer.from(",STUDENT\n"),
    ]);
    expectError(await importCsv(latin1), 400, /UTF-8/);
    expect(await accountsWith(t)).toBe(0);
  });

  it("refuses another content type (415) and a file over 5 MB (413)", async () => {
    const t = newTag();
    const csv = `email,name,role\n${address(t, 1)},Ada,STUDENT\n`;
    expectError(await postCsv(admin, csv, { contentType: "application/json" }), 415);
    const line = `${address(t, "x")},${"N".repeat(200)},STUDENT\n`;
    const huge = `email,name,role\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;
    expectError(await importCsv(huge), 413);
    expect(await accountsWith(t)).toBe(0);
  });

  it("imports 10,000 lines in one request, in one transaction", async () => {
    const t = newTag();
    const lines = Array.from({ length: 10_000 }, (_, i) => `${address(t, i)},Person ${i},STUDENT`);
    const started = performance.now();
    const answer = await importCsv(`email,name,role\n${lines.join("\n")}\n`);
    const ms = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(answer.body.created).toBe(10_000);
    expect(answer.body.skipped).toEqual([]);
    expect(await accountsWith(t)).toBe(10_000);
    expect(
      await testDb().passwordSetupToken.count({ where: { user: { email: { contains: t } } } }),
    ).toBe(10_000);
    console.log(`[measure] import of 10,000 CSV lines: ${Math.round(ms)} ms`);
  });

  it("creates nothing when one line of a large file races another import (one transaction)", async () => {
    const t = newTag();
    const lines = Array.from({ length: 3000 }, (_, i) => `${address(t, i)},P ${i},STUDENT`);
    const csv = `email,name,role\n${lines.join("\n")}\n`;
    // Both files pass the "already taken" check before either commits: the loser must roll back
    // entirely (409) rather than leave part of its lines behind.
    const [a, b] = await Promise.all([importCsv(csv), importCsv(csv)]);
    const statuses = [a.status, b.status].sort();
    expect(await accountsWith(t)).toBe(3000);
    if (statuses[0] === 200 && statuses[1] === 409) return;
    // Or the second one started after the first committed: every line then is "already taken".
    expect(statuses).toEqual([200, 200]);
    const created = [a.body.created, b.body.created].sort();
    expect(created).toEqual([0, 3000]);
  });
});
