-- The outbox as an event log clients can resume from (GET /api/realtime/missed).

-- AlterTable: a row's place in the log, stamped in publish order by the dispatcher when it
-- marks the row sent (web/server/outbox.ts); null until then.
ALTER TABLE "OutboxEvent" ADD COLUMN "seq" BIGINT;

-- CreateSequence: the source of "seq" (not a column default: an insert-time number can commit
-- out of order; the dispatcher takes it after publishing instead).
CREATE SEQUENCE "OutboxEvent_seq_seq" AS BIGINT OWNED BY "OutboxEvent"."seq";

-- Rows sent before the log existed take the first places, in the order they were sent.
UPDATE "OutboxEvent" AS o SET "seq" = s.n
FROM (SELECT "id", row_number() OVER (ORDER BY "sentAt", "createdAt", "id") AS n
      FROM "OutboxEvent" WHERE "sentAt" IS NOT NULL) AS s
WHERE o."id" = s."id";
SELECT setval('"OutboxEvent_seq_seq"', COALESCE((SELECT max("seq") FROM "OutboxEvent"), 0) + 1, false);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEvent_seq_key" ON "OutboxEvent"("seq");

-- CreateIndex
CREATE INDEX "OutboxEvent_channels_idx" ON "OutboxEvent" USING GIN ("channels");
