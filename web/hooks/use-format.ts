"use client";
import { useLocale } from "next-intl";
import { formatsFor, type Formats } from "@/lib/format";

/** Money, dates and numbers in the page's language (lib/format.ts). */
export function useFormat(): Formats {
  return formatsFor(useLocale());
}
