import { describe, expect, it, vi } from "vitest";
import { authError, batchChannelAuthorizer } from "./batch-auth";

type Answer = { error: (Error & { status?: number }) | null; data: unknown };

function ask(
  handler: ReturnType<typeof batchChannelAuthorizer>,
  channelName: string,
  socketId = "1.1",
) {
  return new Promise<Answer>((resolve) =>
    handler({ socketId, channelName }, (error, data) => resolve({ error, data })),
  );
}

const jsonFetch = (status: number, body: unknown) =>
  vi.fn(async (_url: string, _init: RequestInit) => Response.json(body, { status }));

describe("batchChannelAuthorizer", () => {
  it("sends the channels asked for in one tick as ONE request and answers each", async () => {
    const fetch = jsonFetch(200, {
      channels: {
        "private-user-a": { status: 200, auth: "key:a" },
        "presence-course-c": { status: 200, auth: "key:c", channel_data: '{"user_id":"a"}' },
        "private-course-x": { status: 403, error: { code: "forbidden", message: "not yours" } },
      },
    });
    const handler = batchChannelAuthorizer({
      fetch,
      baseUrl: "http://app.test",
      headers: { cookie: "s=1" },
    });
    const answers = await Promise.all([
      ask(handler, "private-user-a"),
      ask(handler, "presence-course-c"),
      ask(handler, "private-course-x"),
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("http://app.test/api/pusher/auth/batch");
    expect(init.headers).toMatchObject({ "content-type": "application/json", cookie: "s=1" });
    expect(JSON.parse(init.body as string)).toEqual({
      socket_id: "1.1",
      channels: ["private-user-a", "presence-course-c", "private-course-x"],
    });
    expect(answers[0]).toEqual({ error: null, data: { auth: "key:a", channel_data: undefined } });
    expect(answers[1]!.data).toEqual({ auth: "key:c", channel_data: '{"user_id":"a"}' });
    expect(answers[2]!.error?.status).toBe(403);
    expect(answers[2]!.error?.message).toContain("not yours");
  });

  it("fails every channel with 401 when the session is gone", async () => {
    const fetch = jsonFetch(401, { error: { code: "unauthenticated", message: "sign in" } });
    const handler = batchChannelAuthorizer({ fetch });
    const answers = await Promise.all([ask(handler, "private-a"), ask(handler, "private-b")]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => a.error?.status)).toEqual([401, 401]);
  });

  it("splits batches above the route's 100 channels and per socket id", async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const { channels } = JSON.parse(init.body as string) as { channels: string[] };
      return Response.json({
        channels: Object.fromEntries(channels.map((c) => [c, { status: 200, auth: `k:${c}` }])),
      });
    });
    const onRequest = vi.fn();
    const handler = batchChannelAuthorizer({ fetch, onRequest });
    const names = Array.from({ length: 150 }, (_, i) => `private-c-${i}`);
    const answers = await Promise.all([
      ...names.map((name) => ask(handler, name)),
      ask(handler, "private-other", "2.2"),
    ]);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(onRequest.mock.calls.map(([n]) => n)).toEqual([100, 50, 1]);
    expect(answers.every((a) => a.error === null)).toBe(true);
    expect(answers[149]!.data).toEqual({ auth: "k:private-c-149", channel_data: undefined });
  });

  it("reports a network failure to every waiting channel", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    const handler = batchChannelAuthorizer({ fetch, maxAttempts: 2 });
    const answer = await ask(handler, "private-a");
    expect(answer.error?.status).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("retries a 503 and then answers from the retry", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(Response.json({ error: { code: "unavailable" } }, { status: 503 }))
      .mockResolvedValueOnce(
        Response.json({ channels: { "private-a": { status: 200, auth: "k:a" } } }),
      );
    const handler = batchChannelAuthorizer({ fetch });
    const answer = await ask(handler, "private-a");
    expect(answer).toEqual({ error: null, data: { auth: "k:a", channel_data: undefined } });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("builds errors pusher-js reports with their status", () => {
    const error = authError(403, "no") as Error & { status: number };
    expect(error.status).toBe(403);
    // pusher-js's own class (found through its ajax authorizer), not a look-alike.
    expect(error.constructor.name).toBe("HTTPAuthError");
  });
});
