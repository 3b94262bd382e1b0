-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "moderated_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "comments_status_moderated_at_id_idx" ON "comments"("status", "moderated_at" DESC, "id" DESC);
