// What the embed says in the frame when it cannot show a thread: in the host's language, with
// what an admin can do about it; plain HTML with no script.
import { plainPage } from '../plain-page.js';
import { logger } from '../log.ts';
import { translator } from '../i18n/translate.ts';

type Kind = 'unknownSite' | 'origin' | 'url';

export function embedRefusal(lang: 'zh-CN' | 'en', status: number, kind: Kind, values: Record<string, string>): Response {
  const t = translator(lang);
  const html = plainPage({
    lang,
    site: t('site.name'),
    title: t(`embed.${kind}Title`),
    body: t(`embed.${kind}Body`, values),
    link: { href: '/', text: t('embed.poweredBy') },
  });
  // Logged for the admin too: the host's console shows the frame's status, the server's log why.
  logger.warn({ embed: kind, ...values }, 'embed refused');
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'self'; frame-ancestors *" },
  });
}
