"use client";
import Papa from "papaparse";
import { useId, useState } from "react";
import { api, type ImportResult } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { previewUserCsv, type PreviewRow } from "./csv-preview";

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
const message = (error: unknown) =>
  error instanceof ApiError ? error.message : "The server could not be reached. Try again.";

function Problems({
  skipped,
  testId,
  verb,
}: {
  skipped: ImportResult["skipped"];
  testId: string;
  verb: string;
}) {
  if (skipped.length === 0) return null;
  return (
    <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={testId}>
      <p className="font-medium">
        {skipped.length} line{skipped.length === 1 ? "" : "s"} {verb}:
      </p>
      <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5">
        {skipped.slice(0, LISTED_PROBLEMS).map((s) => (
          <li key={s.line} data-testid="import-problem">
            Line {s.line}: {s.reason}
          </li>
        ))}
      </ul>
      {skipped.length > LISTED_PROBLEMS && <p>…and {skipped.length - LISTED_PROBLEMS} more.</p>}
    </div>
  );
}

/** The new accounts' one-time setup links, to hand out (each, or all as CSV lines). */
function SetupLinks({ users }: { users: NonNullable<ImportResult["users"]> }) {
  const links = users.filter((u) => u.setupUrl);
  if (links.length === 0) return null;
  const all = Papa.unparse({
    fields: ["email", "name", "setupUrl"],
    data: links.map((u) => [u.email, u.name, u.setupUrl]),
  });
  return (
    <div className="space-y-2" data-testid="import-setup-links">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          Each new account sets its password through its one-time link (72 hours). They are shown
          only now: copy them and send them out.
        </p>
        <CopyButton text={all} label="Copy all as CSV" />
      </div>
      <div className="max-h-64 overflow-y-auto">
        <Table head={["Line", "Name", "E-mail", "Setup link"]}>
          {links.map((u) => (
            <tr key={u.line}>
              <td className="py-1.5 pr-4 text-slate-600">{u.line}</td>
              <td className="py-1.5 pr-4">{u.name}</td>
              <td className="py-1.5 pr-4">{u.email}</td>
              <td className="py-1.5 pr-4">
                <CopyButton text={u.setupUrl!} label="Copy link" />
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
  const inputId = useId();
  const [step, setStep] = useState<Step>({ kind: "choose" });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const preview = previewUserCsv(await file.arrayBuffer());
    if (!preview.ok) return setStep({ kind: "choose", error: `${file.name}: ${preview.error}` });
    const base = { file: file.name, text: preview.text, rows: preview.rows };
    setStep({ kind: "checking", ...base });
    try {
      const check = await api.importUsers(preview.text, { dryRun: true });
      setStep({ kind: "review", ...base, check });
    } catch (error) {
      setStep({ kind: "choose", error: `${file.name}: ${message(error)}` });
    }
  };

  const confirm = async () => {
    if (step.kind !== "review") return;
    setStep({ ...step, kind: "importing" });
    try {
      const result = await api.importUsers(step.text);
      setStep({ kind: "done", file: step.file, result });
      onImported();
    } catch (error) {
      setStep({ kind: "choose", error: `${step.file}: ${message(error)}` });
    }
  };

  return (
    <Card title="Import users from CSV" testId="user-import">
      {step.kind === "choose" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            One person per line under the header <code>email,name,role</code>; the role is student,
            teacher or admin. You will see the rows, and the server&apos;s verdict on each line,
            before anything is saved.
          </p>
          <label htmlFor={inputId} className="block text-xs text-slate-600">
            CSV file (UTF-8, at most 5 MB)
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
            Close
          </Button>
        </div>
      )}
      {(step.kind === "checking" || step.kind === "review" || step.kind === "importing") && (
        <div className="space-y-3" data-testid="import-preview">
          <p className="text-sm text-slate-700">
            <span className="font-medium">{step.file}</span>: {step.rows.length} row
            {step.rows.length === 1 ? "" : "s"}
            {step.rows.length > PREVIEW_ROWS && ` (the first ${PREVIEW_ROWS} are shown)`}.
          </p>
          <Table head={["Line", "E-mail", "Name", "Role", "Check"]}>
            {step.rows.slice(0, PREVIEW_ROWS).map((row) => {
              const reason =
                step.check?.skipped.find((s) => s.line === row.line)?.reason ?? row.problem;
              return (
                <tr key={row.line} data-testid={`import-row-${row.line}`}>
                  <td className="py-1.5 pr-4 text-slate-600">{row.line}</td>
                  <td className="py-1.5 pr-4">{row.email}</td>
                  <td className="py-1.5 pr-4">{row.name}</td>
                  <td className="py-1.5 pr-4">{row.role}</td>
                  <td className={`py-1.5 pr-4 ${reason ? "text-red-700" : "text-emerald-700"}`}>
                    {reason ?? (step.check ? "will be created" : "…")}
                  </td>
                </tr>
              );
            })}
          </Table>
          {step.kind === "checking" ? (
            <p role="status" className="text-sm text-slate-600">
              Checking the file with the server (nothing is saved yet)…
            </p>
          ) : (
            <>
              <Problems
                skipped={step.check?.skipped ?? []}
                testId="import-problems"
                verb="will not be imported"
              />
              <p role="status" className="text-sm text-slate-700" data-testid="import-summary">
                {countOf(step.check?.created ?? 0)} user
                {countOf(step.check?.created ?? 0) === 1 ? "" : "s"} will be created. Nothing has
                been saved yet.
              </p>
            </>
          )}
          <div className="flex gap-2">
            <Button
              onClick={() => void confirm()}
              disabled={step.kind !== "review" || countOf(step.check?.created ?? 0) === 0}
              data-testid="import-confirm"
            >
              {step.kind === "importing" ? "Importing…" : "Import"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => setStep({ kind: "choose" })}
              disabled={step.kind === "importing"}
            >
              Choose another file
            </Button>
          </div>
        </div>
      )}
      {step.kind === "done" && (
        <div className="space-y-3" data-testid="import-result">
          <p role="status" className="text-sm font-medium text-emerald-800">
            {step.file}: {countOf(step.result.created)} user
            {countOf(step.result.created) === 1 ? "" : "s"} created, {step.result.skipped.length}{" "}
            skipped.
          </p>
          <Problems skipped={step.result.skipped} testId="import-skipped" verb="were skipped" />
          <SetupLinks users={step.result.users ?? []} />
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setStep({ kind: "choose" })}>
              Import another file
            </Button>
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
