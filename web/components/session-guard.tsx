"use client";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { ApiError } from "@/lib/fetch-json";
import { useSessionGuard } from "@/hooks/use-session-guard";

/**
 * Wraps a signed-in page: a revoked session (realtime connection closed by the server, a
 * channel authorization or any data fetch answering 401) sends it to the sign-in page.
 */
export function SessionGuard({ children }: { children: ReactNode }) {
  const verify = useSessionGuard();
  return (
    <SWRConfig
      value={{
        onError: (error: unknown) => {
          if (error instanceof ApiError && error.status === 401) verify();
        },
      }}
    >
      {children}
    </SWRConfig>
  );
}
