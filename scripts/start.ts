// `pnpm start`: the same local stack as `pnpm dev`, but the production server (`next start`
// on the output of `pnpm build`) in production mode. Production refuses the development
// credentials, so missing secrets are generated once into .data/local-secrets.json (mode 600);
// set real ones in the environment or `.env` for a real deployment.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadDotEnv } from "./lib/dotenv";
import { runLocalStack } from "./lib/local-stack";
import { demoPassword } from "../prisma/seed/demo-data";
import { REPO_ROOT, WEB_DIR } from "./lib/paths";

loadDotEnv();
const env = process.env;

const SECRET_NAMES = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "AUTH_SECRET"] as const;

function localSecrets(): Record<(typeof SECRET_NAMES)[number], string> {
  const file = path.join(REPO_ROOT, ".data/local-secrets.json");
  let stored: Partial<Record<string, string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const generate: Record<(typeof SECRET_NAMES)[number], () => string> = {
    PUSHER_APP_ID: () => `livecampus-${randomBytes(4).toString("hex")}`,
    PUSHER_KEY: () => randomBytes(16).toString("hex"),
    PUSHER_SECRET: () => randomBytes(32).toString("hex"),
    AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  };
  let changed = false;
  const result = {} as Record<(typeof SECRET_NAMES)[number], string>;
  for (const name of SECRET_NAMES) {
    const value = env[name] ?? stored[name];
    if (value) {
      result[name] = value;
    } else {
      result[name] = stored[name] = generate[name]();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2));
    chmodSync(file, 0o600);
    console.log(
      `Generated local production secrets in ${path.relative(REPO_ROOT, file)} (set them in .env for a real deployment)`,
    );
  }
  return result;
}

const secrets = localSecrets();
const seedDemo = env.SEED_DEMO !== "false";
await runLocalStack({
  mode: "start",
  preflight: () => {
    if (!existsSync(path.join(WEB_DIR, ".next/BUILD_ID")))
      throw new Error("No production build found: run `pnpm build` first");
  },
  credentials: {
    appId: secrets.PUSHER_APP_ID,
    key: secrets.PUSHER_KEY,
    secret: secrets.PUSHER_SECRET,
  },
  soketiEnv: { NODE_ENV: "production" },
  webEnv: { ...secrets, AUTH_TRUST_HOST: env.AUTH_TRUST_HOST ?? "true" },
  demoPassword: seedDemo ? demoPassword(env) : undefined,
});
