"use client";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { useErrorText } from "@/lib/validation-messages";
import { useLatest } from "./use-latest";

type ActionOptions<R> = {
  /** Toasted when the action succeeds. */
  success?: string;
  /** Called after a success (after the toast). */
  onSuccess?: (result: R) => void;
};

/**
 * Wraps a mutation for a button or form: tracks `pending`, shows the server's error as a toast
 * in the page's language (the API names the bad field), and returns the result or undefined on failure.
 * On success (the API answers every mutation with a JSON body) it toasts `success` and calls
 * `onSuccess`, from the latest render's options.
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  options: ActionOptions<R> = {},
) {
  const [pending, setPending] = useState(false);
  const optionsRef = useLatest(options);
  const errorText = useErrorText();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      let result: R;
      try {
        result = await action(...args);
      } catch (error) {
        toast.error(errorText(error));
        return undefined;
      } finally {
        setPending(false);
      }
      if (result) {
        const { success, onSuccess } = optionsRef.current;
        if (success) toast.success(success);
        onSuccess?.(result);
      }
      return result;
    },
    [action, optionsRef, errorText],
  );
  return { run, pending };
}
