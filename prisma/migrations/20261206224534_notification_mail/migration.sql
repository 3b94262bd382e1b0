-- AlterTable
ALTER TABLE "users" ADD COLUMN     "digest_sent_at" TIMESTAMPTZ(3),
ADD COLUMN     "locale" TEXT,
ADD COLUMN     "mail_notifications" TEXT NOT NULL DEFAULT 'digest';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "mailed_at" TIMESTAMPTZ(3);

-- The notification mail sweep's look-up (lib/mail/notification-mail.ts): unread notifications
-- not yet taken (by hand: Prisma's schema cannot say "WHERE").
CREATE INDEX "notifications_unmailed_idx" ON "notifications"("created_at") WHERE "read_at" IS NULL AND "mailed_at" IS NULL;
