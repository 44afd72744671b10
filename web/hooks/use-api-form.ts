"use client";
import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { apiFieldErrors } from "@/lib/form-errors";
import { ApiError } from "@/lib/fetch-json";
import { useErrorText } from "@/lib/validation-messages";

/**
 * Shows a failed request on the form: each field the server names (`amountCents: …`) on the
 * form field it maps to (`fields`: server name → form field), the first one focused; anything
 * else as the form-wide message this returns (render it with FormMessage), in the page's
 * language. The fields' messages stay as the server wrote them: the fields translate them.
 */
export function useServerErrors<F extends FieldValues>(
  form: UseFormReturn<F, unknown, unknown>,
  fields: Partial<Record<string, Path<F>>>,
) {
  const [message, setMessage] = useState<string>();
  const errorText = useErrorText();
  const show = (error: unknown) => {
    const mapped =
      error instanceof ApiError
        ? apiFieldErrors(error).filter((problem) => fields[problem.field] !== undefined)
        : [];
    mapped.forEach(({ field, message: text }, index) =>
      form.setError(
        fields[field]!,
        { type: "server", message: text },
        { shouldFocus: index === 0 },
      ),
    );
    setMessage(mapped.length ? undefined : errorText(error));
  };
  return { message, show, clear: () => setMessage(undefined) };
}
