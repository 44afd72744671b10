import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useRuleText } from "@/lib/validation-messages";

// The look of a text input or select in the app's forms.
const inputClass =
  "block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-700 focus:ring-2 focus:ring-brand-600 focus:outline-none";

// "md": a form that is the whole page (sign-in).
const SIZES = {
  sm: { label: "text-xs text-slate-600", input: inputClass },
  md: {
    label: "text-sm font-medium text-slate-700",
    input:
      "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-700 focus:ring-2 focus:ring-brand-600 focus:outline-none",
  },
} as const;

type FieldProps = {
  /** The visible label, and the control's accessible name. */
  label: ReactNode;
  /** Keeps the label for screen readers only (a placeholder or the row says it on screen). */
  hideLabel?: boolean;
  /** A line under the control; `error` replaces it, shown in red (in the page's language). */
  hint?: ReactNode;
  error?: ReactNode;
  size?: keyof typeof SIZES;
  /** Classes of the field as a whole (its width in a row of fields). */
  className?: string;
};

// The frame of every field: the label, the control (children), then a hint or error line.
function Labelled({
  label,
  hideLabel,
  hint,
  error,
  size = "sm",
  className = "",
  children,
}: FieldProps & { children: ReactNode }) {
  const ruleText = useRuleText();
  const problem = typeof error === "string" ? ruleText(error) : error;
  return (
    <label className={`block ${className}`}>
      <span className={hideLabel ? "sr-only" : SIZES[size].label}>{label}</span>
      {children}
      {(problem || hint) && (
        <span className={`mt-1 block text-xs ${problem ? "text-red-700" : "text-slate-600"}`}>
          {problem || hint}
        </span>
      )}
    </label>
  );
}

type FieldInputProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "size" | "className" | "onChange"> & {
    /** A textarea instead of a one-line input. */
    multiline?: boolean;
    onValueChange?: (value: string) => void;
  };

/**
 * A labelled input of a form (text, number, date…, or a textarea with `multiline`), with an
 * optional hint or error line under it.
 */
export function Field({
  label,
  hideLabel,
  hint,
  error,
  size = "sm",
  className,
  multiline,
  onValueChange,
  ...control
}: FieldInputProps) {
  const onChange =
    onValueChange && ((e: { target: { value: string } }) => onValueChange(e.target.value));
  return (
    <Labelled {...{ label, hideLabel, hint, error, size, className }}>
      {multiline ? (
        <textarea
          {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)}
          className={`${SIZES[size].input} min-h-20`}
          onChange={onChange}
        />
      ) : (
        <input {...control} className={SIZES[size].input} onChange={onChange} />
      )}
    </Labelled>
  );
}

/** A Field whose control is a select of `options`. */
export function SelectField({
  label,
  name,
  value,
  options,
  onValueChange,
  className,
}: Pick<FieldProps, "label" | "className"> & {
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onValueChange: (value: string) => void;
}) {
  return (
    <Labelled label={label} className={className}>
      <select
        className={inputClass}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        name={name}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}
