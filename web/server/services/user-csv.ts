import "server-only";
import { parse } from "csv-parse/sync";
import { HttpError } from "@/server/errors";
import { userImportRow } from "@/lib/admin-validation";
import type { Role } from "@/lib/domain";

/** Most data lines one import file may hold. */
export const MAX_IMPORT_ROWS = 10_000;

const COLUMNS = ["email", "name", "role"] as const;

export type ImportRow = { line: number; email: string; name: string; role: Role };
export type SkippedLine = { line: number; reason: string };

const unreadable = (message: string) => new HttpError(400, "bad_csv", message);

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: a byte sequence that is not UTF-8 is refused, never replaced by U+FFFD.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable("The file is not UTF-8 text: save it as CSV UTF-8 and try again");
  }
}

function parseRecords(text: string): { record: string[]; line: number }[] {
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    const records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
    // info.lines is where a record ends; the line it starts on is the one after the previous
    // record and the empty lines skipped since.
    return records.map(({ record, info }) => {
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      return { record, line };
    });
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw unreadable(
      `The file is not a readable CSV${where ? ` (line ${where})` : ""}: ${(error as Error).message}`,
    );
  }
}

/** Column positions from the header line, which must name exactly email, name and role. */
function readHeader(header: string[] | undefined): Record<(typeof COLUMNS)[number], number> {
  const expected = `the first line must be the header "${COLUMNS.join(",")}"`;
  if (!header) throw unreadable(`The file is empty: ${expected}`);
  const names = header.map((cell) => cell.trim().toLowerCase());
  if (names.some((cell) => cell.includes("@")))
    throw unreadable(`The file has no header line: ${expected}`);
  const sorted = [...names].sort();
  if (sorted.join(",") !== [...COLUMNS].sort().join(","))
    throw unreadable(`Wrong columns "${header.join(",")}": ${expected} (in any order)`);
  return {
    email: names.indexOf("email"),
    name: names.indexOf("name"),
    role: names.indexOf("role"),
  };
}

/**
 * Reads an import file (`email,name,role` with a header line). A file that cannot be read as
 * such a CSV is a 400 and nothing is imported; a bad or repeated line is skipped with its line
 * number (1-based, the header is line 1).
 */
export function parseUserCsv(bytes: Uint8Array): { rows: ImportRow[]; skipped: SkippedLine[] } {
  const records = parseRecords(decodeUtf8(bytes));
  const at = readHeader(records[0]?.record);
  const data = records.slice(1);
  if (data.length > MAX_IMPORT_ROWS)
    throw unreadable(
      `The file has ${data.length} users; at most ${MAX_IMPORT_ROWS} per file: split it`,
    );
  const rows: ImportRow[] = [];
  const skipped: SkippedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, line } of data) {
    if (record.length !== COLUMNS.length) {
      skipped.push({
        line,
        reason: `expected ${COLUMNS.length} fields (${COLUMNS.join(",")}), found ${record.length}`,
      });
      continue;
    }
    const parsed = userImportRow.safeParse({
      email: record[at.email],
      name: record[at.name],
      role: record[at.role],
    });
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      skipped.push({ line, reason: reason.join("; ") });
      continue;
    }
    const first = firstLineOf.get(parsed.data.email);
    if (first !== undefined) {
      skipped.push({ line, reason: `email: ${parsed.data.email} is already on line ${first}` });
      continue;
    }
    firstLineOf.set(parsed.data.email, line);
    rows.push({ line, ...parsed.data });
  }
  return { rows, skipped };
}
