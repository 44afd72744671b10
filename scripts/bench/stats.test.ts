import { describe, expect, it } from "vitest";
import { sequenceOfTag } from "./protocol";
import {
  addCount,
  addCounts,
  busiest,
  describeCpu,
  failures,
  median,
  quantile,
  summarize,
} from "./stats";

describe("benchmark figures", () => {
  it("takes quantiles by nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("summarizes unsorted latencies", () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ count: 4, p50: 2, p95: 10, p99: 10, max: 10 });
    expect(median([5, 1, 3])).toBe(3);
  });

  it("names failed requests by status, most frequent first", () => {
    const counts = {};
    for (let i = 0; i < 7; i += 1) addCount(counts, 0);
    addCounts(counts, { 429: 230 });
    expect(failures(counts)).toBe("237 (429×230, 0×7)");
    expect(failures(counts, "failed")).toBe("237 failed (429×230, 0×7)");
    expect(failures({}, "failed")).toBe("0 failed");
  });

  it("names the busiest group, or the machine when its cores are nearly all in use", () => {
    expect(busiest({ web: 54, soketi: 15, postgres: 9, clients: 63 }, 2)).toBe(
      "clients (63 % of one core)",
    );
    // 193 % of 200 %: every process waits for a core.
    const saturated = busiest({ web: 39, soketi: 78, postgres: 4, clients: 72 }, 2);
    expect(saturated).toMatch(
      /^the machine's CPU \(193 % of its 200 % in use, most by soketi at 78 %\): every/,
    );
    // The same use on four cores leaves half of them idle.
    expect(busiest({ web: 39, soketi: 78, postgres: 4, clients: 72 }, 4)).toBe(
      "soketi (78 % of one core)",
    );
  });

  it("names a CPU by model, family and model numbers, and clock", () => {
    const cpuinfo = [
      "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 23\nmodel\t\t: 1\nmodel name\t: AMD EPYC",
      "processor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\nmodel name\t: AMD EPYC",
    ].join("\n\n");
    expect(describeCpu("AMD EPYC ", 1996.248, cpuinfo)).toBe(
      "AMD EPYC (family 23, model 1) at 1,996 MHz",
    );
    // Node says 0 MHz on some virtual machines: cpuinfo's clock then.
    expect(
      describeCpu("AMD EPYC", 0, "cpu family\t: 23\nmodel\t\t: 1\ncpu MHz\t\t: 1996.248"),
    ).toBe("AMD EPYC (family 23, model 1) at 1,996 MHz");
    // Elsewhere (no /proc/cpuinfo, no clock reported): the model name alone.
    expect(describeCpu("Apple M2", 0, "")).toBe("Apple M2");
  });

  it("reads the sequence number of a tag", () => {
    expect(sequenceOfTag("app b4 #12")).toBe(12);
    expect(sequenceOfTag("no number")).toBeNull();
  });
});
