// `pnpm dev`: the whole app offline in one command. Embedded PostgreSQL (unless DATABASE_URL is
// set), pending migrations, demo data when the database is empty, local Soketi, `next dev`.
// Ctrl-C stops everything in reverse order and leaves no process behind.
import { loadDotEnv } from "./lib/dotenv";
import { runLocalStack } from "./lib/local-stack";
import { demoPassword } from "../prisma/seed/demo-data";

loadDotEnv();
await runLocalStack({
  mode: "dev",
  credentials: {
    appId: process.env.PUSHER_APP_ID,
    key: process.env.PUSHER_KEY,
    secret: process.env.PUSHER_SECRET,
  },
  demoPassword: demoPassword(),
});
