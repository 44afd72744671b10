import type { Locale } from "@/i18n/locales";
import type { Messages } from "@/messages";

// Typed keys: t("missing") does not compile, and t's placeholders are checked against English.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
