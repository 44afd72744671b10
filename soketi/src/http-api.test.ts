// The preload that changes how Soketi answers its HTTP API (http-api.cjs), applied to Soketi's
// real HttpHandler with a recording adapter and response in place of the sockets.
import { createRequire } from "node:module";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);
const soketiDir = path.dirname(require.resolve("@soketi/soketi/package.json"));
type Handler = {
  broadcastMessage(message: object, appId: string): void;
  sendJson(res: FakeResponse, data: unknown, status?: string): void;
};
type FakeResponse = ReturnType<typeof fakeResponse>;
const { HttpHandler } = require(path.join(soketiDir, "dist", "http-handler.js")) as {
  HttpHandler: { prototype: Handler };
};
const { broadcastMessage, sendJson } = HttpHandler.prototype;
require("./http-api.cjs");
afterAll(() => {
  Object.assign(HttpHandler.prototype, { broadcastMessage, sendJson });
});

/** What uWS's HttpResponse is asked to write; `closeConnection` is end()'s second argument. */
function fakeResponse() {
  const written = { status: "", headers: [] as string[][], body: "", closeConnection: false };
  const res = {
    written,
    writeStatus: (status: string) => ((written.status = status), res),
    writeHeader: (name: string, value: string) => (written.headers.push([name, value]), res),
    end: (body: string, closeConnection = false) => {
      Object.assign(written, { body, closeConnection });
      return res;
    },
  };
  return res;
}

function handler(send: (appId: string, channel: string, data: string) => void): Handler {
  const server = { adapter: { send }, options: { channelLimits: { cacheTtl: 60 } } };
  return Object.assign(Object.create(HttpHandler.prototype) as Handler, { server });
}

describe("http-api preload", () => {
  it("patches the handler Soketi uses", () => {
    expect(typeof broadcastMessage).toBe("function");
    expect(HttpHandler.prototype.broadcastMessage).not.toBe(broadcastMessage);
    expect(HttpHandler.prototype.sendJson).not.toBe(sendJson);
  });

  it("writes nothing during the call and every event, in order, in the next check phase", async () => {
    const sent: string[] = [];
    const soketi = handler((_app, channel, data) =>
      sent.push(`${channel} ${(JSON.parse(data) as { event: string }).event}`),
    );
    soketi.broadcastMessage({ name: "first", channels: ["a", "b"], data: "{}" }, "app");
    soketi.broadcastMessage({ name: "second", channels: ["a"], data: "{}" }, "app");
    // The answer is written now, in the same turn: nothing has been fanned out yet.
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual(["a first", "b first", "a second"]);
  });

  it("logs an event whose broadcast throws and still sends the next", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const sent: string[] = [];
    const soketi = handler((_app, channel) => {
      if (channel === "broken") throw new Error("adapter failed");
      sent.push(channel);
    });
    soketi.broadcastMessage({ name: "e", channels: ["broken"], data: "{}" }, "app");
    soketi.broadcastMessage({ name: "e", channels: ["fine"], data: "{}" }, "app");
    await nextTurn();
    await nextTurn();
    expect(sent).toEqual(["fine"]);
    expect(error).toHaveBeenCalledWith(
      "[soketi] an accepted event could not be broadcast",
      expect.objectContaining({ message: "adapter failed" }),
    );
    error.mockRestore();
  });

  it("keeps the connection of a successful answer and closes it after an error", () => {
    const soketi = handler(() => undefined);
    const ok = fakeResponse();
    soketi.sendJson(ok, { ok: true });
    expect(ok.written).toEqual({
      status: "200 OK",
      headers: [["Content-Type", "application/json"]],
      body: '{"ok":true}',
      closeConnection: false,
    });
    const refused = fakeResponse();
    soketi.sendJson(refused, { error: "Unauthorized", code: 401 }, "401 Authorization Required");
    expect(refused.written).toMatchObject({
      status: "401 Authorization Required",
      body: '{"error":"Unauthorized","code":401}',
      closeConnection: true,
    });
  });
});
