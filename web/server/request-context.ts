import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What the API wrapper (route() in ./http) knows about the request being handled. */
export type RequestContext = { method: string; path: string; userLimited: boolean };

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` as the current request's. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current API request, or undefined outside route() (pages, server actions, jobs). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
