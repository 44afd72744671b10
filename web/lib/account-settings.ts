// The signed-in user's own settings (PATCH /api/me): browser-safe, shared by the route and the
// account page.
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

/** `locale`: a page language, or null to follow the browser's. */
export const accountSettingsBody = z.object({ locale: z.enum(LOCALES).nullable() }).strict();

export type AccountSettings = z.infer<typeof accountSettingsBody>;
