// Every key exists in every language with the same placeholders and markup tags, and every
// message formats; English is the reference (types/next-intl.d.ts types the keys from it).
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { LOCALES } from "@/i18n/locales";
import { MESSAGES } from "./index";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/**
 * The arguments a message takes and the markup tags it uses. An argument's type may differ
 * between languages (German chooses a sentence with `select` where English inserts the value).
 */
function signature(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`{${element.value}}`);
          break;
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(`{${element.value}}`);
          break;
        case TYPE.plural:
        case TYPE.select:
          found.add(`{${element.value}}`);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>`);
          walk(element.children);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = flatten(MESSAGES.en as unknown as Tree);

describe("message catalogues", () => {
  it("English has texts", () => {
    expect(english.size).toBeGreaterThan(500);
    for (const [key, text] of english) expect(text.trim(), key).not.toBe("");
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    describe(locale, () => {
      const other = flatten(MESSAGES[locale] as unknown as Tree);

      it("has exactly the English keys", () => {
        expect(
          [...other.keys()].filter((k) => !english.has(k)),
          "keys English lacks",
        ).toEqual([]);
        expect(
          [...english.keys()].filter((k) => !other.has(k)),
          "missing keys",
        ).toEqual([]);
      });

      it("uses the same placeholders and tags in every message", () => {
        const differing = [...english]
          .filter(([key]) => other.has(key))
          .filter(([key, text]) => signature(text).join() !== signature(other.get(key)!).join())
          .map(([key]) => key);
        expect(differing).toEqual([]);
      });

      it("is translated: no text is left identical to English except names and symbols", () => {
        const same = [...english]
          .filter(([key, text]) => other.get(key) === text)
          .filter(([, text]) =>
            /[a-z]{4,}/.test(text.replace(/\{[^}]*\}|<\/?\w+>|LiveCampus/g, "")),
          );
        // Words German uses as they are, and product names (checked when this list changes).
        const allowed = new Set([
          ...["Live", "Admin", "Status", "Name", "Student", "Online", "Offline", "System"],
          ...["System · LiveCampus", "Outbox", "Soketi"],
        ]);
        expect(same.filter(([, text]) => !allowed.has(text.replace(/[.:…]$/, "")))).toEqual([]);
      });
    });
  }

  it.each(LOCALES)("every %s message formats with values for its placeholders", (locale) => {
    const errors: string[] = [];
    const t = createTranslator({
      locale,
      messages: MESSAGES[locale] as never,
      timeZone: "UTC",
      onError: (error) => errors.push(error.message),
    }) as unknown as { markup: (key: string, values: object) => string };
    for (const [key, text] of flatten(MESSAGES[locale] as unknown as Tree)) {
      const values: Record<string, unknown> = {};
      const walk = (elements: MessageFormatElement[]) => {
        for (const e of elements) {
          if (e.type === TYPE.tag) {
            values[e.value] = (chunks: string) => `[${chunks}]`;
            walk(e.children);
          } else if (e.type === TYPE.plural || e.type === TYPE.number) values[e.value] = 2;
          else if (e.type === TYPE.date || e.type === TYPE.time) values[e.value] = new Date(0);
          else if (e.type === TYPE.argument || e.type === TYPE.select) values[e.value] ??= "x";
          if (e.type === TYPE.plural || e.type === TYPE.select)
            for (const option of Object.values(e.options)) walk(option.value);
        }
      };
      walk(parse(text));
      const out = t.markup(key, values);
      expect(typeof out, key).toBe("string");
    }
    expect(errors).toEqual([]);
  });
});
