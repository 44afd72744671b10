"use client";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { ApiError } from "@/lib/fetch-json";

/**
 * Wraps a mutation for a button or form: tracks `pending`, shows the server's error message
 * as a toast (the API names the bad field), and returns the result or undefined on failure.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      try {
        return await action(...args);
      } catch (error) {
        toast.error(error instanceof ApiError ? error.message : "Something went wrong. Try again.");
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { run, pending };
}
