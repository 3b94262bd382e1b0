import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import '@/app/globals.css';

/** The frame's script (resize, theme, sign-in window, single sign-on): public/embed-frame.js. */
export const EMBED_FRAME_SCRIPT = '/embed-frame.js';

/**
 * The document of a thread shown under a publisher's page (issue 22): no header or footer of
 * the forum (the host page is the frame), only the thread. The script is added by the page
 * cache for anonymous readers (lib/cache/handler.js) and by the member's page itself.
 */
export function EmbedFrame({ locale, script = null, children }: { locale: string; script?: React.ReactNode; children: React.ReactNode }) {
  return (
    <html lang={locale}>
      <body className="embed">
        <main id="main">{children}</main>
        {script}
      </body>
    </html>
  );
}

export async function embedMetadata(locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'site' });
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, robots: { index: false } };
}
