-- CreateTable
CREATE TABLE "like_deltas" (
    "id" BIGSERIAL NOT NULL,
    "comment_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "delta" SMALLINT NOT NULL,
    "folded" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "like_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "like_deltas_user_id_idx" ON "like_deltas"("user_id");

-- The deltas a fold takes, and the sums of a comment's pending deltas (by hand: Prisma's
-- schema cannot say "WHERE").
CREATE INDEX "like_deltas_unfolded_idx" ON "like_deltas"("comment_id") WHERE NOT "folded";

-- AddForeignKey
ALTER TABLE "like_deltas" ADD CONSTRAINT "like_deltas_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
