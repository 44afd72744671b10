// Accounts in the browser: the admin creates a user without a password and copies the one-time
// setup link; the new user opens it, sees the password policy before submitting, sets a password
// and signs in; the link then says it was used. A signed-in user changes their password: a
// wrong current password is shown on its field, and their session on another device ends.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildUser, testDb, TEST_PASSWORD } from "../helpers/factories";
import {
  chromiumOrSkip,
  newPerson,
  openAs,
  screenshot,
  signInAs,
  stopwatch,
  suiteBrowser,
} from "./helpers/browser";
import { createUserInUi, uniqueEmail } from "./helpers/admin";

const executable = chromiumOrSkip("admin accounts");

describe.skipIf(!executable)("accounts: setup link and password change", () => {
  const suite = suiteBrowser(executable!);

  it("a new user sets a password through the setup link and signs in", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const watch = stopwatch("setup link → first sign-in");
    const adminView = await openAs(suite.browser, "admin", admin.email, "/admin/users");
    suite.people.push(adminView);
    const email = uniqueEmail("newcomer");
    const setupUrl = await createUserInUi(adminView.page, {
      email,
      name: `Newcomer ${randomUUID().slice(0, 6)}`,
      role: "STUDENT",
    });
    expect(setupUrl).toMatch(/\/setup\/[A-Za-z0-9_-]{20,}$/);
    const stored = await testDb().user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toBeNull();

    // The link as the admin copied it, opened on this stack (its path is what matters).
    const setupPath = new URL(setupUrl!, "http://link.invalid").pathname;
    const newcomer = await newPerson(suite.browser, "newcomer");
    suite.people.push(newcomer);
    const { page } = newcomer;
    await page.goto(setupPath);
    const form = page.getByTestId("setup-form");
    // The policy is on the page before anything is submitted.
    await page.getByText("At least 12 characters").waitFor();
    await form.getByLabel("Password", { exact: true }).fill("short");
    await page.getByTestId("password-verdict").filter({ hasText: "at least 12" }).waitFor();
    await form.getByLabel("Password", { exact: true }).fill("qwerty123456");
    await page.getByTestId("password-verdict").filter({ hasText: "common" }).waitFor();

    const password = `Violet-harbor-${randomUUID().slice(0, 6)}-kite`;
    await form.getByLabel("Password", { exact: true }).fill(password);
    await form.getByLabel("Repeat the new password").fill(password);
    await page.getByTestId("password-verdict").filter({ hasText: "Meets the policy" }).waitFor();
    await form.getByRole("button", { name: "Set my password" }).click();
    await page.getByTestId("setup-done").waitFor();
    await screenshot(page, "setup-link-done");

    await signInAs(page, email, password);
    await page.waitForURL("**/student");
    await page.getByTestId("current-user").filter({ hasText: stored.name }).waitFor();

    // One-time: the same link now says so, and sets nothing.
    const again = await newPerson(suite.browser, "reuse");
    suite.people.push(again);
    await again.page.goto(setupPath);
    await again.page
      .getByTestId("setup-form")
      .getByLabel("Password", { exact: true })
      .fill(`${password}!`);
    await again.page.getByLabel("Repeat the new password").fill(`${password}!`);
    await again.page.getByRole("button", { name: "Set my password" }).click();
    await again.page.getByText("This link was used or has expired").waitFor();
    watch.report();
  });

  it("a signed-in user changes their password; a wrong current password is shown on its field; their other session ends", async () => {
    const teacher = await buildUser({ role: "TEACHER" });
    // The same teacher on another device, its dashboard open.
    const elsewhere = await openAs(suite.browser, "teacher elsewhere", teacher.email, "/teacher");
    suite.people.push(elsewhere);
    const person = await newPerson(suite.browser, "teacher");
    suite.people.push(person);
    const { page } = person;
    await signInAs(page, teacher.email);
    await page.getByRole("link", { name: "Change password" }).click();
    await page.waitForURL("**/account/password");
    const form = page.getByTestId("change-password-form");
    await page.getByText("At least 12 characters").waitFor();
    const next = `Amber-meadow-${randomUUID().slice(0, 6)}-drum`;

    await form.getByLabel("Current password").fill("not my password at all");
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("Repeat the new password").fill(next);
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("This is not your current password.").waitFor();

    await form.getByLabel("Current password").fill(TEST_PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("Your password has been changed.").waitFor();
    // The other session ends and its open page goes to sign-in; this one stays.
    await elsewhere.page.waitForURL((url) => url.pathname === "/sign-in", { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe("/account/password");
    await page.getByTestId("current-user").waitFor();

    const fresh = await newPerson(suite.browser, "teacher again");
    suite.people.push(fresh);
    await signInAs(fresh.page, teacher.email, next);
    await fresh.page.waitForURL("**/teacher");
  });
});
