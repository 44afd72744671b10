import "server-only";
import { LRUCache } from "lru-cache";
import type { Role } from "@/lib/domain";

/** What a request is judged by: the user's current rights, not those in their token. */
export type UserState = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
  /** The language the user chose for the pages; null: the browser's. */
  locale: string | null;
};

export type UserStateCacheOptions = {
  /** How long an entry is trusted while invalidations arrive (the listener is up). */
  freshMs?: number;
  /** How long while they may not (listener down): a change then shows within this time. */
  fallbackMs?: number;
  /** When the lookup fails (database unreachable), an entry this young is served instead. */
  staleLimitMs?: number;
  max?: number;
  now?: () => number;
};

type Entry = { state: UserState | null; at: number };

/**
 * Per-process cache of users' current state (active, role, session version). Entries are dropped
 * by `invalidate` (this process after its own commits, other processes through NOTIFY); without
 * a working listener they expire after `fallbackMs`. A lookup that started before an
 * invalidation is never stored, so a change cannot be overwritten by the state before it.
 */
export class UserStateCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<UserState | null>>();
  private generation = 0;
  private listening = false;
  private readonly freshMs: number;
  private readonly fallbackMs: number;
  private readonly staleLimitMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (userId: string) => Promise<UserState | null>,
    options: UserStateCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.max ?? 50_000 });
    this.freshMs = options.freshMs ?? 60_000;
    this.fallbackMs = options.fallbackMs ?? 1_000;
    this.staleLimitMs = options.staleLimitMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The user's current state (null: no such user), from the cache or the database. */
  async get(userId: string): Promise<UserState | null> {
    const entry = this.entries.get(userId);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < (this.listening ? this.freshMs : this.fallbackMs)) return entry.state;
    try {
      return await (this.inflight.get(userId) ?? this.refresh(userId));
    } catch (error) {
      // No change can be committed while the database is unreachable: the last known state
      // stays the truth for a while, instead of signing everyone out.
      if (entry && age < this.staleLimitMs) return entry.state;
      throw error;
    }
  }

  /** Forgets these users' state (they changed). */
  invalidate(userIds: Iterable<string>): void {
    this.generation++;
    for (const id of userIds) {
      this.entries.delete(id);
      this.inflight.delete(id);
    }
  }

  /** Forgets everything (invalidations may have been missed). */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
  }

  /** Whether invalidations are arriving; any change of it clears the cache. */
  setListening(listening: boolean): void {
    if (listening === this.listening) return;
    this.listening = listening;
    this.clear();
  }

  get isListening(): boolean {
    return this.listening;
  }

  private refresh(userId: string): Promise<UserState | null> {
    const generation = this.generation;
    const promise = this.load(userId)
      .then((state) => {
        if (generation === this.generation) this.entries.set(userId, { state, at: this.now() });
        return state;
      })
      .finally(() => {
        if (this.inflight.get(userId) === promise) this.inflight.delete(userId);
      });
    this.inflight.set(userId, promise);
    return promise;
  }
}
