/** An API error with the server's `{error: {code, message, field?}}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field at fault, when the server names it apart from the message. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** fetch + JSON for the app's own API; non-2xx answers throw ApiError with the server's message. */
export async function fetchJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init?.body ? { "Content-Type": "application/json" } : {}),
      ...init?.headers,
    },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `Request failed with HTTP ${response.status}`,
      error?.field,
    );
  }
  return body as T;
}
