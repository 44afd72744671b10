-- The outbox as an event log clients can resume from (GET /api/realtime/missed).

-- AlterTable: a row's place in the log, in commit order: the insert takes it from the sequence
-- while holding an advisory lock that is released only by the commit (web/server/outbox.ts), so
-- places are committed in order and a reader that sees N sees every row below N.
ALTER TABLE "OutboxEvent" ADD COLUMN "seq" BIGINT;

-- CreateSequence
CREATE SEQUENCE "OutboxEvent_seq_seq" AS BIGINT OWNED BY "OutboxEvent"."seq";

-- Rows written before the log existed take the first places: sent ones in the order they were
-- sent, then the unsent ones in the order the dispatcher would take them.
UPDATE "OutboxEvent" AS o SET "seq" = s.n
FROM (SELECT "id", row_number() OVER (ORDER BY "sentAt" NULLS LAST, "createdAt", "id") AS n
      FROM "OutboxEvent") AS s
WHERE o."id" = s."id";
SELECT setval('"OutboxEvent_seq_seq"', COALESCE((SELECT max("seq") FROM "OutboxEvent"), 0) + 1, false);

ALTER TABLE "OutboxEvent" ALTER COLUMN "seq" SET DEFAULT nextval('"OutboxEvent_seq_seq"'),
                          ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEvent_seq_key" ON "OutboxEvent"("seq");

-- CreateIndex
CREATE INDEX "OutboxEvent_channels_idx" ON "OutboxEvent" USING GIN ("channels");
