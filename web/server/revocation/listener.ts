import "server-only";
import pg from "pg";

/** The PostgreSQL NOTIFY channel that carries "these users changed" (comma-separated ids). */
export const USER_STATE_CHANNEL = "livecampus_user_state";

type Target = {
  invalidate(userIds: Iterable<string>): void;
  setListening(listening: boolean): void;
};

const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;
const MAX_RETRY_MS = 30_000;

/**
 * One dedicated connection that LISTENs for user-state changes and drops them from `target`.
 * Reconnects with backoff; while it is down the cache falls back to a short lifetime, and a
 * heartbeat notices a connection that died silently.
 */
export class UserStateListener {
  private client: pg.Client | undefined;
  private retryMs = 500;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly target: Target,
    private readonly log: Pick<Console, "warn"> = console,
  ) {}

  /** Starts listening (idempotent). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.target.setListening(false);
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client.on("notification", (message) => {
      if (message.channel !== USER_STATE_CHANNEL || !message.payload) return;
      this.target.invalidate(message.payload.split(","));
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_STATE_CHANNEL}`);
    } catch (error) {
      this.log.warn("[user-state] cannot listen for changes; cached rights expire quickly", error);
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = 500;
    // Everything cached before may have missed a change: setListening(true) clears it.
    this.target.setListening(true);
    this.heartbeat = setInterval(() => void this.ping(client), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private async ping(client: pg.Client): Promise<void> {
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error("heartbeat timed out")), HEARTBEAT_TIMEOUT_MS).unref();
    });
    try {
      await Promise.race([client.query("SELECT 1"), timeout]);
    } catch {
      this.lost(client);
    }
  }

  private lost(client: pg.Client): void {
    if (client === this.client) {
      this.client = undefined;
      clearInterval(this.heartbeat);
      this.log.warn("[user-state] change listener lost; reconnecting");
    } else if (this.client !== undefined) return;
    this.target.setListening(false);
    client.removeAllListeners("notification");
    client.on("error", () => {});
    void client.end().catch(() => {});
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }
}
