// Preloaded into the Soketi child (node --require). The parent spawns it with an IPC channel;
// when the parent goes away for any reason (Ctrl-C, crash, even SIGKILL) the channel closes,
// and Soketi shuts down gracefully instead of lingering as an orphan holding its ports.
"use strict";

if (typeof process.send === "function" && process.channel) {
  // The channel must not keep the child alive on its own.
  process.channel.unref();
  process.on("disconnect", () => {
    process.kill(process.pid, "SIGTERM");
    // Soketi's own shutdown waits its grace period; never wait forever.
    setTimeout(() => process.exit(1), 15000).unref();
  });
}
