import "server-only";
import { randomBytes } from "node:crypto";

/**
 * A new id in the database's id format (`c` + 24 lowercase alphanumerics, as Prisma's cuid()
 * makes them; docs/architecture.md, "Ids"), for rows inserted in bulk with SQL.
 */
export function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
