// What the embed says in the frame when it cannot show a thread: in the host's language, with
// what an admin can do about it; plain HTML with no script.
import { plainPage } from '../plain-page.js';
import { logger } from '../log.ts';
import zh from '../../messages/zh-CN.json';
import en from '../../messages/en.json';

type Kind = 'unknownSite' | 'origin' | 'url';

export function embedRefusal(lang: 'zh-CN' | 'en', status: number, kind: Kind, values: Record<string, string>): Response {
  const m = lang === 'en' ? en : zh;
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const html = plainPage({
    lang,
    site: m.site.name,
    title: m.embed[`${kind}Title`],
    body: fill(m.embed[`${kind}Body`]),
    link: { href: '/', text: m.embed.poweredBy },
  });
  // Logged for the admin too: the host's console shows the frame's status, the server's log why.
  logger.warn({ embed: kind, ...values }, 'embed refused');
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'self'; frame-ancestors *" },
  });
}
