import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { apiOperations, getOpenApiDocument } from "./document";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

type RouteFile = { file: string; path: string; catchAll: boolean; methods: string[] };

// Every route.ts under web/app/api, its URL path (`[id]` → `{id}`) and the methods it exports.
function routeFiles(dir = API_DIR): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const segments = path.relative(API_DIR, dir).split(path.sep).filter(Boolean);
    const catchAll = /^\[{1,2}\.\.\./.test(segments.at(-1) ?? "");
    const urlPath = ["/api", ...(catchAll ? segments.slice(0, -1) : segments)]
      .join("/")
      .replace(/\[(\w+)\]/g, "{$1}");
    return [{ file: full, path: urlPath, catchAll, methods: exportedMethods(full) }];
  });
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const names = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)].map(
    (m) => m[1]!,
  );
  // `export const { GET } = …` and `export { handler as GET, … }`
  for (const [, list] of source.matchAll(/export\s+(?:const\s*)?\{([^}]*)\}/g)) {
    names.push(
      ...list!.split(",").map((name) =>
        name
          .trim()
          .split(/\s+as\s+/)
          .at(-1)!,
      ),
    );
  }
  return names.filter((name) => METHODS.includes(name)).sort();
}

const documented = apiOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`);

describe("the OpenAPI document covers exactly the route files", () => {
  const all = routeFiles();
  // web/app/api/[[...path]]: the 404 of every path no route serves, not an operation.
  const fallback = all.find((f) => f.catchAll && f.path === "/api");
  const files = all.filter((f) => f !== fallback);
  const exact = files.filter((f) => !f.catchAll);
  const catchAlls = files.filter((f) => f.catchAll);
  // A route file of its own (e.g. /api/auth/setup) wins over the catch-all, as in Next's routing.
  const ownFile = (entry: string) => exact.some((f) => f.path === entry.split(" ")[1]);
  const underCatchAll = (entry: string) =>
    ownFile(entry)
      ? undefined
      : catchAlls.find((f) => entry.split(" ")[1]!.startsWith(`${f.path}/`));

  it("finds the route files and their methods", () => {
    expect(exact.length).toBeGreaterThan(15);
    for (const file of files) expect(file.methods, file.file).not.toEqual([]);
    expect(catchAlls.map((f) => f.path)).toEqual(["/api/auth"]);
    expect(fallback?.methods).toEqual([...METHODS].sort());
  });

  it("has an entry for every method of every route file, and no entry without one", () => {
    const fromFiles = exact.flatMap((f) => f.methods.map((m) => `${m} ${f.path}`)).sort();
    expect(documented.filter((entry) => !underCatchAll(entry)).sort()).toEqual(fromFiles);
  });

  it("documents Auth.js's routes only with the methods its catch-all exports, each of them", () => {
    for (const file of catchAlls) {
      const entries = documented.filter((entry) => underCatchAll(entry) === file);
      const methods = new Set(entries.map((entry) => entry.split(" ")[0]));
      expect([...methods].sort()).toEqual(file.methods);
      expect(entries).toContain("POST /api/auth/callback/credentials");
    }
  });

  it("lists each operation once and declares every path parameter", () => {
    expect(new Set(documented).size).toBe(documented.length);
    for (const op of apiOperations) {
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(op.params ?? {}), op.path).toEqual(names);
    }
  });
});

describe("the document", () => {
  const document = getOpenApiDocument();

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("takes request and query schemas from the routes' validation", () => {
    const payments = document.paths["/api/payments"]!;
    const list = payments.get as { parameters: { name: string; schema: { enum: string[] } }[] };
    expect(list.parameters).toEqual(
      ["status", "order", "cursor", "limit"].map((name) =>
        expect.objectContaining({ name, in: "query", required: false }),
      ),
    );
    expect(list.parameters[0]!.schema.enum).toEqual(["PENDING", "COMPLETED", "REJECTED"]);
    const submit = payments.post as {
      requestBody: { required: boolean; content: Record<string, { schema: object }> };
    };
    expect(submit.requestBody.required).toBe(true);
    expect(submit.requestBody.content["application/json"]!.schema).toMatchObject({
      required: ["courseId", "amountCents"],
      additionalProperties: false,
    });
  });

  it("answers every error with the shared error shape", () => {
    const approve = document.paths["/api/payments/{id}/approve"]!.post as {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(approve.responses).sort()).toEqual([
      "200",
      "401",
      "403",
      "404",
      "409",
      "413",
      "429",
      "503",
    ]);
    expect(approve.responses["409"]).toEqual({ $ref: "#/components/responses/Conflict" });
    expect(document.components.schemas.Error).toMatchObject({ required: ["error"] });
  });
});
