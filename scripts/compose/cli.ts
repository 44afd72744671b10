// `pnpm compose:local up|down|status`: the real compose stack on this machine, as an operator
// would run it, with the host-network override (this machine has no Docker bridge) and local
// stand-ins for the upstream base images. `up` writes .env with fresh random secrets and free
// ports when there is none, seeds the demo accounts, prints the URL and leaves the stack
// running; `down` stops it (`down -v` also deletes its volumes, i.e. the database).
import { loadDotEnv } from "../lib/dotenv.ts";
import {
  composeUp,
  containerHealth,
  ensureBaseImages,
  ensureEngine,
  localEnvFile,
  stackHandle,
  waitHealthy,
} from "./stack.ts";

const PROJECT = "livecampus";
const [command = "up", ...rest] = process.argv.slice(2).filter((a) => a !== "--");

async function main(): Promise<void> {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const dockerHost = await ensureEngine();
  if (command === "up") {
    const { file, created } = await localEnvFile();
    if (created) console.log(`compose │ wrote ${file} (random secrets, free ports)`);
    loadDotEnv(file);
    await ensureBaseImages(dockerHost);
    const stack = stackHandle(PROJECT, file, dockerHost);
    await composeUp(stack, rest);
    await waitHealthy(stack);
    const demo = stack.env.DEMO_PASSWORD || "livecampus";
    console.log(`
compose │ LiveCampus is up (${seconds()}): ${stack.url}
compose │ Caddy's local CA signs the certificate: accept it once in the browser, or trust the
compose │ root with: docker cp ${PROJECT}_proxy_1:/data/caddy/pki/authorities/local/root.crt .
compose │ Sign in: ${stack.env.ADMIN_EMAIL} / ${stack.env.ADMIN_PASSWORD}${stack.env.SEED_DEMO === "true" ? `; demo: teacher@livecampus.test, student@livecampus.test (${demo})` : ""}
compose │ Stop: pnpm compose:local down   (down -v also deletes the data)`);
    return;
  }
  const { file } = await localEnvFile();
  const stack = stackHandle(PROJECT, file, dockerHost);
  if (command === "down") {
    await stack.compose(["down", "--remove-orphans", ...rest]);
    console.log(`compose │ stopped (${seconds()})`);
  } else if (command === "status") {
    for (const c of await containerHealth(stack))
      console.log(`${c.name.padEnd(28)} ${c.state.padEnd(10)} ${c.health ?? ""}`);
  } else {
    throw new Error(`unknown command "${command}": use up, down or status`);
  }
}

main().catch((error: unknown) => {
  console.error(`compose │ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
