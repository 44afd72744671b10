/** A bounded set that forgets its oldest entries: remembers the last `capacity` keys. */
export class LruSet {
  private readonly keys = new Map<string, true>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruSet capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`; true when it was new, false when it was already there (and is now freshest). */
  add(key: string): boolean {
    const existed = this.keys.delete(key);
    this.keys.set(key, true);
    if (this.keys.size > this.capacity) {
      // Map iterates in insertion order: the first key is the least recently added.
      const oldest = this.keys.keys().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    return !existed;
  }

  clear(): void {
    this.keys.clear();
  }
}
