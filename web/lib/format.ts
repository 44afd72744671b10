const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatMoney = (cents: number) => money.format(cents / 100);
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
export const formatPercent = (value: number | null) => (value === null ? "—" : `${value}%`);

/** Cents as the text of a dollars input: 4990 → "49.90". */
export const centsToDollarsText = (cents: number) => (cents / 100).toFixed(2);

/**
 * An amount typed in dollars ("49.90", "$20", "1,250.5") to whole cents, or a plain-language
 * reason why it is not one. Cents travel on the wire; people type dollars.
 */
export function parseDollars(text: string): { cents: number } | { problem: string } {
  const typed = text.trim().replace(/^\$\s*/, "");
  if (typed === "") return { problem: "Enter an amount, like 49.90" };
  if (/^-/.test(typed)) return { problem: "Enter an amount above $0.00" };
  if (/^\d+,\d{1,2}$/.test(typed)) return { problem: "Use a dot for cents, like 10.50" };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(typed))
    return { problem: "Enter dollars and cents with digits only, like 49.90" };
  const [whole = "0", fraction = ""] = typed.replaceAll(",", "").split(".");
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return { problem: "That amount is too large" };
  return { cents };
}
