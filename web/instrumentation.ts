// Runs once when the Next.js server starts. The literal process.env.NEXT_RUNTIME check (Next's
// documented pattern) lets the bundler drop the Node-only code from the edge build.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/startup");
    const { leavePoolBeforeClose } = await import("./server/shutdown");
    // A stopping replica leaves the proxy's pool before it stops listening (server/shutdown.ts).
    leavePoolBeforeClose();
    await startServer();
  }
}
