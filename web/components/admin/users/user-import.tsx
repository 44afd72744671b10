"use client";
import Papa from "papaparse";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { api, type ImportResult } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { useErrorText } from "@/lib/validation-messages";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { describeCsvProblem, IMPORT_COLUMNS, previewUserCsv, type PreviewRow } from "./csv-preview";

// Enough to check a file by eye; the problems are all listed below the table.
const PREVIEW_ROWS = 100;
const LISTED_PROBLEMS = 200;

type Step =
  | { kind: "choose"; error?: string }
  | {
      kind: "checking" | "review" | "importing";
      file: string;
      text: string;
      rows: PreviewRow[];
      check?: ImportResult;
    }
  | { kind: "done"; file: string; result: ImportResult };

const countOf = (created: number | undefined) => created ?? 0;

function Problems({
  skipped,
  testId,
  heading,
}: {
  skipped: ImportResult["skipped"];
  testId: string;
  /** Before the import ("will not be imported") or after it ("were skipped"). */
  heading: "problemsPreview" | "problemsSkipped";
}) {
  const t = useTranslations("users.import");
  if (skipped.length === 0) return null;
  return (
    <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={testId}>
      <p className="font-medium">{t(heading, { count: skipped.length })}</p>
      <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5">
        {skipped.slice(0, LISTED_PROBLEMS).map((s) => (
          <li key={s.line} data-testid="import-problem">
            {t("problemLine", { line: s.line, reason: s.reason })}
          </li>
        ))}
      </ul>
      {skipped.length > LISTED_PROBLEMS && (
        <p>{t("moreProblems", { count: skipped.length - LISTED_PROBLEMS })}</p>
      )}
    </div>
  );
}

/** The new accounts' one-time setup links, to hand out (each, or all as CSV lines). */
function SetupLinks({ users }: { users: NonNullable<ImportResult["users"]> }) {
  const t = useTranslations("users.import");
  const links = users.filter((u) => u.setupUrl);
  if (links.length === 0) return null;
  const all = Papa.unparse({
    fields: ["email", "name", "setupUrl"],
    data: links.map((u) => [u.email, u.name, u.setupUrl]),
  });
  return (
    <div className="space-y-2" data-testid="import-setup-links">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{t("setupLinksIntro")}</p>
        <CopyButton text={all} label={t("copyAll")} />
      </div>
      <div className="max-h-64 overflow-y-auto">
        <Table
          head={[t("columns.line"), t("columns.name"), t("columns.email"), t("columns.setupLink")]}
        >
          {links.map((u) => (
            <tr key={u.line}>
              <td className="py-1.5 pr-4 text-slate-600">{u.line}</td>
              <td className="py-1.5 pr-4">{u.name}</td>
              <td className="py-1.5 pr-4">{u.email}</td>
              <td className="py-1.5 pr-4">
                <CopyButton text={u.setupUrl!} label={t("copyLink")} />
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </div>
  );
}

/**
 * CSV import: the file is read and shown here first, then checked by the server without
 * writing (dry run); only the admin's confirmation imports it.
 */
export function UserImport({
  onImported,
  onClose,
}: {
  onImported: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("users.import");
  const csvTexts = useTranslations("users.csv");
  const errorText = useErrorText();
  const inputId = useId();
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const fileError = (file: string, error: unknown) =>
    t("fileError", {
      file,
      error: error instanceof ApiError ? errorText(error) : t("unreachable"),
    });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const preview = previewUserCsv(await file.arrayBuffer());
    if (!preview.ok) {
      const error = describeCsvProblem(csvTexts, preview.error);
      return setStep({ kind: "choose", error: t("fileError", { file: file.name, error }) });
    }
    const base = { file: file.name, text: preview.text, rows: preview.rows };
    setStep({ kind: "checking", ...base });
    try {
      const check = await api.importUsers(preview.text, { dryRun: true });
      setStep({ kind: "review", ...base, check });
    } catch (error) {
      setStep({ kind: "choose", error: fileError(file.name, error) });
    }
  };

  const intro = t.rich("intro", {
    header: IMPORT_COLUMNS.join(","),
    code: (chunks) => <code>{chunks}</code>,
  });
  const rowCount = (file: string, count: number) =>
    t.rich(count > PREVIEW_ROWS ? "rowsCapped" : "rows", {
      file,
      count,
      shown: PREVIEW_ROWS,
      b: (chunks) => <span className="font-medium">{chunks}</span>,
    });

  const confirm = async () => {
    if (step.kind !== "review") return;
    setStep({ ...step, kind: "importing" });
    try {
      const result = await api.importUsers(step.text);
      setStep({ kind: "done", file: step.file, result });
      onImported();
    } catch (error) {
      setStep({ kind: "choose", error: fileError(step.file, error) });
    }
  };

  return (
    <Card title={t("title")} testId="user-import">
      {step.kind === "choose" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{intro}</p>
          <label htmlFor={inputId} className="block text-xs text-slate-600">
            {t("fileLabel")}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            className="block text-sm"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          {step.error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {step.error}
            </p>
          )}
          <Button variant="secondary" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
      )}
      {(step.kind === "checking" || step.kind === "review" || step.kind === "importing") && (
        <div className="space-y-3" data-testid="import-preview">
          <p className="text-sm text-slate-700">{rowCount(step.file, step.rows.length)}</p>
          <Table
            head={[
              t("columns.line"),
              t("columns.email"),
              t("columns.name"),
              t("columns.role"),
              t("columns.check"),
            ]}
          >
            {step.rows.slice(0, PREVIEW_ROWS).map((row) => {
              const reason =
                step.check?.skipped.find((s) => s.line === row.line)?.reason ??
                (row.problem && describeCsvProblem(csvTexts, row.problem));
              return (
                <tr key={row.line} data-testid={`import-row-${row.line}`}>
                  <td className="py-1.5 pr-4 text-slate-600">{row.line}</td>
                  <td className="py-1.5 pr-4">{row.email}</td>
                  <td className="py-1.5 pr-4">{row.name}</td>
                  <td className="py-1.5 pr-4">{row.role}</td>
                  <td className={`py-1.5 pr-4 ${reason ? "text-red-700" : "text-emerald-700"}`}>
                    {reason ?? (step.check ? t("willBeCreated") : "…")}
                  </td>
                </tr>
              );
            })}
          </Table>
          {step.kind === "checking" ? (
            <p role="status" className="text-sm text-slate-600">
              {t("checking")}
            </p>
          ) : (
            <>
              <Problems
                skipped={step.check?.skipped ?? []}
                testId="import-problems"
                heading="problemsPreview"
              />
              <p role="status" className="text-sm text-slate-700" data-testid="import-summary">
                {t("summary", { count: countOf(step.check?.created) })}
              </p>
            </>
          )}
          <div className="flex gap-2">
            <Button
              onClick={() => void confirm()}
              disabled={step.kind !== "review" || countOf(step.check?.created ?? 0) === 0}
              data-testid="import-confirm"
            >
              {step.kind === "importing" ? t("importing") : t("confirm")}
            </Button>
            <Button
              variant="secondary"
              onClick={() => setStep({ kind: "choose" })}
              disabled={step.kind === "importing"}
            >
              {t("chooseAnother")}
            </Button>
          </div>
        </div>
      )}
      {step.kind === "done" && (
        <div className="space-y-3" data-testid="import-result">
          <p role="status" className="text-sm font-medium text-emerald-800">
            {t("result", {
              file: step.file,
              created: countOf(step.result.created),
              skipped: step.result.skipped.length,
            })}
          </p>
          <Problems
            skipped={step.result.skipped}
            testId="import-skipped"
            heading="problemsSkipped"
          />
          <SetupLinks users={step.result.users ?? []} />
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setStep({ kind: "choose" })}>
              {t("importAnother")}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {t("close")}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
