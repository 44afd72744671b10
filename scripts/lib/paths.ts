// Where things are in the checkout, computed once from this file's place in it.
import path from "node:path";

/** The repository root (the pnpm workspace). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
/** The Next.js app. */
export const WEB_DIR = path.join(REPO_ROOT, "web");
