/// <reference lib="dom" />
// Browser helpers for the e2e project: the system Chromium driven by playwright-core (never a
// downloaded browser), one isolated context per signed-in person, a record of every WebSocket a
// page opens and of the Pusher frames it receives, polling waits, screenshots and timings.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type WebSocket as PlaywrightSocket,
} from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { REPO_ROOT } from "../../../scripts/lib/paths";
import { TEST_PASSWORD } from "../../helpers/factories";
import { waitUntil } from "../../helpers/wait";
import { getStack } from "../../helpers/stack";

export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-results/screenshots");
export const DOCS_SCREENSHOT_DIR = path.join(REPO_ROOT, "docs/screenshots");
export const VIEWPORT = { width: 1280, height: 800 } as const;
/** The phone size of the layout checks and the docs' phone screenshots. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** Generous: two cores run Chromium, Next, Soketi, PostgreSQL and other tests at once. */
export const UI_TIMEOUT_MS = 20_000;

// The flags ENVIRONMENT.md lists for the system Chromium (no sandbox as root, no GPU, nothing
// that reaches the network by itself).
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The system Chromium of the stack, or undefined after a loud message (the file's tests are
 * then skipped). Under CI=true a missing Chromium is an error: CI must run the browser tests.
 */
export function chromiumOrSkip(suite: string): string | undefined {
  const executable = getStack().chromium;
  if (executable) return executable;
  const message =
    `Chromium was not found on PATH (chromium, chromium-browser, google-chrome): ` +
    `the browser tests "${suite}" cannot run. Install it with \`apt-get install -y chromium\`.`;
  if (/^(true|1)$/i.test(process.env.CI ?? ""))
    throw new Error(`${message} CI=true: failing instead of skipping.`);
  const bar = "!".repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPED: ${message}\n${bar}\n`);
  return undefined;
}

/** One headless Chromium (its own temporary profile, removed on close); close it in afterAll. */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * For a describe block whose people stay open across its tests: registers the hooks that launch
 * one Chromium, capture the people's pages when a test fails, and close them all and the
 * browser at the end. Hooks the caller registered before run around these (vitest stacks
 * after-hooks), e.g. a private stack started first and stopped last.
 */
export function suiteBrowser(executablePath: string): { browser: Browser; people: Person[] } {
  const suite = { browser: undefined as unknown as Browser, people: [] as Person[] };
  beforeAll(async () => {
    suite.browser = await launchBrowser(executablePath);
  });
  afterEach(async ({ task }) => {
    await captureFailure(task, suite.people);
  });
  afterAll(async () => {
    await Promise.all(suite.people.map((p) => p.close().catch(() => {})));
    await suite.browser?.close();
  });
  return suite;
}

/** A Pusher protocol frame a page received, with the wall-clock time the test saw it. */
export type ReceivedFrame = {
  at: number;
  socket: number;
  event: string;
  channel?: string;
  data?: unknown;
};

/**
 * A person in the browser: their own context (cookies, storage), one page, every WebSocket that
 * page opened (in order, with the document that opened it) and every Pusher frame received.
 */
export class Person {
  readonly sockets: PlaywrightSocket[] = [];
  readonly frames: ReceivedFrame[] = [];
  readonly pageErrors: string[] = [];
  /** What the page's Content-Security-Policy blocked (console errors); any one fails the test. */
  readonly cspViolations: string[] = [];
  /** Which document (full page load) opened each socket, by index in `sockets`. */
  private readonly socketDocument: number[] = [];
  /** Sockets (by index) that reported an error, e.g. a refused connection attempt. */
  private readonly socketErrors = new Map<number, string>();
  private document = 0;

  constructor(
    readonly label: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    // A main-frame navigation request starts a new document (client-side navigation is fetch).
    page.on("request", (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) this.document += 1;
    });
    page.on("websocket", (socket) => {
      const index = this.sockets.push(socket) - 1;
      this.socketDocument[index] = this.document;
      socket.on("socketerror", (error) => this.socketErrors.set(index, error));
      socket.on("framereceived", ({ payload }) => {
        if (typeof payload !== "string") return;
        try {
          const frame = JSON.parse(payload) as { event?: string; channel?: string; data?: unknown };
          if (!frame.event) return;
          const data = typeof frame.data === "string" ? safeJson(frame.data) : frame.data;
          this.frames.push({
            at: Date.now(),
            socket: index,
            event: frame.event,
            channel: frame.channel,
            data,
          });
        } catch {
          // not a Pusher frame
        }
      });
    });
    page.on("console", (message) => {
      const text = message.text();
      if (
        /Content Security Policy|Refused to (load|execute|connect|apply|frame|evaluate)/i.test(text)
      )
        this.cspViolations.push(`${page.url()}: ${text}`);
    });
    page.on("pageerror", (error) => {
      this.pageErrors.push(error.message);
      console.warn(`[e2e] ${label}: page error: ${error.message}`);
    });
  }

  /** Sockets opened by the current document (earlier documents' sockets died with them). */
  documentSockets(): PlaywrightSocket[] {
    return this.sockets.filter((_, i) => this.socketDocument[i] === this.document);
  }

  /**
   * The current document's sockets that are still open: not closed and not failed. (Playwright
   * reports no close for the sockets of a document that was navigated away from, nor for a
   * connection attempt that failed: those are left out by document and by error.)
   */
  openSockets(): PlaywrightSocket[] {
    return this.sockets.filter(
      (s, i) =>
        this.socketDocument[i] === this.document && !s.isClosed() && !this.socketErrors.has(i),
    );
  }

  /**
   * The current document's sockets in one line, for messages: how many were established (and
   * are still open), refused with a pusher:error (by code), or failed to connect.
   */
  describeSockets(): string {
    const counts = new Map<string, number>();
    const add = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
    let total = 0;
    this.sockets.forEach((socket, i) => {
      if (this.socketDocument[i] !== this.document) return;
      total += 1;
      const frames = this.frames.filter((f) => f.socket === i);
      const error = frames.find((f) => f.event === "pusher:error");
      if (frames.some((f) => f.event === "pusher:connection_established")) {
        add(
          socket.isClosed() || this.socketErrors.has(i)
            ? "established, closed"
            : "established, OPEN",
        );
      } else if (error) {
        add(
          `refused with pusher:error ${(error.data as { code?: number } | undefined)?.code ?? "?"}`,
        );
      } else if (this.socketErrors.has(i)) {
        add("failed to connect");
      } else {
        add(socket.isClosed() ? "closed without a frame" : "open without a frame");
      }
    });
    return `${total} in this document: ${[...counts].map(([what, n]) => `${n} ${what}`).join(", ")}`;
  }

  /** Resolves once the page's newest open socket has `channel` subscribed (Soketi confirmed it). */
  async waitForSubscription(channel: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await waitUntil(
      () => {
        const current = this.sockets.length - 1;
        if (current < 0 || this.sockets[current]!.isClosed()) return false;
        return this.frames.some(
          (f) =>
            f.socket === current &&
            f.channel === channel &&
            f.event === "pusher_internal:subscription_succeeded",
        );
      },
      `${this.label}: subscription to ${channel}`,
      { timeout: timeoutMs, interval: 100 },
    );
  }

  /** The first frame of `event` (on `channel`, if given) received after `since`. */
  frameAfter(since: number, event: string, channel?: string): ReceivedFrame | undefined {
    return this.frames.find(
      (f) => f.at >= since && f.event === event && (!channel || f.channel === channel),
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * Runs in every document before its own scripts: keeps every WebSocket the document creates in
 * `window.__e2eSockets` (a subclass that only records; behaviour unchanged), so the test can ask
 * the page itself which sockets are open — Playwright's isClosed() misses some closes (sockets of
 * an abandoned document, an abnormal close while connecting).
 */
function trackSocketsInPage() {
  const Native = window.WebSocket;
  const sockets: WebSocket[] = [];
  class TrackedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  Object.defineProperty(window, "__e2eSockets", { value: sockets });
  window.WebSocket = TrackedWebSocket;
}

/** How many WebSockets the page's current document holds open or connecting (its own view). */
export function liveSocketsInPage(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __e2eSockets: WebSocket[] }).__e2eSockets.filter(
        (s) => s.readyState === WebSocket.CONNECTING || s.readyState === WebSocket.OPEN,
      ).length,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A new context (1280×800 unless told, baseURL = `baseUrl`) with one page, not signed in yet. */
export async function newPerson(
  browser: Browser,
  label: string,
  baseUrl = getStack().webUrl,
  viewport: { width: number; height: number } = VIEWPORT,
  /** The browser's language (its Accept-Language and navigator.language). */
  locale = "en-US",
): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(60_000);
  await context.addInitScript(trackSocketsInPage);
  return new Person(label, context, await context.newPage());
}

/**
 * Signs in through the real sign-in form (server action) and resolves once the browser has left
 * /sign-in; throws with the form's error message when the credentials are refused.
 */
export async function signInAs(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  const alert = page.locator('form [role="alert"]');
  const left = page
    .waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 60_000 })
    .then(() => "ok" as const);
  const refused = alert.waitFor({ timeout: 60_000 }).then(() => "refused" as const);
  // The loser of the race times out later: nobody waits for it any more.
  left.catch(() => {});
  refused.catch(() => {});
  if ((await Promise.race([left, refused])) === "refused") {
    throw new Error(`sign-in as ${email} refused: ${await alert.innerText()}`);
  }
}

/** Waits until the header's connection indicator says `state` (connected by default). */
export async function waitForConnection(
  page: Page,
  state: "connected" | "reconnecting" | "offline" | RegExp = "connected",
  timeoutMs = UI_TIMEOUT_MS,
): Promise<void> {
  const indicator = page.getByTestId("connection-indicator");
  if (typeof state === "string") {
    await page
      .locator(`[data-testid="connection-indicator"][data-state="${state}"]`)
      .waitFor({ timeout: timeoutMs });
    return;
  }
  await waitUntil(
    async () =>
      state.test(
        (await indicator.getAttribute("data-state", { timeout: 1000 }).catch(() => null)) ?? "",
      ),
    `connection indicator matching ${state}`,
    { timeout: timeoutMs, interval: 100 },
  );
}

/**
 * A signed-in person on `path`, their realtime connection up: a new context, the sign-in form,
 * then a full page load of `path` (so the counts of sockets start from that load).
 */
export async function openAs(
  browser: Browser,
  label: string,
  email: string,
  pathname: string,
  options: {
    baseUrl?: string;
    password?: string;
    viewport?: { width: number; height: number };
  } = {},
): Promise<Person> {
  const person = await newPerson(browser, label, options.baseUrl, options.viewport);
  await signInAs(person.page, email, options.password);
  await person.page.goto(pathname);
  await waitForConnection(person.page);
  return person;
}

/** Locator for the sonner toast whose text contains `text`. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}

/** The unread count on the header bell (0 when the badge is not shown). */
export async function bellCount(page: Page): Promise<number> {
  const badge = page.getByTestId("notification-count");
  if ((await badge.count()) === 0) return 0;
  const text = (await badge.first().textContent()) ?? "0";
  return text === "99+" ? 100 : Number(text);
}

/** Waits until the bell shows more than `than` unread notifications. */
export async function waitForBellAbove(
  page: Page,
  than: number,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<number> {
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="notification-count"]')?.textContent ?? "0") > n,
    than,
    { timeout: timeoutMs, polling: 100 },
  );
  return bellCount(page);
}

/**
 * Starts recording, inside the page, the wall-clock time (Date.now()) at which a toast containing
 * `text` is first added to the DOM. Read it with {@link toastSeenAt}.
 */
export async function recordToastTime(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { __toastSeen?: Record<string, number> };
    w.__toastSeen ??= {};
    const seen = w.__toastSeen;
    const check = () => {
      if (seen[wanted]) return true;
      for (const el of Array.from(document.querySelectorAll("[data-sonner-toast]"))) {
        if (el.textContent?.includes(wanted)) {
          seen[wanted] = Date.now();
          return true;
        }
      }
      return false;
    };
    if (check()) return;
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
}

/** The time recorded by {@link recordToastTime}, waiting for it up to `timeoutMs`. */
export async function toastSeenAt(
  page: Page,
  text: string,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) =>
      (window as unknown as { __toastSeen?: Record<string, number> }).__toastSeen?.[wanted],
    text,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * When the page had received the whole response of its latest request whose URL ends with
 * `urlSuffix` (its own resource timing, as epoch ms), waiting for that entry.
 */
export async function responseEndAt(
  page: Page,
  urlSuffix: string,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<number> {
  const handle = await page.waitForFunction(
    (suffix) => {
      const entry = performance
        .getEntriesByType("resource")
        .filter((e) => e.name.endsWith(suffix))
        .pop() as PerformanceResourceTiming | undefined;
      return entry && entry.responseEnd > 0
        ? performance.timeOrigin + entry.responseEnd
        : undefined;
    },
    urlSuffix,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * A viewport screenshot into test-results/screenshots/; with `docs`, also into docs/screenshots/
 * when that copy is missing or LIVECAMPUS_DOCS_SCREENSHOTS=1 (so ordinary runs leave the
 * committed images, whose dates change every day, untouched).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { docs?: boolean; fullPage?: boolean } = {},
): Promise<string[]> {
  const docsCopy = path.join(DOCS_SCREENSHOT_DIR, `${name}.png`);
  const updateDocs =
    options.docs && (process.env.LIVECAMPUS_DOCS_SCREENSHOTS === "1" || !existsSync(docsCopy));
  const image = await page.screenshot({
    animations: "disabled",
    caret: "hide",
    fullPage: options.fullPage,
  });
  const files = [path.join(SCREENSHOT_DIR, `${name}.png`), ...(updateDocs ? [docsCopy] : [])];
  return files.map((file) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, image);
    return path.relative(REPO_ROOT, file);
  });
}

/**
 * For an afterEach hook: fails the test when a page reported a CSP violation (the policy must
 * let the app do all it does); when the test failed, a screenshot of each person's page (still
 * open) into test-results/screenshots/failed-*.png and what their page reported.
 */
export async function captureFailure(
  task: { name: string; result?: { state?: string } },
  people: readonly Person[],
): Promise<void> {
  const violations = people.flatMap((person) => person.cspViolations.splice(0));
  if (task.result?.state === "fail") await captureFailedPages(task, people);
  if (violations.length > 0)
    throw new Error(`Content-Security-Policy violations:\n  ${violations.join("\n  ")}`);
}

async function captureFailedPages(task: { name: string }, people: readonly Person[]) {
  const slug = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50);
  for (const person of people) {
    if (person.page.isClosed()) continue;
    const [file] = await screenshot(
      person.page,
      `failed-${slug}-${person.label.replace(/\W+/g, "-")}`,
    ).catch(() => [undefined]);
    const state = await person.page
      .getByTestId("connection-indicator")
      .getAttribute("data-state", { timeout: 1000 })
      .catch(() => "?");
    console.warn(
      `[e2e] failed: ${person.label} at ${person.page.url()}, connection ${state}, ` +
        `sockets: ${person.describeSockets()}${file ? `, screenshot ${file}` : ""}` +
        (person.pageErrors.length ? `\n  page errors: ${person.pageErrors.join("\n  ")}` : ""),
    );
  }
}

/** Measures a scenario and prints its duration as `[e2e timing] <label>: 1.23 s`. */
export function stopwatch(label: string) {
  const started = Date.now();
  return {
    started,
    elapsed: () => Date.now() - started,
    report(extra = ""): number {
      const ms = Date.now() - started;
      console.log(
        `[e2e timing] ${label}: ${(ms / 1000).toFixed(2)} s${extra ? ` (${extra})` : ""}`,
      );
      return ms;
    },
  };
}
