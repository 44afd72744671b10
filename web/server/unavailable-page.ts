import "server-only";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import enShell from "@/messages/en/shell.json";
import deShell from "@/messages/de/shell.json";

// The page's texts, from the catalogue the app's error boundary reads too (shell.json): this
// page is plain HTML, rendered by proxy.ts outside React and next-intl.
const SHELL: Record<Locale, typeof enShell> = { en: enShell, de: deShell };

/** Seconds a client should wait before asking again (the API's 503s say the same). */
export const RETRY_AFTER_SECONDS = 5;

/** What a server action's fetch shows: Next's client surfaces a text/plain error body as is. */
export const UNAVAILABLE_TEXT =
  "LiveCampus is temporarily unavailable. Try again in a moment; this usually clears up within a minute.";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

// The app's own look (globals.css: slate text on slate-50, a white card, brand-700 action) in
// a few inline rules: the stylesheet's hashed file name is not known here, and the page's CSP
// allows inline styles (it guards scripts, and this page has none).
const STYLE = `
*,::before,::after{box-sizing:border-box}
html{font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;line-height:1.5;-webkit-text-size-adjust:100%}
body{margin:0;background:#f8fafc;color:#0f172a;-webkit-font-smoothing:antialiased}
main{display:flex;min-height:100vh;align-items:center;justify-content:center;padding:0 1rem}
.card{width:100%;max-width:28rem;border:1px solid #e2e8f0;border-radius:.75rem;background:#fff;padding:2rem;box-shadow:0 1px 2px 0 rgb(0 0 0 / .05)}
.code{margin:0;font-size:.875rem;font-weight:600;color:#1a46a6}
h1{margin:.25rem 0 0;font-size:1.5rem;line-height:2rem;font-weight:600}
.text{margin:.5rem 0 0;font-size:.875rem;line-height:1.25rem;color:#475569}
.action{display:inline-flex;margin-top:1.5rem;border-radius:.375rem;background:#1a46a6;padding:.5rem .75rem;font-size:.875rem;font-weight:500;color:#fff;text-decoration:none;box-shadow:0 1px 2px 0 rgb(0 0 0 / .05)}
.action:hover{background:#163a87}
:focus-visible{outline:2px solid #1a46a6;outline-offset:2px}
`.trim();

/**
 * The page answered with 503 while the database does not answer: the app's look, no internals,
 * and a link that asks for the same page again. `retryPath` is the request's own path and query;
 * `locale` the request's language (proxy.ts's choice; English when it is none of LOCALES).
 */
export function unavailablePage(retryPath: string, locale: string | null = DEFAULT_LOCALE): string {
  const href = retryPath.startsWith("/") && !retryPath.startsWith("//") ? retryPath : "/";
  const lang = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = SHELL[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.unavailable.title)}</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body>
<main id="main">
<div class="card">
<p class="code">503</p>
<h1>${escapeHtml(t.error.unavailable.heading)}</h1>
<p class="text">${escapeHtml(t.error.unavailable.text)}</p>
<a class="action" href="${escapeHtml(href)}">${escapeHtml(t.error.retry)}</a>
</div>
</main>
</body>
</html>
`;
}
