// Waiting in tests is vi.waitUntil's job (it polls, resolves with the first truthy value and
// stops at the first error); this only names what was awaited in the timeout's message.
import { vi } from "vitest";

/**
 * vi.waitUntil(check) that fails with "timed out after N ms waiting for <what>" instead of
 * vitest's anonymous message. An error thrown by `check` ends the wait at once, as it is.
 */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  what: string,
  options: { timeout?: number; interval?: number } = {},
) {
  const timeout = options.timeout ?? 5000;
  try {
    return await vi.waitUntil(check, { timeout, interval: options.interval ?? 20 });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("Timed out in waitUntil"))
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    throw error;
  }
}
