// `pnpm soak`: the long run (not part of CI). Its own stack on free ports (PostgreSQL, Soketi,
// the production build of the web app), 1,000 pusher-js clients in worker processes using the
// app's client library, 20 events/s through the app's outbox and a light stream of API reads.
// Every minute: resident memory (PSS) and open file handles of web, Soketi and PostgreSQL (each
// with its child processes). Passes when, after the warm-up, no process's memory outside shared
// memory nor its handles grew by more than 10 % and no client lost an event. PostgreSQL's
// buffer pool (shared memory, filling up to shared_buffers as its tables grow) is shown apart.
//
//   pnpm soak                               30 minutes, 1,000 clients, 20 events/s
//   pnpm soak -- --minutes 3 --clients 200  a short run (warm-up: the first minute;
//                                           `--warmup N` for another)
//   LIVECAMPUS_SKIP_BUILD=1                 reuse the last test build (web/.next-test)
import { parseArgs } from "node:util";
import { onShutdown, runMain } from "./lib/children";
import { treeMemoryKb } from "./lib/process-memory";
import { startLocalTestStack } from "./lib/test-stack";
import {
  createUsers,
  Fleet,
  newestEventId,
  Producer,
  seedEventLog,
  unsentEvents,
} from "../tests/faults/fleet";
import { lostAndExtra } from "../tests/faults/scenarios";

const { values } = parseArgs({
  // `pnpm soak -- --minutes 3` passes the separator on.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    minutes: { type: "string", default: "30" },
    clients: { type: "string", default: "1000" },
    rate: { type: "string", default: "20" },
    warmup: { type: "string" },
  },
  allowPositionals: true,
});
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const RATE = Number(values.rate);
/** Growth is measured from the end of the warm-up (a sixth of the run, at least one minute). */
const WARMUP_MINUTES = Number(values.warmup ?? Math.max(1, Math.round(MINUTES / 6)));
const MAX_GROWTH = 0.1;

const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping the soak stack");
const started = Date.now();
const step = (message: string) =>
  console.log(`\n▶ ${message} (+${((Date.now() - started) / 1000).toFixed(1)}s)`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Sample = { minute: number; rssMb: number; sharedMb: number; ownMb: number; handles: number };

/**
 * Resident memory (MB) and open file descriptors of a process and everything below it. Memory
 * is the proportional set size (PSS): PostgreSQL's backends share their buffers, and adding up
 * each one's RSS would count those pages once per backend. `sharedMb` is the part in shared
 * memory (PSS_Shmem): for PostgreSQL its buffer pool, which fills with the tables it serves up
 * to `shared_buffers` by design; growth is judged on the rest (`ownMb`), where a leak would show.
 */
function measure(root: number): {
  rssMb: number;
  sharedMb: number;
  ownMb: number;
  handles: number;
} {
  const { pss: pssKb, pssShmem: shmemKb, handles } = treeMemoryKb(root);
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  return { rssMb: mb(pssKb), sharedMb: mb(shmemKb), ownMb: mb(pssKb - shmemKb), handles };
}

/** Each figure's median over `run` (one to three samples). */
function medianSample(run: Sample[]): Sample {
  const median = (key: keyof Sample) => {
    const sorted = run.map((s) => s[key]).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  return {
    minute: median("minute"),
    rssMb: median("rssMb"),
    sharedMb: median("sharedMb"),
    ownMb: median("ownMb"),
    handles: median("handles"),
  };
}

async function main(): Promise<number> {
  step(
    `Soak: ${MINUTES} min, ${CLIENTS} clients, ${RATE} events/s (warm-up ${WARMUP_MINUTES} min)`,
  );
  const local = await startLocalTestStack("soak", stops);
  const { db, authSecret, credentials, web, webUrl, soketi } = local;

  step(`${CLIENTS} clients in ${Math.min(4, Math.ceil(CLIENTS / 250))} processes`);
  const users = await createUsers(db, authSecret, CLIENTS);
  await seedEventLog(db);
  const producer = new Producer(
    db,
    users.map((u) => u.userId),
    RATE,
  );
  const fleet = await Fleet.start(Math.min(4, Math.max(1, Math.ceil(CLIENTS / 250))), users, {
    webUrl,
    key: credentials.key,
    proxyPort: local.ports.soketi,
    initialCursor: await newestEventId(db),
  });
  stops.push(() => fleet.stop());
  const connectDeadline = Date.now() + 180_000;
  for (;;) {
    const { clients } = await fleet.report();
    const ready = clients.filter((c) => c.ready).length;
    if (ready === CLIENTS) break;
    if (Date.now() > connectDeadline) throw new Error(`only ${ready} of ${CLIENTS} clients ready`);
    await sleep(1000);
  }

  step("Traffic: outbox events and API reads; sampling every minute");
  producer.start();
  let reads = 0;
  let readErrors = 0;
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const user = users[Math.floor(Math.random() * users.length)]!;
      for (const path of ["/api/me", "/api/notifications?limit=5", "/api/courses"]) {
        const response = await fetch(new URL(path, webUrl), {
          headers: { cookie: user.cookie },
        }).catch(() => null);
        reads += 1;
        if (!response || response.status !== 200) readErrors += 1;
        await response?.arrayBuffer();
      }
      await sleep(200);
    }
  })();

  const roots = { web: web.child.pid!, soketi: soketi.process.pid!, postgres: local.postgresPid };
  const samples: Record<keyof typeof roots, Sample[]> = { web: [], soketi: [], postgres: [] };
  const sharedBuffers = (
    await db.$queryRawUnsafe<{ shared_buffers: string }[]>("SHOW shared_buffers")
  )[0]?.shared_buffers;
  const header = [
    "min",
    "web PSS MB",
    "fds",
    "soketi MB",
    "fds",
    "postgres MB",
    "of it shared",
    "fds",
    "unsent",
  ];
  console.log(header.map((h) => h.padStart(13)).join(""));
  for (let minute = 0; minute <= MINUTES; minute += 1) {
    if (minute > 0) await sleep(60_000);
    const row: (string | number)[] = [minute];
    for (const name of Object.keys(roots) as (keyof typeof roots)[]) {
      const figure = measure(roots[name]);
      samples[name].push({ minute, ...figure });
      if (name === "postgres") row.push(figure.rssMb, figure.sharedMb, figure.handles);
      else row.push(figure.rssMb, figure.handles);
    }
    row.push(await unsentEvents(db));
    console.log(row.map((v) => String(v).padStart(13)).join(""));
  }
  reading = false;
  await reader;
  await producer.stop();

  step("Drain: every event delivered?");
  const drainDeadline = Date.now() + 60_000;
  let counts = lostAndExtra({ producer }, (await fleet.report()).clients);
  while (counts.wrong > 0 && Date.now() < drainDeadline) {
    await sleep(1000);
    counts = lostAndExtra({ producer }, (await fleet.report()).clients);
  }

  console.log(
    `\nGrowth after the warm-up (medians of minutes ${WARMUP_MINUTES}–${WARMUP_MINUTES + 2} → ${MINUTES - 2}–${MINUTES}):`,
  );
  let grew = 0;
  for (const name of Object.keys(samples) as (keyof typeof roots)[]) {
    // The figures breathe (a garbage collection just before a sample takes 20 % off it): each end
    // is the median of three samples, the first three after the warm-up and the last three, and
    // the largest figure after the warm-up is reported alongside. Judged: memory outside shared
    // memory (for web and Soketi that is all of it; PostgreSQL's buffer pool is reported apart,
    // with its bound).
    const base = medianSample(samples[name].slice(WARMUP_MINUTES, WARMUP_MINUTES + 3));
    const last = medianSample(samples[name].slice(-3));
    const peak = Math.max(...samples[name].slice(WARMUP_MINUTES).map((s) => s.ownMb));
    const own = (last.ownMb - base.ownMb) / base.ownMb;
    const fds = (last.handles - base.handles) / Math.max(1, base.handles);
    const ok = own <= MAX_GROWTH && fds <= MAX_GROWTH;
    if (!ok) grew += 1;
    const shared =
      last.sharedMb >= 1
        ? `; shared memory ${base.sharedMb} → ${last.sharedMb} MB${name === "postgres" ? ` (its buffer pool, bounded by shared_buffers = ${sharedBuffers})` : ""}`
        : "";
    console.log(
      `${ok ? "✓" : "✗"} ${name}: PSS ${base.rssMb} → ${last.rssMb} MB; without shared memory ` +
        `${base.ownMb} → ${last.ownMb} MB (${(own * 100).toFixed(1)} %, peak ${peak} MB)${shared}; ` +
        `handles ${base.handles} → ${last.handles} (${(fds * 100).toFixed(1)} %)`,
    );
  }
  const produced =
    producer.announcements + users.reduce((n, u) => n + producer.producedFor(u.userId), 0);
  console.log(
    `${counts.lost === 0 ? "✓" : "✗"} events: ${produced} produced, ${counts.lost} lost, ` +
      `${counts.duplicates} duplicates, ${counts.outOfOrder} out of order`,
  );
  console.log(`  API reads: ${reads}, not 200: ${readErrors}`);
  const failed = grew + (counts.lost === 0 ? 0 : 1);
  console.log(
    `\n${failed === 0 ? "Soak passed" : "Soak FAILED"} in ${((Date.now() - started) / 60_000).toFixed(1)} min`,
  );
  return failed === 0 ? 0 : 1;
}

runMain(main, shutdown);
