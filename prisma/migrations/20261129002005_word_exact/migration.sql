-- AlterTable
ALTER TABLE "word_rules" ADD COLUMN     "exact" BOOLEAN NOT NULL DEFAULT false;
