-- AlterTable
ALTER TABLE "users" ADD COLUMN     "display_name_skeleton" TEXT;

-- CreateIndex
CREATE INDEX "users_display_name_skeleton_idx" ON "users"("display_name_skeleton");
