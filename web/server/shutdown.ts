import "server-only";

type ExitingProcess = Pick<NodeJS.Process, "once" | "exit">;

/**
 * On SIGTERM or SIGINT: runs `onSignal` at once, and makes the process's exit wait for `drain()`
 * (at most `maxMs`). Next's own handler for these signals closes the HTTP server, waits for the
 * requests in flight and then calls `process.exit`; this delays that call, it never replaces it.
 */
export function drainBeforeExit(
  drain: () => Promise<void>,
  options: { maxMs: number; onSignal?: () => void },
  proc: ExitingProcess = process,
): void {
  let armed = false;
  const arm = () => {
    if (armed) return;
    armed = true;
    options.onSignal?.();
    const exit = proc.exit.bind(proc);
    let exiting = false;
    proc.exit = ((code?: number | string | null) => {
      if (exiting) return undefined as never;
      exiting = true;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.maxMs);
      });
      void Promise.race([drain().catch(() => undefined), limit]).finally(() => {
        clearTimeout(timer);
        exit(code);
      });
      return undefined as never;
    }) as NodeJS.Process["exit"];
  };
  proc.once("SIGTERM", arm);
  proc.once("SIGINT", arm);
}
