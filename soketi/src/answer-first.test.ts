// The preload that lets Soketi answer an HTTP API publish before its fan-out (answer-first.cjs),
// applied to Soketi's real HttpHandler with a recording adapter in place of the sockets.
import { createRequire } from "node:module";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);
const soketiDir = path.dirname(require.resolve("@soketi/soketi/package.json"));
type Handler = { broadcastMessage(message: object, appId: string): void };
const { HttpHandler } = require(path.join(soketiDir, "dist", "http-handler.js")) as {
  HttpHandler: { prototype: Handler };
};
const original = HttpHandler.prototype.broadcastMessage;
require("./answer-first.cjs");
afterAll(() => {
  HttpHandler.prototype.broadcastMessage = original;
});

function handler(send: (appId: string, channel: string, data: string) => void): Handler {
  const server = { adapter: { send }, options: { channelLimits: { cacheTtl: 60 } } };
  return Object.assign(Object.create(HttpHandler.prototype) as Handler, { server });
}

describe("answer-first preload", () => {
  it("patches the handler Soketi uses", () => {
    expect(HttpHandler.prototype.broadcastMessage).not.toBe(original);
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
});
