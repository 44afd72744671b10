import { describe, expect, it } from "vitest";
import { ApiError } from "./fetch-json";
import { apiFieldErrors, fieldRules, generalMessage, sentence } from "./form-errors";

describe("apiFieldErrors", () => {
  it("splits `field: rule` parts into plain sentences", () => {
    const error = new ApiError(
      422,
      "validation_failed",
      "amountCents: must be at most $1,000,000.00; courseId: must be a valid id",
    );
    expect(apiFieldErrors(error)).toEqual([
      { field: "amountCents", message: "Must be at most $1,000,000.00." },
      { field: "courseId", message: "Must be a valid id." },
    ]);
  });

  it("uses the server's separate field when it gives one", () => {
    const error = new ApiError(
      422,
      "amount_exceeds_due",
      "amountCents: nothing is due",
      "amountCents",
    );
    expect(apiFieldErrors(error)).toEqual([{ field: "amountCents", message: "Nothing is due." }]);
  });

  it("names no field for a message without one", () => {
    expect(apiFieldErrors(new ApiError(409, "conflict", "Payment is already COMPLETED"))).toEqual(
      [],
    );
  });
});

describe("fieldRules", () => {
  it("reads the `field: rule` parts of a message and leaves the rest out", () => {
    expect(fieldRules("title: must not be empty; no field here; score: must be a number")).toEqual([
      { field: "title", rule: "must not be empty" },
      { field: "score", rule: "must be a number" },
    ]);
  });
});

describe("generalMessage", () => {
  it("speaks plainly about sessions, rights and faults", () => {
    expect(generalMessage(new ApiError(401, "unauthorized", "Sign in first"))).toMatch(/Sign in/);
    expect(generalMessage(new ApiError(500, "internal_error", "x"))).toMatch(/our side/);
    expect(generalMessage(new Error("offline"))).toMatch(/connection/);
    expect(sentence("already approved")).toBe("Already approved.");
  });
});
