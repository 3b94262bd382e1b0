-- AlterTable
ALTER TABLE "users" ADD COLUMN     "username_skeleton" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "users_username_skeleton_key" ON "users"("username_skeleton");
