// Languages (docs/i18n.md): /de/… is German, an unprefixed path follows Accept-Language (else
// English) without a redirect, redirects and 404s keep the page's language, and /api/… and the
// files of web/public are never rewritten to a language.
import { describe, expect, it } from "vitest";
import { Session } from "../helpers/http";

type Page = { status: number; html: string; lang: string | undefined; location: URL | null };

async function open(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const session = new Session();
  const response = await session.fetch(path, { headers });
  const html = await response.text();
  const location = response.headers.get("location");
  return {
    status: response.status,
    html,
    lang: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1],
    location: location ? new URL(location, session.baseUrl) : null,
  };
}

const GERMAN = "Kurse, Noten, Anwesenheit und Zahlungen – live.";
const ENGLISH = "Courses, scores, attendance and payments — live.";

describe("a page's language", () => {
  it("/sign-in is English by default", async () => {
    const page = await open("/sign-in");
    expect(page.status).toBe(200);
    expect(page.lang).toBe("en");
    expect(page.html).toContain(ENGLISH);
  });

  it("/de/sign-in is German", async () => {
    const page = await open("/de/sign-in");
    expect(page.status).toBe(200);
    expect(page.lang).toBe("de");
    expect(page.html).toContain(GERMAN);
  });

  it.each([
    ["de", "de"],
    ["de-AT,de;q=0.9,en;q=0.5", "de"],
    ["fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7", "de"],
    ["en-US,en;q=0.9,de;q=0.8", "en"],
    ["de;q=0.2,en;q=0.9", "en"],
    ["fr", "en"],
  ])("/sign-in with Accept-Language %j is %s, served without a redirect", async (header, lang) => {
    const page = await open("/sign-in", { "accept-language": header });
    expect(page.status).toBe(200);
    expect(page.lang).toBe(lang);
    expect(page.html).toContain(lang === "de" ? GERMAN : ENGLISH);
  });

  it("a prefix wins over Accept-Language", async () => {
    expect((await open("/en/sign-in", { "accept-language": "de" })).lang).toBe("en");
    expect((await open("/de/sign-in", { "accept-language": "en" })).lang).toBe("de");
  });

  it("a client cannot choose the language through the proxy's own headers", async () => {
    const page = await open("/en/sign-in", {
      "x-livecampus-locale": "de",
      "x-livecampus-prefix": "de",
    });
    expect(page.lang).toBe("en");
    expect(page.html).toContain(ENGLISH);
  });
});

describe("redirects keep the language", () => {
  it("an anonymous visitor of /de/student goes to /de/sign-in, and back to /de/student after", async () => {
    const page = await open("/de/student");
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    expect(page.location?.pathname).toBe("/de/sign-in");
    expect(page.location?.searchParams.get("callbackUrl")).toBe("/de/student");
  });

  it("an unprefixed page redirects unprefixed, whatever the browser's language", async () => {
    const page = await open("/student", { "accept-language": "de" });
    expect(page.location?.pathname).toBe("/sign-in");
    expect(page.location?.searchParams.get("callbackUrl")).toBe("/student");
  });

  it("/de goes to /de/sign-in", async () => {
    const page = await open("/de");
    expect(page.location?.pathname).toBe("/de/sign-in");
  });
});

describe("what is not a page", () => {
  // Next renders a 404's document in the browser (its HTML is a shell without the layout):
  // tests/e2e/german.test.ts checks the 404 page's language there.
  it.each(["/de/no-such-page", "/no-such-page", "/fr/student", "/en/de/student"])(
    "%s answers 404",
    async (path) => {
      expect((await open(path)).status).toBe(404);
    },
  );

  it("/api/… is never rewritten: JSON in every language, no /de/api", async () => {
    const health = await new Session().fetch("/api/health", {
      headers: { "accept-language": "de" },
    });
    expect(health.headers.get("content-type")).toContain("application/json");
    await health.arrayBuffer();
    const me = await new Session().json<{ error: { code: string; message: string } }>("/api/me", {
      headers: { "accept-language": "de" },
    });
    expect(me.status).toBe(401);
    expect(me.body.error).toEqual({ code: "unauthorized", message: "Sign in first" });
    expect((await open("/de/api/health")).status).toBe(404);
  });

  it("the files of web/public are served as they are", async () => {
    const robots = await new Session().fetch("/robots.txt", {
      headers: { "accept-language": "de" },
    });
    expect(robots.status).toBe(200);
    expect(robots.headers.get("content-type")).toContain("text/plain");
    await robots.arrayBuffer();
  });
});
