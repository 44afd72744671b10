// The user administration's texts in both languages: English as it was, German complete.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AdminUser } from "@/hooks/data/use-admin-users";
import type { Locale } from "@/i18n/locales";
import { IntlWrapper } from "../../../../tests/helpers/intl";
import { UserImport } from "./user-import";
import { UserRow } from "./user-row";

const ada: AdminUser = {
  id: "u1",
  name: "Ada",
  email: "ada@school.test",
  role: "STUDENT",
  active: true,
  createdAt: "2026-12-01T14:05:00Z",
};

const row = (locale: Locale, user: AdminUser, isSelf = false) =>
  renderToStaticMarkup(
    <IntlWrapper locale={locale}>
      <table>
        <tbody>
          <UserRow user={user} isSelf={isSelf} onChanged={() => {}} />
        </tbody>
      </table>
    </IntlWrapper>,
  );

describe("user administration texts", () => {
  it("keeps the English of a user's row", () => {
    const html = row("en", ada, true);
    for (const text of [
      'data-label="E-mail"',
      ">student<",
      ">active<",
      "(you)",
      "1 Dec 2026",
      'aria-label="Edit Ada"',
      'aria-label="Deactivate Ada"',
      "Deactivate Ada?",
      "ada@school.test will be signed out everywhere at once and cannot sign in until reactivated. This is your own account.",
    ])
      expect(html).toContain(text);
    expect(row("en", { ...ada, active: false })).toContain(
      "ada@school.test will be able to sign in again with their password.",
    );
  });

  it("writes a user's row in German", () => {
    const html = row("de", { ...ada, role: "TEACHER" });
    for (const text of [
      'data-label="Erstellt"',
      ">Lehrkraft<",
      ">aktiv<",
      "01.12.2026",
      'aria-label="Ada bearbeiten"',
      "Ada deaktivieren?",
    ])
      expect(html).toContain(text);
    expect(html).not.toContain("This is your own account");
  });

  it("explains the import file, column names as they are", () => {
    const render = (locale: Locale) =>
      renderToStaticMarkup(
        <IntlWrapper locale={locale}>
          <UserImport onImported={() => {}} onClose={() => {}} />
        </IntlWrapper>,
      );
    expect(render("en")).toContain(
      "One person per line under the header <code>email,name,role</code>; the role is student, teacher or admin. You will see the rows, and the server&#x27;s verdict on each line, before anything is saved.",
    );
    const de = render("de");
    expect(de).toContain("<code>email,name,role</code>");
    expect(de).toContain("CSV-Datei (UTF-8, höchstens 5 MB)");
  });
});
