// Driver adapter for the Prisma CLI's JS schema engine (prisma.config.ts, `engine: "js"`).
//
// Prisma 6.19's CLI can run its schema engine as wasm over a JS driver adapter, which is
// what lets `migrate deploy/dev/status` work offline (no native engine download). The
// stock `PrismaPg` factory from @prisma/adapter-pg 6.19.3 is not good enough for that job;
// the subclass below carries the workarounds, each marked WORKAROUND with its upstream
// reference. The web app's runtime client does NOT use this module: it uses the stock
// `PrismaPg` (the query compiler never selects these column types).
//
// Nothing in here is app-specific; keep it that way.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/** Connection settings passed to node-postgres field by field (never a connection string). */
export interface PgConnectionParts {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  ssl?: pg.PoolConfig["ssl"];
  /** Postgres schema (Prisma's `?schema=` URL parameter). */
  schema?: string;
}

/**
 * Splits a `postgresql://` URL into the separate fields node-postgres takes.
 * Understands `?schema=` (Prisma's) and `?sslmode=`.
 */
export function parseDatabaseUrl(url: string): PgConnectionParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      "DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  const sslmode = parsed.searchParams.get("sslmode");
  const schema = parsed.searchParams.get("schema") ?? undefined;
  let ssl: PgConnectionParts["ssl"];
  if (sslmode === "require" || sslmode === "no-verify") ssl = { rejectUnauthorized: false };
  else if (sslmode === "verify-ca" || sslmode === "verify-full") ssl = { rejectUnauthorized: true };
  return {
    // IPv6 hosts come back bracketed from URL.
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: decodeURIComponent(parsed.password),
    database: database || "postgres",
    ...(ssl ? { ssl } : {}),
    ...(schema ? { schema } : {}),
  };
}

// Postgres type OIDs and Prisma ColumnType codes (@prisma/driver-adapter-utils' ColumnTypeEnum;
// that package is not a direct dependency, so the two values are spelled out here).
const OID_CHAR = 18; // "char", e.g. pg_constraint.contype
const OID_NAME = 19; // name, e.g. pg_class.relname
const OID_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6;

interface PgFieldLike {
  dataTypeID: number;
}
interface PgResultLike {
  fields?: PgFieldLike[];
  rows?: unknown[];
}
interface ResultSetLike {
  columnTypes: number[];
  rows: unknown[];
}
/** The parts of adapter-pg's (JS-private) queryable that the workarounds wrap. */
interface PatchableQueryable {
  performIO(query: unknown): Promise<PgResultLike>;
  queryRaw(query: unknown): Promise<ResultSetLike>;
  startTransaction?(isolationLevel?: string): Promise<unknown>;
  executeScript?(script: string): Promise<void>;
  dispose?(): Promise<void>;
  underlyingDriver?(): pg.Pool;
}

// Result rows → indexes of the columns that were OID 18, handed from performIO to queryRaw.
// Keyed by the rows array (queryRaw returns that very array), so concurrent queries on one
// pool cannot mix up their bookkeeping.
const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * WORKAROUND 1 — prisma/prisma#27403: adapter-pg cannot decode `name` (OID 19) and `"char"`
 * (OID 18) columns, which the schema engine's introspection of pg_catalog selects ("Column
 * type 'name' could not be deserialized"). node-postgres already returns both as strings;
 * only the OID → ColumnType mapping fails. Report them as text, and re-label the `"char"`
 * columns as ColumnType Character afterwards: the engine decodes e.g. pg_constraint.contype
 * as a char, and with plain Text `migrate dev` dies ("RuntimeError: unreachable") once a CHECK
 * constraint exists. Transactions are separate queryables, so `startTransaction` patches each
 * one the same way. (prisma/adapter.integration.test.ts fails without any of this.)
 */
function patchColumnTypes<T extends object>(target: T): T {
  const q = target as unknown as PatchableQueryable;
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    // A multi-statement script (the engine sends whole migrations through executeRaw) yields
    // one result per statement.
    for (const part of Array.isArray(result) ? (result as PgResultLike[]) : [result]) {
      const charColumns: number[] = [];
      part.fields?.forEach((field, index) => {
        if (field.dataTypeID === OID_NAME) field.dataTypeID = OID_TEXT;
        else if (field.dataTypeID === OID_CHAR) {
          field.dataTypeID = OID_TEXT;
          charColumns.push(index);
        }
      });
      if (charColumns.length > 0 && part.rows) charColumnsByRows.set(part.rows, charColumns);
    }
    return result;
  };
  q.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    const charColumns = charColumnsByRows.get(resultSet.rows);
    if (charColumns) {
      for (const index of charColumns) resultSet.columnTypes[index] = COLUMN_TYPE_CHARACTER;
      charColumnsByRows.delete(resultSet.rows);
    }
    return resultSet;
  };
  if (typeof q.startTransaction === "function") {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (isolationLevel) =>
      patchColumnTypes((await startTransaction(isolationLevel)) as object);
  }
  return target;
}

/**
 * WORKAROUND 4 — no upstream issue found (offline); see `executeScript` in
 * @prisma/adapter-pg 6.19.3 dist/index.mjs. It splits a migration on every `;`, which breaks
 * any statement with a `;` inside it (function bodies, string literals). Send the script as
 * ONE simple-protocol query instead, as the classic (native) schema engine does; Postgres
 * then runs a multi-statement script as one implicit transaction, so a failing migration
 * leaves nothing half-applied.
 */
function patchExecuteScript<T extends object>(target: T): T {
  const q = target as unknown as PatchableQueryable;
  const pool = q.underlyingDriver?.();
  const original = q.executeScript?.bind(q);
  if (!pool || !original) return target;
  q.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      // Let adapter-pg map the driver error (it throws a DriverAdapterError the engine knows).
      (q as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return target;
}

function patchAdapter<T extends object>(adapter: T): T {
  return patchExecuteScript(patchColumnTypes(adapter));
}

type ConnectedAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * `PrismaPg` for the Prisma CLI's JS schema engine: stock adapter-pg plus the workarounds
 * documented in this file. Build it with {@link schemaEngineAdapter} from a DATABASE_URL.
 */
export class SchemaEnginePg extends PrismaPg {
  readonly #parts: PgConnectionParts;

  constructor(parts: PgConnectionParts) {
    const { schema, ...connection } = parts;
    super(
      {
        ...connection,
        // WORKAROUND 3 — no upstream issue found (offline). The engine never ends its pools,
        // and pg's idle clients keep the event loop alive for `idleTimeoutMillis`: each CLI
        // command would hang ~10 s after its work is done. Let idle clients not hold the
        // process open. (The wasm engine also leaves a timer of its own: see runPrismaCli's
        // `doneWhen` in scripts/lib/migrate.ts.)
        allowExitOnIdle: true,
        // The CLI runs one thing at a time; a small pool keeps shadow-db churn cheap.
        max: 4,
      },
      schema ? { schema } : undefined,
    );
    this.#parts = parts;
  }

  override async connect(): Promise<ConnectedAdapter> {
    return patchAdapter(await super.connect());
  }

  /**
   * WORKAROUND 2 — no adapter-pg issue found (offline); see `connectToShadowDb` in
   * @prisma/adapter-pg 6.19.3 dist/index.mjs. It (a) builds the shadow pool as
   * `{...config, database}`, and with a `connectionString` in config node-postgres lets the
   * string win, so the "shadow" connection silently points at the MAIN database; and (b) its
   * release drops the shadow database BEFORE ending the shadow pool, so DROP fails with
   * "database is being accessed by other users" (the same race upstream fixed for the native
   * engine by dropping WITH (FORCE), prisma/prisma-engines#4722). Here the connection is given
   * field by field, the shadow pool is closed first, then the database is dropped, and the
   * helper connection used for CREATE/DROP is released too.
   */
  override async connectToShadowDb(): Promise<ConnectedAdapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new SchemaEnginePg({ ...this.#parts, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await disposeShadow();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      } finally {
        await main.dispose();
      }
    };
    return shadow;
  }
}

/**
 * The adapter factory prisma.config.ts hands to the CLI. Reads the URL lazily so that
 * commands which never connect (`prisma generate`) work with a dummy DATABASE_URL.
 */
export function schemaEngineAdapter(databaseUrl: string | undefined): SchemaEnginePg {
  if (!databaseUrl) {
    throw new Error(
      "DATABASE_URL is not set. Run `pnpm db:migrate` (it starts the embedded database) or set DATABASE_URL.",
    );
  }
  return new SchemaEnginePg(parseDatabaseUrl(databaseUrl));
}
