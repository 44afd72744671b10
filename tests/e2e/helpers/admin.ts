// Steps of the administration screens, as an admin does them in the browser: find a user in
// the list, create one, confirm a dialog.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";

/** A unique address on the test domain (tests share one database). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.livecampus.test`;
}

/** Marks the page's document; {@link sameDocument} tells whether it was reloaded since. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eMark?: boolean }).__e2eMark = true;
  });
}

/** True while the document marked by {@link markDocument} is still the one shown. */
export function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eMark?: boolean }).__e2eMark === true);
}

/** Confirms the open confirmation dialog with its `label` button. */
export async function confirmDialog(page: Page, label: string): Promise<void> {
  await page.getByRole("dialog").getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("dialog").waitFor({ state: "hidden" });
}

/** Searches the admin user list for `email` and returns its row (waiting for it). */
export async function userRow(page: Page, email: string): Promise<Locator> {
  await page.getByTestId("user-search").fill(email);
  const row = page.getByTestId("user-list").locator("tr").filter({ hasText: email });
  await row.first().waitFor();
  return row.first();
}

/**
 * Creates a user through the "New user" form of /admin/users (the page must be open): with
 * `password`, or without one, then resolves with the one-time setup link the form shows.
 */
export async function createUserInUi(
  page: Page,
  user: { email: string; name: string; role: "STUDENT" | "TEACHER" | "ADMIN"; password?: string },
): Promise<string | undefined> {
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("E-mail").fill(user.email);
  await form.getByLabel("Name", { exact: true }).fill(user.name);
  await form.getByLabel("Role").selectOption(user.role);
  if (user.password) await form.getByLabel("Initial password").fill(user.password);
  const answered = page.waitForResponse(
    (r) => r.url().endsWith("/api/admin/users") && r.request().method() === "POST",
  );
  await form.getByRole("button", { name: "Create user" }).click();
  const response = await answered;
  if (response.status() !== 201)
    throw new Error(`creating ${user.email}: HTTP ${response.status()} ${await response.text()}`);
  if (user.password) return undefined;
  const link = page.getByTestId("setup-url");
  await link.waitFor();
  return link.inputValue();
}

/**
 * The review queue's Approve button for `paymentId`, loading more pages of the queue (oldest
 * first, a page at a time) until the payment is in it: tests share one database, so older
 * payments of other tests can fill the first page.
 */
export async function pendingApprove(page: Page, paymentId: string): Promise<Locator> {
  const approve = page.getByTestId(`approve-${paymentId}`);
  const more = page.getByTestId("pending-payments").getByTestId("load-more-payments");
  await page.getByTestId("pending-payments").waitFor();
  for (let pages = 0; pages < 50; pages += 1) {
    // Either the payment is listed or there is another page to load (or the list is still
    // drawing its first page): wait for whichever comes first.
    await approve.or(more).first().waitFor();
    if (await approve.count()) return approve;
    await more.click();
    await page.getByTestId("pending-payments").getByText("Loading…").waitFor({ state: "detached" });
  }
  throw new Error(`payment ${paymentId} is not in the review queue`);
}
