// The messages Yilun sends, in the member's language, as plain text and as HTML (a few inline
// styles, no images, no tracking). Every value is escaped in the HTML part.
import type { Locale } from '@/i18n/locales.ts';
import { translator } from '../i18n/translate.ts';

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One message: a greeting, paragraphs, one link as a button, closing lines. */
function layout(locale: Locale, parts: { subject: string; name: string; before: string[]; link: { href: string; label: string }; after: string[] }): Composed {
  const t = translator(locale);
  const greeting = t('mail.greeting', { name: parts.name });
  const footer = t('mail.footer');
  const text = [greeting, '', ...parts.before.flatMap((p) => [p, '']), parts.link.href, '', ...parts.after.flatMap((p) => [p, '']), '-- ', footer, ''].join('\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escape(s)}</p>`;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(parts.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f4;color:#1d1d1b;font:16px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
${p(greeting)}
${parts.before.map(p).join('\n')}
<p style="margin:0 0 16px"><a href="${escape(parts.link.href)}" style="display:inline-block;padding:10px 18px;background:#8a2b1e;color:#fff;text-decoration:none;border-radius:6px">${escape(parts.link.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;word-break:break-all"><a href="${escape(parts.link.href)}" style="color:#8a2b1e">${escape(parts.link.href)}</a></p>
${parts.after.map(p).join('\n')}
<p style="margin:24px 0 0;font-size:13px;color:#666">${escape(footer)}</p>
</div></body></html>
`;
  return { subject: parts.subject, text, html };
}

export function resetMail(locale: Locale, v: { name: string; username: string; link: string }): Composed {
  const t = translator(locale);
  const subject = t('mail.resetSubject');
  return layout(locale, {
    subject,
    name: v.name,
    before: [t('mail.resetBody', { username: v.username })],
    link: { href: v.link, label: t('mail.resetButton') },
    after: [t('mail.resetKeep')],
  });
}

export function verifyMail(locale: Locale, v: { name: string; username: string; email: string; link: string }): Composed {
  const t = translator(locale);
  const subject = t('mail.verifySubject');
  return layout(locale, {
    subject,
    name: v.name,
    before: [t('mail.verifyBody', { email: v.email, username: v.username })],
    link: { href: v.link, label: t('mail.verifyButton') },
    after: [t('mail.ignore')],
  });
}

export interface MailedNotification {
  what: string;
  where: string | null;
  excerpt: string | null;
  link: string;
}

/**
 * Notifications the member has not read in the app: one (`each`) or a day's (`digest`), each
 * with its link, then how to change or stop them (the unsubscribe link works without signing in).
 */
export function notificationsMail(locale: Locale, v: { name: string; items: MailedNotification[]; digest: boolean; settings: string; unsubscribe: string }): Composed {
  const t = translator(locale);
  const subject = v.digest ? t('mail.digestSubject', { count: v.items.length }) : v.items[0].what;
  const greeting = t('mail.greeting', { name: v.name });
  const intro = v.digest ? t('mail.digestIntro', { count: v.items.length }) : t('mail.eachIntro');
  const why = t('mail.why');
  const change = t('mail.change');
  const unsubscribeLabel = t('mail.unsubscribe');
  const footer = t('mail.footer');
  const pageUnsubscribe = v.unsubscribe.replace('/api/v1/unsubscribe?', '/unsubscribe?');
  const text = [
    greeting,
    '',
    intro,
    '',
    ...v.items.flatMap((i) => [`* ${i.what}${i.where ? ` ${i.where}` : ''}`, ...(i.excerpt ? [`  「${i.excerpt}」`] : []), `  ${i.link}`, '']),
    why,
    `${change}: ${v.settings}`,
    `${unsubscribeLabel}: ${pageUnsubscribe}`,
    '',
    '-- ',
    footer,
    '',
  ].join('\n');
  const item = (i: MailedNotification) =>
    `<li style="margin:0 0 16px"><a href="${escape(i.link)}" style="color:#8a2b1e">${escape(i.what)}</a>${i.where ? ` <span style="color:#666">${escape(i.where)}</span>` : ''}${i.excerpt ? `<br><span style="color:#444">「${escape(i.excerpt)}」</span>` : ''}</li>`;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f4;color:#1d1d1b;font:16px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
<p style="margin:0 0 16px">${escape(greeting)}</p>
<p style="margin:0 0 16px">${escape(intro)}</p>
<ul style="margin:0 0 16px;padding-left:20px">${v.items.map(item).join('')}</ul>
<p style="margin:24px 0 0;font-size:13px;color:#666">${escape(why)} <a href="${escape(v.settings)}" style="color:#666">${escape(change)}</a> · <a href="${escape(pageUnsubscribe)}" style="color:#666">${escape(unsubscribeLabel)}</a></p>
<p style="margin:8px 0 0;font-size:13px;color:#666">${escape(footer)}</p>
</div></body></html>
`;
  return { subject, text, html };
}
