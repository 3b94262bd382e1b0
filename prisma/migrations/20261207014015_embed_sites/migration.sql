-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "page_url" TEXT,
ADD COLUMN     "site_id" TEXT;

-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "external_id" TEXT;

-- CreateTable
CREATE TABLE "sites" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "origins" TEXT[],
    "keep_params" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sso_secret" TEXT NOT NULL,
    "jwks_url" TEXT,
    "default_locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_token_uses" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_token_uses_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sso_token_uses_expires_at_idx" ON "sso_token_uses"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "articles_site_id_page_url_key" ON "articles"("site_id", "page_url");

-- CreateIndex
CREATE UNIQUE INDEX "comments_article_id_external_id_key" ON "comments"("article_id", "external_id");

-- AddForeignKey
ALTER TABLE "articles" ADD CONSTRAINT "articles_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;
