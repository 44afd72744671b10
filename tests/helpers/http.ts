// Talks to the web app the way a browser does: Auth.js routes, cookies, JSON.
import { randomInt } from "node:crypto";
import { getStack } from "./stack";

/** A signed-in (or anonymous) HTTP client with its own cookie jar. */
export class Session {
  private cookies = new Map<string, string>();
  /**
   * The client address this session claims (X-Forwarded-For; the test stack trusts it): its
   * own, so failed sign-ins of one test never throttle another's (contract §10, per IP).
   */
  readonly address = `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

  constructor(readonly baseUrl = getStack().webUrl) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "")
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.address);
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      headers,
      redirect: "manual",
    });
    this.store(response);
    return response;
  }

  async json<T = unknown>(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> {
    const response = await this.fetch(path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  post(path: string, body: unknown) {
    return this.json(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** Signs in through Auth.js's standard credentials route; true when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = await this.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: csrf.body.csrfToken }),
    });
    await response.arrayBuffer();
    return [...this.cookies.keys()].some((name) => name.endsWith("authjs.session-token"));
  }
}

/** A new session signed in as `email`; fails the test if sign-in does not succeed. */
export async function signedIn(email: string, password: string): Promise<Session> {
  const session = new Session();
  if (!(await session.signIn(email, password))) throw new Error(`sign-in failed for ${email}`);
  return session;
}
