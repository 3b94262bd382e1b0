-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "published_by_id" INTEGER,
ADD COLUMN     "unpublished_at" TIMESTAMPTZ(3);
