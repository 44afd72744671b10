// Preloaded into the Soketi child (node --require): two changes to how Soketi 1.6.1 answers its
// HTTP API, nothing else.
//
// 1. A publish (POST /apps/{id}/events and /batch_events) is answered before its fan-out.
//    Soketi writes the event to every subscriber in the same turn of its event loop as the
//    answer, and uWS sends the answer at the end of that turn: a publisher that keeps each
//    channel's order (one call at a time per channel, as the app's dispatcher does) waits one
//    whole fan-out per call, and cannot send the next meanwhile. Measured here, one call at a
//    time to a channel with 1,000 subscribers: answered after 13.1 ms when Soketi was idle
//    (1.1 ms with this preload), 11.3 ms per call back to back (7.9 ms: the next call now
//    arrives while the previous event is still being written). Where that lane saturates
//    (B1 in docs/benchmarks.md on a slower machine: 50 events/s, p99 139 ms against 28 ms for
//    the same events triggered without waiting), calls queue behind each other. Here each
//    accepted event is fanned out in the next check phase (setImmediate), after the answer has
//    gone out. The event is validated, rate-limited and counted as before and the answer is the
//    same; events still go out in the order Soketi accepted them (immediates run first in,
//    first out, and requests are read only between check phases, so a call that arrives during
//    a fan-out waits for it, as before). Pusher's own API also answers once it has accepted an
//    event.
// 2. A successful API call keeps its connection open (HTTP keep-alive). Soketi closes every
//    one (`res.end(body, true)`), so each publish paid a new TCP connection on both sides; the
//    app's SDK instance keeps its connections (web/server/realtime/pusher-server.ts). Error
//    answers still close theirs, as before: their request body may not have been read whole.
"use strict";

const path = require("node:path");

const SOKETI_DIR = path.dirname(require.resolve("@soketi/soketi/package.json"));
const PATCHED_VERSION = "1.6.1";
const { version } = require(path.join(SOKETI_DIR, "package.json"));
const { HttpHandler } = require(path.join(SOKETI_DIR, "dist", "http-handler.js"));
const { broadcastMessage, sendJson } = HttpHandler.prototype;

// An upgrade must look at this file again: refuse to start rather than run unpatched or broken.
if (
  version !== PATCHED_VERSION ||
  typeof broadcastMessage !== "function" ||
  typeof sendJson !== "function"
) {
  throw new Error(
    `soketi/src/http-api.cjs was written for Soketi ${PATCHED_VERSION} (HttpHandler.broadcastMessage, sendJson); found ${version}: review it before upgrading`,
  );
}

HttpHandler.prototype.broadcastMessage = function broadcastAfterAnswer(message, appId) {
  setImmediate(() => {
    try {
      broadcastMessage.call(this, message, appId);
    } catch (error) {
      // Before, such an error left the request unanswered; now it is logged and the next goes.
      console.error("[soketi] an accepted event could not be broadcast", error);
    }
  });
};

HttpHandler.prototype.sendJson = function sendJsonKeepingConnection(res, data, status = "200 OK") {
  if (status !== "200 OK") return sendJson.call(this, res, data, status);
  try {
    return res
      .writeStatus(status)
      .writeHeader("Content-Type", "application/json")
      .end(JSON.stringify(data));
  } catch (error) {
    // As Soketi's own: the client may have gone away (an aborted request).
    console.warn("[soketi] an API answer could not be sent", error);
  }
};
