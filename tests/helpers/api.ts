// Checks shared by the HTTP API tests (docs/api.md): every answer below 500, errors as
// `{"error": {"code", "message"}}`, messages that name the bad field.
import { expect } from "vitest";
import { TEST_PASSWORD } from "./factories";
import { signedIn, type Session } from "./http";

export type ApiError = { error: { code: string; message: string } };
export type Answer<T = unknown> = { status: number; body: T };

/** A well-formed id (cuid shape) that no row has. */
export const UNKNOWN_ID = "czzzzzzzzzzzzzzzzzzzzzzzz";
/** Ids that are not cuids (route parameters: 404; body fields: 422). */
export const MALFORMED_IDS = [
  "123",
  "not-an-id",
  "CABCDEFGHIJKLMNOPQRSTUVWX",
  "c" + "a".repeat(30),
];

/**
 * Calls the API as `session` with a JSON body (or a raw string, sent as-is) and fails the test on
 * any 5xx: nothing a client sends may cause one.
 */
export async function call<T = unknown>(
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await session.fetch(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(
    response.status,
    `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
  ).toBeLessThan(500);
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new Error(
      `${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`,
    );
  }
  return { status: response.status, body: parsed as T };
}

/** Asserts the documented error shape (docs/api.md) and status; `field` must appear in the message. */
export function expectError(answer: Answer, status: number, field?: string | RegExp): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  const { code, message } = (answer.body as ApiError).error;
  expect(code.length).toBeGreaterThan(0);
  if (field !== undefined) expect(message).toMatch(field);
}

/** ISO 8601 date-time with a zone, e.g. 2026-01-05T10:00:00.000Z. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Signs in every user (factory password) at once; the sessions come back in the same order. */
export function signInAll<T extends readonly { email: string }[]>(
  users: T,
): Promise<{ -readonly [K in keyof T]: Session }> {
  return Promise.all(users.map((u) => signedIn(u.email, TEST_PASSWORD))) as Promise<{
    -readonly [K in keyof T]: Session;
  }>;
}
