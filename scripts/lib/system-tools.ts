import { accessSync, constants } from "node:fs";
import path from "node:path";

/** The first of `names` found as an executable on PATH, or undefined. */
export function findSystemTool(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
