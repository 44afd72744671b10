// Every page's texts, one catalogue file per area and language (docs/i18n.md). English is the
// reference: types/next-intl.d.ts types every key from it, messages.test.ts checks that German
// has each key with the same placeholders.
import type { Locale } from "@/i18n/locales";
import enAccount from "./en/account.json";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enCharts from "./en/charts.json";
import enCommon from "./en/common.json";
import enCourses from "./en/courses.json";
import enErrors from "./en/errors.json";
import enNotifications from "./en/notifications.json";
import enSettings from "./en/settings.json";
import enShell from "./en/shell.json";
import enStudent from "./en/student.json";
import enSystem from "./en/system.json";
import enTeacher from "./en/teacher.json";
import enUsers from "./en/users.json";
import enValidation from "./en/validation.json";
import deAccount from "./de/account.json";
import deAdmin from "./de/admin.json";
import deAuth from "./de/auth.json";
import deCharts from "./de/charts.json";
import deCommon from "./de/common.json";
import deCourses from "./de/courses.json";
import deErrors from "./de/errors.json";
import deNotifications from "./de/notifications.json";
import deSettings from "./de/settings.json";
import deShell from "./de/shell.json";
import deStudent from "./de/student.json";
import deSystem from "./de/system.json";
import deTeacher from "./de/teacher.json";
import deUsers from "./de/users.json";
import deValidation from "./de/validation.json";

const en = {
  account: enAccount,
  admin: enAdmin,
  auth: enAuth,
  charts: enCharts,
  common: enCommon,
  courses: enCourses,
  errors: enErrors,
  notifications: enNotifications,
  settings: enSettings,
  shell: enShell,
  student: enStudent,
  system: enSystem,
  teacher: enTeacher,
  users: enUsers,
  validation: enValidation,
};

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = {
  en,
  de: {
    account: deAccount,
    admin: deAdmin,
    auth: deAuth,
    charts: deCharts,
    common: deCommon,
    courses: deCourses,
    errors: deErrors,
    notifications: deNotifications,
    settings: deSettings,
    shell: deShell,
    student: deStudent,
    system: deSystem,
    teacher: deTeacher,
    users: deUsers,
    validation: deValidation,
  } as Messages,
};
