import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { sentence } from "@/lib/form-errors";
import { useRuleText } from "@/lib/validation-messages";

// The fields of the app's forms (react-hook-form): a visible label, the control, and under it
// the field's error in plain words, in the page's language (tied to the control with
// aria-describedby), or a hint.

const control =
  "block w-full min-w-0 rounded-md border px-2.5 py-2 text-sm shadow-sm focus:ring-2 focus:outline-none";
const ok = "border-slate-300 focus:border-brand-600 focus:ring-brand-100";
const bad = "border-red-600 focus:border-red-700 focus:ring-red-100";

type Frame = {
  label: ReactNode;
  /** Keeps the label for screen readers only (the row says it on screen). */
  hideLabel?: boolean;
  error?: string;
  hint?: ReactNode;
  className?: string;
  testId?: string;
};

// `describedBy`: the control's own description (a policy above it), kept beside the note.
function useFrame({ error, hint }: Frame, describedBy?: string) {
  const id = useId();
  const noteId = `${id}-note`;
  const ruleText = useRuleText();
  const note = error ? sentence(ruleText(error)) : hint;
  return {
    id,
    note: note && (
      <span
        id={noteId}
        className={`mt-1 block text-xs ${error ? "font-medium text-red-700" : "text-slate-600"}`}
        data-testid={error ? "field-error" : undefined}
        role={error ? "alert" : undefined}
      >
        {note}
      </span>
    ),
    aria: {
      "aria-invalid": error ? true : undefined,
      "aria-describedby":
        [describedBy, note ? noteId : undefined].filter(Boolean).join(" ") || undefined,
    } as const,
    controlClass: `${control} ${error ? bad : ok}`,
  };
}

function Label({
  htmlFor,
  hide,
  children,
}: {
  htmlFor: string;
  hide?: boolean;
  children: ReactNode;
}) {
  return (
    <label
      htmlFor={htmlFor}
      className={hide ? "sr-only" : "mb-1 block text-xs font-medium text-slate-700"}
    >
      {children}
    </label>
  );
}

/** A labelled text input (spread react-hook-form's `register(name)` into it). */
export function TextField({
  label,
  hideLabel,
  error,
  hint,
  className = "",
  testId,
  multiline,
  ...input
}: Frame & InputHTMLAttributes<HTMLInputElement> & { multiline?: boolean }) {
  const frame = useFrame({ label, error, hint }, input["aria-describedby"]);
  return (
    <div className={className} data-testid={testId}>
      <Label htmlFor={frame.id} hide={hideLabel}>
        {label}
      </Label>
      {multiline ? (
        <textarea
          id={frame.id}
          {...(input as unknown as InputHTMLAttributes<HTMLTextAreaElement>)}
          {...frame.aria}
          className={`${frame.controlClass} min-h-20`}
        />
      ) : (
        <input id={frame.id} {...input} {...frame.aria} className={frame.controlClass} />
      )}
      {frame.note}
    </div>
  );
}

/** A labelled select of `options` (spread `register(name)` into it). */
export function SelectInput({
  label,
  hideLabel,
  error,
  hint,
  className = "",
  testId,
  options,
  placeholder,
  ...select
}: Frame &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: readonly { value: string; label: string }[];
    /** A first, empty choice ("Choose a course"). */
    placeholder?: string;
  }) {
  const frame = useFrame({ label, error, hint });
  return (
    <div className={className} data-testid={testId}>
      <Label htmlFor={frame.id} hide={hideLabel}>
        {label}
      </Label>
      <select
        id={frame.id}
        {...select}
        {...frame.aria}
        className={`${frame.controlClass} bg-white`}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {frame.note}
    </div>
  );
}

/** A form-wide message (an error that belongs to no field), announced when it appears. */
export function FormMessage({ error }: { error?: string }) {
  const ruleText = useRuleText();
  if (!error) return null;
  return (
    <p role="alert" className="text-sm font-medium text-red-700" data-testid="form-error">
      {sentence(ruleText(error))}
    </p>
  );
}

/**
 * Why a button is disabled, shown next to it and read with it (aria-describedby on the button
 * points here): give its id to the button.
 */
export function DisabledReason({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-xs text-slate-600" data-testid="disabled-reason">
      {children}
    </p>
  );
}
