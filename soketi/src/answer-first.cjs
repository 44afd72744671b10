// Preloaded into the Soketi child (node --require). Soketi 1.6.1 answers an HTTP API publish
// (POST /apps/{id}/events and /batch_events) only after it has written the event to every
// subscriber: the fan-out runs in the same turn of its event loop as the answer, and uWS sends
// the answer at the end of that turn. A publisher that keeps each channel's events in order
// (one call at a time per channel, as the app's dispatcher does) therefore waits one whole
// fan-out per call, ~12 ms for 1,000 subscribers here, and cannot start the next call meanwhile.
// Measured (docs/benchmarks.md, B1): at 50 events/s to 1,000 subscribers the calls queued and
// the app's p99 was 139 ms against 28 ms for the same events triggered without waiting.
//
// Here the fan-out of each accepted event moves to the next check phase (setImmediate), after
// the answer has gone out. Nothing else changes: the event is validated, rate-limited and
// counted as before and the answer is the same ({} with 200, or the same 4xx before any
// fan-out); events still go out in the order Soketi accepted them (immediates run first in,
// first out, and requests are read only between check phases, so at most one poll's worth of
// accepted events waits). Pusher's own API also answers once it has accepted an event.
"use strict";

const path = require("node:path");

const SOKETI_DIR = path.dirname(require.resolve("@soketi/soketi/package.json"));
const PATCHED_VERSION = "1.6.1";
const { version } = require(path.join(SOKETI_DIR, "package.json"));
const { HttpHandler } = require(path.join(SOKETI_DIR, "dist", "http-handler.js"));
const broadcast = HttpHandler.prototype.broadcastMessage;

// An upgrade must look at this file again: refuse to start rather than run unpatched or broken.
if (version !== PATCHED_VERSION || typeof broadcast !== "function") {
  throw new Error(
    `soketi/src/answer-first.cjs was written for Soketi ${PATCHED_VERSION} (HttpHandler.broadcastMessage); found ${version}: review it before upgrading`,
  );
}

HttpHandler.prototype.broadcastMessage = function broadcastAfterAnswer(message, appId) {
  setImmediate(() => {
    try {
      broadcast.call(this, message, appId);
    } catch (error) {
      // Before, such an error left the request unanswered; now it is logged and the next goes.
      console.error("[soketi] an accepted event could not be broadcast", error);
    }
  });
};
