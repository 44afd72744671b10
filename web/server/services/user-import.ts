import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents } from "@/server/outbox";
import { createSetupTokens, setupPath } from "@/server/services/accounts";
import { queueAdminStats } from "@/server/services/stats";
import { parseUserCsv, type ImportRow, type SkippedLine } from "@/server/services/user-csv";
import { realtimeMessages } from "@/lib/realtime";

const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function takenEmails(emails: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(emails)) {
    const rows = await getDb().user.findMany({
      where: { email: { in: part } },
      select: { email: true },
    });
    for (const row of rows) taken.add(row.email);
  }
  return taken;
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
        const ids: string[] = [];
        for (const part of chunks(rows)) {
          const created = await tx.user.createManyAndReturn({
            data: part.map(({ email, name, role }) => ({ email, name, role })),
            select: { id: true, email: true },
          });
          const idByEmail = new Map(created.map((u) => [u.email, u.id]));
          ids.push(...part.map((row) => idByEmail.get(row.email)!));
        }
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
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw httpErrors.conflict("An e-mail of the file got an account meanwhile: import again");
    throw error;
  }
}
