import { describe, expect, it, vi } from "vitest";
import { type z } from "zod";
import { notificationsQuery, paymentsQuery } from "@/lib/validation";
import { HttpError, readQuery } from "./http";

// readQuery never looks at the session; keep Auth.js (and its environment) out of this test.
vi.mock("@/server/auth", () => ({ getSessionUser: async () => null }));

const at = (query: string) => new Request(`http://localhost/api/x${query}`);

function queryError(query: string, schema: z.ZodType) {
  try {
    readQuery(at(query), schema);
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe("readQuery", () => {
  it("parses and defaults the parameters", () => {
    expect(readQuery(at(""), notificationsQuery)).toEqual({ limit: 50 });
    expect(readQuery(at("?limit=10&before=2026-01-02T03:04:05Z"), notificationsQuery)).toEqual({
      limit: 10,
      before: new Date("2026-01-02T03:04:05Z"),
    });
    expect(readQuery(at("?before="), notificationsQuery)).toEqual({ limit: 50 });
    expect(readQuery(at("?status=PENDING&other=1"), paymentsQuery)).toEqual({ status: "PENDING" });
  });

  it("reads a repeated parameter by its first value", () => {
    expect(readQuery(at("?status=REJECTED&status=LOST"), paymentsQuery)).toEqual({
      status: "REJECTED",
    });
  });

  it("answers 400 naming the bad parameter, with the rule it breaks", () => {
    for (const limit of ["abc", "0", "201", "1.5", ""]) {
      expect(queryError(`?limit=${limit}`, notificationsQuery)).toEqual({
        status: 400,
        message: "limit: must be a whole number from 1 to 200",
      });
    }
    expect(queryError("?before=not-a-date", notificationsQuery)).toEqual({
      status: 400,
      message: "before: must be an ISO date-time",
    });
    expect(queryError("?status=LOST", paymentsQuery)).toEqual({
      status: 400,
      message: "status: must be PENDING, COMPLETED, REJECTED",
    });
  });
});
