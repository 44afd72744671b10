// The realtime layer both sides share: channel names (./channels), the event catalog
// (./events), validation for publishing (./prepare), message builders (./messages) and who may
// subscribe (./authorize); docs/realtime.md describes it. Browser-safe: the pusher-js client
// lives in ./client and the connection in ./connection, imported directly where needed.
export * from "./authorize";
export * from "./channels";
export * from "./events";
export * from "./messages";
export * from "./prepare";
