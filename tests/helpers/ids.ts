// Fresh cuid-shaped ids (c + 24 lowercase alphanumerics) for tests, unique per call.
let counter = 0;

/** A cuid-shaped id, unique within this process. */
export function testCuid(): string {
  counter += 1;
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) =>
    (b % 36).toString(36),
  ).join("");
  return `c${counter.toString(36).padStart(8, "0")}${random}`.slice(0, 25);
}
