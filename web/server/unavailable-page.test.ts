import { describe, expect, it } from "vitest";
import { unavailablePage } from "./unavailable-page";

describe("unavailablePage", () => {
  it("is a complete, labelled page that says what happened and offers a retry", () => {
    const html = unavailablePage("/student?tab=scores");
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain("<title>Temporarily unavailable · LiveCampus</title>");
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<main id="main">[\s\S]*<h1>LiveCampus is temporarily unavailable<\/h1>/);
    expect(html).toContain('<a class="action" href="/student?tab=scores">Try again</a>');
    // Styles inline (the CSP allows them), no script that a nonce would have to cover.
    expect(html).not.toMatch(/<script|rel="stylesheet"/);
    // The app's icon, served without the database (the browser would ask for /favicon.ico).
    expect(html).toContain('<link rel="icon" href="/icon.svg"');
  });

  it("speaks the request's language", () => {
    const html = unavailablePage("/de/student", "de");
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(html).toContain("<title>Vorübergehend nicht verfügbar · LiveCampus</title>");
    expect(html).toContain("<h1>LiveCampus ist vorübergehend nicht verfügbar</h1>");
    expect(html).toContain('<a class="action" href="/de/student">Erneut versuchen</a>');
    // A language that is none of LOCALES (or none at all) is English.
    expect(unavailablePage("/", "fr")).toMatch(/<html lang="en">[\s\S]*Try again/);
    expect(unavailablePage("/", null)).toMatch(/<html lang="en">/);
  });

  it("escapes the retry link and never points it off the site", () => {
    expect(unavailablePage('/courses/"><script>x</script>')).toContain(
      'href="/courses/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"',
    );
    expect(unavailablePage("//evil.example/")).toContain('href="/"');
  });

  it("names no internals", () => {
    expect(unavailablePage("/")).not.toMatch(/postgres|prisma|database|ECONN|timeout|stack/i);
  });
});
