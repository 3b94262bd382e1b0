-- CreateTable
CREATE TABLE "thread_events" (
    "id" BIGSERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "comment_id" INTEGER,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thread_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "thread_events_article_id_id_idx" ON "thread_events"("article_id", "id");

-- CreateIndex
CREATE INDEX "thread_events_created_at_idx" ON "thread_events"("created_at");
