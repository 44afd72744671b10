import { describe, expect, it } from "vitest";
import { centsToAmountText, centsToDollarsText, parseAmount, parseDollars } from "./format";

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

describe("parseAmount", () => {
  it.each([
    ["49,90", 4990],
    ["$20", 2000],
    ["20 $", 2000],
    ["49,90 $", 4990],
    ["1.250,05", 125_005],
    ["1.234", 123_400],
    ["0,01", 1],
    [" 7 ", 700],
  ])("reads German %j as %i cents", (text, cents) => {
    expect(parseAmount(text, "de")).toEqual({ cents });
  });

  it.each([
    ["", "Enter an amount"],
    ["-5", "above $0.00"],
    ["10.50", "Use a comma for cents"],
    ["abc", "digits only"],
    ["1,234", "digits only"],
    ["1.23.4", "digits only"],
  ])("explains why German %j is not an amount", (text, problem) => {
    const result = parseAmount(text, "de");
    expect("problem" in result && result.problem).toContain(problem);
  });

  it("reads English as parseDollars does", () => {
    for (const text of ["49.90", "$ 20.5", "1,250.05", "10,50", "20 $", "1.234", ""])
      expect(parseAmount(text, "en")).toEqual(parseDollars(text));
  });

  it("writes cents back as each language types them", () => {
    expect(centsToAmountText(4990, "en")).toBe("49.90");
    expect(centsToAmountText(125_005, "de")).toBe("1250,05");
    expect(centsToAmountText(5, "de")).toBe("0,05");
  });
});
