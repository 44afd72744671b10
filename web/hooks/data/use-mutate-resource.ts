"use client";
import { useCallback } from "react";
import { useSWRConfig } from "swr";

/**
 * Returns `mutateResource(prefix)`: revalidates every SWR key that starts with `prefix` (a
 * data hook's key, e.g. NOTIFICATIONS_KEY: the list and any query of it), in the SWR cache of
 * the calling component.
 */
export function useMutateResource(): (prefix: string) => Promise<unknown> {
  const { mutate } = useSWRConfig();
  return useCallback(
    (prefix: string) => mutate((key) => typeof key === "string" && key.startsWith(prefix)),
    [mutate],
  );
}
