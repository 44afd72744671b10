import "server-only";
import { getLocale } from "next-intl/server";
import { formatsFor, type Formats } from "@/lib/format";

/** Money, dates and numbers in the language of the page being rendered. */
export async function getFormat(): Promise<Formats> {
  return formatsFor(await getLocale());
}
