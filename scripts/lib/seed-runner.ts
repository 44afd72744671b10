// Seeds the demo data into an empty database (used by stack-database.ts for `pnpm dev` / `pnpm start`).
import { databaseIsEmpty, seedDemo } from "../../prisma/seed.ts";
import { createPrismaClient } from "./db-client.ts";

/** Seeds the demo data when the database has no users; resolves true when it did. */
export async function seedDemoIfEmpty(
  databaseUrl: string,
  options: { password: string },
): Promise<boolean> {
  const prisma = createPrismaClient(databaseUrl);
  try {
    if (!(await databaseIsEmpty(prisma))) return false;
    await seedDemo(prisma, options);
    return true;
  } finally {
    await prisma.$disconnect();
  }
}
