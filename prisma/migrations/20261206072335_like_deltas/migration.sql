-- CreateTable
CREATE TABLE "like_deltas" (
    "id" BIGSERIAL NOT NULL,
    "comment_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "delta" SMALLINT NOT NULL,

    CONSTRAINT "like_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "like_deltas_comment_id_idx" ON "like_deltas"("comment_id");

-- AddForeignKey
ALTER TABLE "like_deltas" ADD CONSTRAINT "like_deltas_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
