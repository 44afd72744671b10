// Money, dates and numbers as each language writes them, through Intl (docs/i18n.md). Amounts
// are US dollars in every language; dates are shown in UTC, as the server stores them.
import { TIME_ZONE, type Locale } from "@/i18n/locales";

/** Intl's locale for each page language: English keeps day-month-year dates ("1 Dec 2026"). */
const INTL_LOCALE: Record<Locale, { money: string; dates: string }> = {
  en: { money: "en-US", dates: "en-GB" },
  de: { money: "de-DE", dates: "de-DE" },
};

export type Formats = {
  /** 4990 → "$49.90" / "49,90 $". */
  money: (cents: number) => string;
  /** "1 Dec 2026, 14:05" / "01.12.2026, 14:05". */
  dateTime: (iso: string | Date) => string;
  /** "1 Dec 2026" / "01.12.2026". */
  date: (iso: string | Date) => string;
  /** "1 Dec" / "1. Dez." (chart axes). */
  shortDate: (iso: string | Date) => string;
  /** "14:05". */
  time: (iso: string | Date) => string;
  /** 1234.5 → "1,234.5" / "1.234,5". */
  number: (value: number) => string;
  /** 87 → "87%" / "87 %"; null → "—". */
  percent: (value: number | null) => string;
};

function build(locale: Locale): Formats {
  const { money, dates } = INTL_LOCALE[locale];
  const currency = new Intl.NumberFormat(money, { style: "currency", currency: "USD" });
  const utc = { timeZone: TIME_ZONE } as const;
  const dateTime = new Intl.DateTimeFormat(dates, {
    dateStyle: "medium",
    timeStyle: "short",
    ...utc,
  });
  const dateOnly = new Intl.DateTimeFormat(dates, { dateStyle: "medium", ...utc });
  const short = new Intl.DateTimeFormat(dates, { day: "numeric", month: "short", ...utc });
  const time = new Intl.DateTimeFormat(dates, { hour: "2-digit", minute: "2-digit", ...utc });
  const number = new Intl.NumberFormat(money);
  const percent = new Intl.NumberFormat(money, { style: "percent", maximumFractionDigits: 2 });
  const at = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    money: (cents) => currency.format(cents / 100),
    dateTime: (value) => dateTime.format(at(value)),
    date: (value) => dateOnly.format(at(value)),
    shortDate: (value) => short.format(at(value)),
    time: (value) => time.format(at(value)),
    number: (value) => number.format(value),
    percent: (value) => (value === null ? "—" : percent.format(value / 100)),
  };
}

const cache = new Map<Locale, Formats>();

/** The formatters of a language (made once per language). */
export function formatsFor(locale: Locale): Formats {
  let formats = cache.get(locale);
  if (!formats) cache.set(locale, (formats = build(locale)));
  return formats;
}

/** Money in English, for text that is English whatever the reader's language (the API's). */
export const formatMoney = formatsFor("en").money;

/** Cents as the text of a dollars input: 4990 → "49.90". */
export const centsToDollarsText = (cents: number) => (cents / 100).toFixed(2);

/** How a language writes an amount: its decimal and grouping marks, and whether "$" follows. */
type AmountMarks = { decimal: string; group: string; symbolLast: boolean };

const marksCache = new Map<Locale, AmountMarks>();

function amountMarks(locale: Locale): AmountMarks {
  let marks = marksCache.get(locale);
  if (!marks) {
    const parts = new Intl.NumberFormat(INTL_LOCALE[locale].money, {
      style: "currency",
      currency: "USD",
    }).formatToParts(1234.5);
    const part = (type: Intl.NumberFormatPartTypes) => parts.findIndex((p) => p.type === type);
    marks = {
      decimal: parts[part("decimal")]!.value,
      group: parts[part("group")]!.value,
      symbolLast: part("currency") > part("integer"),
    };
    marksCache.set(locale, marks);
  }
  return marks;
}

/** Cents as the text of an amount input in `locale`'s writing: 4990 → "49.90" / "49,90". */
export function centsToAmountText(cents: number, locale: Locale): string {
  return centsToDollarsText(cents).replace(".", amountMarks(locale).decimal);
}

const escape = (mark: string) => mark.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * An amount typed in dollars as `locale` writes it (English "49.90", "$20", "1,250.5"; German
 * "49,90", "1.250,50", "20 $") to whole cents, or a plain-language reason (in English, the
 * API's language: the page translates it) why it is not one.
 */
export function parseAmount(text: string, locale: Locale): { cents: number } | { problem: string } {
  const { decimal, group, symbolLast } = amountMarks(locale);
  let typed = text.trim().replace(/^\$\s*/, "");
  if (symbolLast) typed = typed.replace(/\s*\$$/, "");
  if (typed === "") return { problem: "Enter an amount, like 49.90" };
  if (/^-/.test(typed)) return { problem: "Enter an amount above $0.00" };
  const [d, g] = [escape(decimal), escape(group)];
  if (new RegExp(`^\\d+${g}\\d{1,2}$`).test(typed))
    return {
      problem:
        decimal === "." ? "Use a dot for cents, like 10.50" : "Use a comma for cents, like 10,50",
    };
  if (!new RegExp(`^(\\d{1,3}(${g}\\d{3})+|\\d+)(${d}\\d{1,2})?$`).test(typed))
    return { problem: "Enter dollars and cents with digits only, like 49.90" };
  const [whole = "0", fraction = ""] = typed.replaceAll(group, "").split(decimal);
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return { problem: "That amount is too large" };
  return { cents };
}

/**
 * An amount typed in dollars ("49.90", "$20", "1,250.5") to whole cents, or a plain-language
 * reason why it is not one. Cents travel on the wire; people type dollars.
 */
export const parseDollars = (text: string) => parseAmount(text, "en");
