// Reads an import file in the browser, before anything is uploaded: the rows as the admin will
// see them, with the line numbers the server uses (1-based lines of the file, the header is
// line 1) and the problems that can be told without the database. Problems are descriptions
// (kind and values), put into words where they are shown (users.csv in web/messages).
import type { useTranslations } from "next-intl";
import Papa from "papaparse";
import { userImportRow } from "@/lib/admin-validation";

/** The largest file POST /api/admin/users/import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const IMPORT_COLUMNS = ["email", "name", "role"] as const;

/** What is wrong with one data line (before the server's check). */
export type RowProblem =
  | { kind: "columnCount"; count: number; expected: number }
  | { kind: "duplicate"; line: number }
  /** A field the schema refuses: `message` is the schema's own (lib/admin-validation). */
  | { kind: "invalid"; column: string; message: string };

/** Why a whole file is refused. */
export type FileProblem =
  | { kind: "tooLarge" }
  | { kind: "notUtf8" }
  | { kind: "empty" }
  | { kind: "header"; expected: string; found: string };

export type PreviewRow = {
  line: number;
  email: string;
  name: string;
  role: string;
  problem?: RowProblem;
};

export type CsvPreview =
  { ok: true; text: string; rows: PreviewRow[] } | { ok: false; error: FileProblem };

/** The texts of users.csv (useTranslations("users.csv")). */
export type CsvTexts = ReturnType<typeof useTranslations<"users.csv">>;

/** A file's or a line's problem in words. */
export function describeCsvProblem(t: CsvTexts, problem: FileProblem | RowProblem): string {
  switch (problem.kind) {
    case "tooLarge":
    case "notUtf8":
    case "empty":
      return t(problem.kind);
    case "header":
      return t("header", { expected: problem.expected, found: problem.found });
    case "columnCount":
      return t("columnCount", { count: problem.count, expected: problem.expected });
    case "duplicate":
      return t("duplicate", { line: problem.line });
    case "invalid":
      return t("invalid", { column: problem.column, message: problem.message });
  }
}

/** Decodes (UTF-8 only) and parses an import file into preview rows. */
export function previewUserCsv(bytes: ArrayBuffer): CsvPreview {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, error: { kind: "tooLarge" } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: { kind: "notUtf8" } };
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
  if (!header) return { ok: false, error: { kind: "empty" } };
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const index = IMPORT_COLUMNS.map((column) => names.indexOf(column));
  if (index.includes(-1) || names.length !== IMPORT_COLUMNS.length)
    return {
      ok: false,
      error: { kind: "header", expected: IMPORT_COLUMNS.join(","), found: header.cells.join(",") },
    };
  const seen = new Map<string, number>();
  const rows = data.map(({ cells, start: at }): PreviewRow => {
    const [email = "", name = "", role = ""] = index.map((i) => cells[i] ?? "");
    const line = lineAt(at);
    const row: PreviewRow = { line, email, name, role };
    if (cells.length !== IMPORT_COLUMNS.length)
      return {
        ...row,
        problem: { kind: "columnCount", count: cells.length, expected: IMPORT_COLUMNS.length },
      };
    const parsed = userImportRow.safeParse({ email, name, role });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? "row");
      return { ...row, problem: { kind: "invalid", column, message: issue.message } };
    }
    const first = seen.get(parsed.data.email);
    if (first !== undefined) return { ...row, problem: { kind: "duplicate", line: first } };
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
