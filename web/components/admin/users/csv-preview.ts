// Reads an import file in the browser, before anything is uploaded: the rows as the admin will
// see them, with the line numbers the server uses (1-based lines of the file, the header is
// line 1) and the problems that can be told without the database.
import Papa from "papaparse";
import { userImportRow } from "@/lib/admin-validation";

/** The largest file POST /api/admin/users/import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const IMPORT_COLUMNS = ["email", "name", "role"] as const;

export type PreviewRow = {
  line: number;
  email: string;
  name: string;
  role: string;
  problem?: string;
};

export type CsvPreview =
  { ok: true; text: string; rows: PreviewRow[] } | { ok: false; error: string };

/** Decodes (UTF-8 only) and parses an import file into preview rows. */
export function previewUserCsv(bytes: ArrayBuffer): CsvPreview {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    return { ok: false, error: "The file is larger than 5 MB: split it into smaller files." };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: "The file is not UTF-8 text: save it as “CSV UTF-8” and try again.",
    };
  }
  const records: { cells: string[]; start: number }[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      records.push({ cells: result.data, start });
      start = result.meta.cursor;
    },
  });
  const lineAt = lineCounter(text);
  const nonEmpty = records.filter((r) => r.cells.some((cell) => cell.trim() !== ""));
  const [header, ...data] = nonEmpty;
  if (!header) return { ok: false, error: "The file is empty." };
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const index = IMPORT_COLUMNS.map((column) => names.indexOf(column));
  if (index.includes(-1) || names.length !== IMPORT_COLUMNS.length)
    return {
      ok: false,
      error: `The first line must be the header “email,name,role”; it is “${header.cells.join(",")}”.`,
    };
  const seen = new Map<string, number>();
  const rows = data.map(({ cells, start: at }): PreviewRow => {
    const [email = "", name = "", role = ""] = index.map((i) => cells[i] ?? "");
    const line = lineAt(at);
    const row: PreviewRow = { line, email, name, role };
    if (cells.length !== IMPORT_COLUMNS.length)
      return { ...row, problem: `has ${cells.length} columns instead of 3` };
    const parsed = userImportRow.safeParse({ email, name, role });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ...row, problem: `${String(issue.path[0] ?? "row")} ${issue.message}` };
    }
    const first = seen.get(parsed.data.email);
    if (first !== undefined) return { ...row, problem: `e-mail already on line ${first}` };
    seen.set(parsed.data.email, line);
    return row;
  });
  return { ok: true, text, rows };
}

// The 1-based line of a character offset; offsets are asked in increasing order.
function lineCounter(text: string) {
  let offset = 0;
  let line = 1;
  return (at: number) => {
    // A record's start may sit on the line break that ends the previous one.
    let target = at;
    while (text[target] === "\r" || text[target] === "\n") target += 1;
    for (; offset < target; offset += 1) if (text[offset] === "\n") line += 1;
    return line;
  };
}
