-- DropIndex
DROP INDEX "comments_article_id_depth_like_count_created_at_id_idx";

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "source_position" INTEGER NOT NULL DEFAULT 2147483647;

-- CreateIndex
CREATE INDEX "comments_article_id_depth_like_count_source_position_create_idx" ON "comments"("article_id", "depth", "like_count" DESC, "source_position", "created_at", "id");
