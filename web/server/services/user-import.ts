import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { newId } from "@/server/ids";
import { transactionWithEvents } from "@/server/outbox";
import { createSetupTokens, setupPath } from "@/server/services/accounts";
import { queueAdminStats } from "@/server/services/stats";
import { parseUserCsv, type ImportRow, type SkippedLine } from "@/server/services/user-csv";
import { realtimeMessages } from "@/lib/realtime";

async function takenEmails(emails: string[]): Promise<Set<string>> {
  const rows = await getDb().$queryRaw<{ email: string }[]>`
    SELECT "email" FROM "User" WHERE "email" = ANY(${emails}::text[])`;
  return new Set(rows.map((row) => row.email));
}

/** A unique index refused a row: through the query builder (P2002) or raw SQL (23505). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  return JSON.stringify(error.meta ?? {}).includes("23505") || error.message.includes("23505");
}

export type ImportedUser = ImportRow & { id?: string; setupUrl?: string };

/**
 * Imports users from a CSV file (POST /api/admin/users/import): every readable line is created
 * in ONE transaction, each with a one-time setup link; the others are skipped with their line
 * and reason. `dryRun` only says what would happen (the import screen's preview).
 */
export async function importUsers(
  bytes: Uint8Array,
  options: { dryRun: boolean; origin: string },
): Promise<{ created: number; skipped: SkippedLine[]; dryRun: boolean; users: ImportedUser[] }> {
  const { rows: readable, skipped } = parseUserCsv(bytes);
  const taken = await takenEmails(readable.map((row) => row.email));
  const rows = readable.filter((row) => {
    if (!taken.has(row.email)) return true;
    skipped.push({ line: row.line, reason: `email: ${row.email} already has an account` });
    return false;
  });
  skipped.sort((a, b) => a.line - b.line);
  if (options.dryRun || rows.length === 0)
    return {
      created: options.dryRun ? rows.length : 0,
      skipped,
      dryRun: options.dryRun,
      users: rows,
    };

  try {
    const users = await transactionWithEvents(
      async (tx, events) => {
        // One statement for the whole file: thousands of rows in well under a second.
        const ids = rows.map(() => newId());
        await tx.$executeRaw`
          INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
          SELECT u."id", u."email", u."name", u."role"::"Role", now()
          FROM unnest(${ids}::text[], ${rows.map((r) => r.email)}::text[],
                      ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.role)}::text[])
            AS u("id", "email", "name", "role")`;
        const tokens = await createSetupTokens(tx, ids);
        events.add(realtimeMessages.userUpdate(ids, "imported"));
        await queueAdminStats(tx, events);
        return rows.map((row, i) => ({
          ...row,
          id: ids[i]!,
          setupUrl: new URL(setupPath(tokens[i]!), options.origin).href,
        }));
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    return { created: users.length, skipped, dryRun: false, users };
  } catch (error) {
    // Someone created one of these accounts meanwhile: the whole import rolled back.
    if (isUniqueViolation(error))
      throw httpErrors.conflict("An e-mail of the file got an account meanwhile: import again");
    throw error;
  }
}
