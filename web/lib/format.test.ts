import { describe, expect, it } from "vitest";
import { centsToDollarsText, parseDollars } from "./format";

describe("parseDollars", () => {
  it.each([
    ["49.90", 4990],
    ["$20", 2000],
    ["$ 20.5", 2050],
    ["1,250.05", 125_005],
    ["0.01", 1],
    [" 7 ", 700],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parseDollars(text)).toEqual({ cents });
  });

  it.each([
    ["", "Enter an amount"],
    ["-5", "above $0.00"],
    ["10,50", "Use a dot for cents"],
    ["abc", "digits only"],
    ["1.234", "digits only"],
    ["1,23,4", "digits only"],
  ])("explains why %j is not an amount", (text, problem) => {
    const result = parseDollars(text);
    expect("problem" in result && result.problem).toContain(problem);
  });

  it("writes cents back as dollars text", () => {
    expect(centsToDollarsText(4990)).toBe("49.90");
    expect(centsToDollarsText(5)).toBe("0.05");
  });
});
