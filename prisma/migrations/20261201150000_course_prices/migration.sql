-- Course prices: what an enrolled student owes for a course, in cents (0: free). Payments are
-- checked against it (never above what is due).

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "priceCents" INTEGER NOT NULL DEFAULT 0;

-- A price is never negative (added by hand: Prisma has no CHECK constraints).
ALTER TABLE "Course" ADD CONSTRAINT "Course_priceCents_check" CHECK ("priceCents" >= 0);
