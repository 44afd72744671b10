// CSV import in the browser: the file is previewed row by row with its line numbers, the
// server's per-line verdicts (dry run) are shown, nothing is written until the admin confirms,
// then the result lists what was created and skipped.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildUser, testDb } from "../helpers/factories";
import { chromiumOrSkip, openAs, screenshot, stopwatch, suiteBrowser } from "./helpers/browser";
import { uniqueEmail } from "./helpers/admin";

const executable = chromiumOrSkip("admin CSV import");

describe.skipIf(!executable)("admin: CSV import", () => {
  const suite = suiteBrowser(executable!);

  it("shows the preview and the per-line errors, writes only after confirming", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const taken = await buildUser({ role: "STUDENT" });
    const [first, second] = [uniqueEmail("import-a"), uniqueEmail("import-b")];
    const tag = randomUUID().slice(0, 6);
    const csv = [
      "email,name,role",
      `${first},Imported Ada ${tag},student`,
      `${taken.email},Already Here,student`,
      `${second},Imported Tess ${tag},TEACHER`,
      `${uniqueEmail("import-c")},Wrong Role,wizard`,
      `${first},Ada Twice,student`,
    ].join("\n");

    const watch = stopwatch("CSV import: preview → confirm");
    const adminView = await openAs(suite.browser, "admin", admin.email, "/admin/users");
    suite.people.push(adminView);
    const { page } = adminView;
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "new-people.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });

    const preview = page.getByTestId("import-preview");
    await preview.getByText("new-people.csv").waitFor();
    for (const line of [2, 3, 4, 5, 6]) await preview.getByTestId(`import-row-${line}`).waitFor();
    // The server's verdicts, line by line, before anything is written.
    const problems = page.getByTestId("import-problems");
    await problems.waitFor();
    const lines = await problems.getByTestId("import-problem").allTextContents();
    expect(lines.map((l) => l.match(/^Line (\d+)/)?.[1])).toEqual(["3", "5", "6"]);
    await page
      .getByTestId("import-summary")
      .filter({ hasText: "2 users will be created" })
      .waitFor();
    await screenshot(page, "admin-import-preview");
    expect(await testDb().user.count({ where: { email: { in: [first, second] } } })).toBe(0);

    await page.getByTestId("import-confirm").click();
    const result = page.getByTestId("import-result");
    await result.getByText("2 users created, 3 skipped").waitFor();
    expect(await result.getByTestId("import-problem").count()).toBe(3);
    const created = await testDb().user.findMany({ where: { email: { in: [first, second] } } });
    expect(created.map((u) => u.role).sort()).toEqual(["STUDENT", "TEACHER"]);
    // The list shows the new people (the import's user-update revalidates it).
    await page.getByTestId("user-search").fill(tag);
    await page
      .getByTestId("user-list")
      .getByRole("cell", { name: `Imported Tess ${tag}`, exact: true })
      .waitFor();
    watch.report();
  });

  it("refuses a file without the header before uploading anything", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const adminView = await openAs(suite.browser, "admin", admin.email, "/admin/users");
    suite.people.push(adminView);
    const { page } = adminView;
    let uploads = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/admin/users/import")) uploads += 1;
    });
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "no-header.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${uniqueEmail("x")},X,student\n`, "utf8"),
    });
    await page.getByRole("alert").filter({ hasText: "header" }).waitFor();
    expect(uploads).toBe(0);
  });
});
