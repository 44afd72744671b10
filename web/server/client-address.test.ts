import { describe, expect, it } from "vitest";
import { clientAddress, isAllowedOrigin, ownOrigin, PEER_HEADER } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it("is the TCP peer unless the proxy is trusted, whatever X-Forwarded-For says", () => {
    const h = headers({ [PEER_HEADER]: "10.0.0.9", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(h, false)).toBe("10.0.0.9");
  });

  it("behind a trusted proxy is the rightmost hop (the one the proxy added)", () => {
    const h = headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(h, true)).toBe("203.0.113.7");
    expect(clientAddress(headers({ [PEER_HEADER]: "127.0.0.1" }), true)).toBe("127.0.0.1");
  });
});

describe("ownOrigin and isAllowedOrigin", () => {
  it("uses the Host header, or X-Forwarded-* only when trusted", () => {
    const h = headers({
      host: "app.internal:3000",
      "x-forwarded-host": "school.example",
      "x-forwarded-proto": "https",
    });
    expect(ownOrigin(h, "http://localhost:3000/api/x", false)).toBe("http://app.internal:3000");
    expect(ownOrigin(h, "http://localhost:3000/api/x", true)).toBe("https://school.example");
  });

  it("accepts its own origin and the allowlist, nothing else", () => {
    const own = "https://school.example";
    expect(isAllowedOrigin("https://school.example", own, [])).toBe(true);
    expect(isAllowedOrigin("https://school.example:443", own, [])).toBe(true);
    expect(isAllowedOrigin("http://school.example", own, [])).toBe(false);
    expect(isAllowedOrigin("https://school.example.evil.test", own, [])).toBe(false);
    expect(isAllowedOrigin("null", own, [])).toBe(false);
    expect(isAllowedOrigin("garbage", own, [])).toBe(false);
    expect(isAllowedOrigin("https://admin.example", own, ["https://admin.example"])).toBe(true);
  });
});
