-- AlterTable
ALTER TABLE "rate_limit_policies" ADD COLUMN     "crisis_allowance" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "crisis_window_seconds" INTEGER NOT NULL DEFAULT 600;

-- AlterTable
ALTER TABLE "therapeutic_events" ADD COLUMN     "fold_key" TEXT,
ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "repeat_count" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "therapeutic_event_repeats" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "escalated" BOOLEAN NOT NULL,
    "excerpt" TEXT NOT NULL,
    "signals" JSONB NOT NULL DEFAULT '[]',
    "correlation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapeutic_event_repeats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "therapeutic_event_repeats_event_id_created_at_idx" ON "therapeutic_event_repeats"("event_id", "created_at");

-- CreateIndex
CREATE INDEX "therapeutic_events_fold_key_status_idx" ON "therapeutic_events"("fold_key", "status");

-- AddForeignKey
ALTER TABLE "therapeutic_event_repeats" ADD CONSTRAINT "therapeutic_event_repeats_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "therapeutic_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
