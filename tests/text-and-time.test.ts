import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../i18n/locales.ts';
import { splitLinks } from '../lib/text/links.ts';
import { chinaWallClock, isoChinaTime, relativeChinaTime } from '../lib/time.ts';

describe('China time', () => {
  it('shows an instant as the wall clock in UTC+8 and as ISO 8601 with the offset', () => {
    const t = new Date('2026-02-17T02:24:00Z');
    expect(chinaWallClock(t)).toBe('2026-02-17 10:24');
    expect(isoChinaTime(t)).toBe('2026-02-17T10:24:00+08:00');
    expect(isoChinaTime(new Date('2026-12-31T16:30:00.250Z'))).toBe('2027-01-01T00:30:00.250+08:00');
  });
});

describe('links in comment text', () => {
  it('finds http and https links and leaves the rest as text', () => {
    expect(splitLinks('看这里 https://example.com/a?b=1 很好')).toEqual([
      { text: '看这里 ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ' 很好' },
    ]);
    // Chinese punctuation ends a link.
    expect(splitLinks('https://example.com/路径。好')).toEqual([
      { text: 'https://example.com/路径', href: 'https://example.com/路径' },
      { text: '。好' },
    ]);
  });
  it('never makes a link of javascript:, data: or mail addresses', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'me@example.com', 'ftp://x.org']) {
      expect(splitLinks(text)).toEqual([{ text }]);
    }
  });
});

describe('the reader language', () => {
  it('is Chinese by default, English on request, and a remembered choice wins', () => {
    expect(resolveLocale(undefined, undefined)).toBe('zh-CN');
    expect(resolveLocale(undefined, 'fr-FR,fr;q=0.9')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(resolveLocale(undefined, 'zh-TW,en;q=0.5')).toBe('zh-CN');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('xx', 'en')).toBe('en');
  });
});

describe('the last-resort error page', () => {
  it('says what the message files say, in both languages', async () => {
    const { UNAVAILABLE } = await import('../lib/i18n/unavailable-text.ts');
    for (const [key, file] of [['zh', 'zh-CN'], ['en', 'en']] as const) {
      const m = (await import(`../messages/${file}.json`)).default.errors;
      expect(UNAVAILABLE[key]).toEqual({ title: m.unavailableTitle, body: m.unavailableBody, retry: m.retry });
    }
  });
});

describe('return addresses', () => {
  it('are same-site paths, never another origin however they are spelled', async () => {
    const { safeReturnPath } = await import('../lib/safe-return.ts');
    for (const bad of ['//evil.example/x', '/.//evil.example/x', '/\\evil.example', 'https://evil.example/', '/%2F%2Fevil.example', 'javascript:alert(1)', '']) {
      const back = safeReturnPath(bad);
      expect(back.startsWith('//'), bad).toBe(false);
      expect(new URL(back, 'https://yilun.test').host).toBe('yilun.test');
    }
    expect(safeReturnPath('/articles/x?sort=new#c12')).toBe('/articles/x?sort=new#c12');
  });
});

describe('how long ago, in China time', () => {
  const now = new Date('2026-03-10T04:00:00Z'); // 12:00 in China
  const at = (iso: string) => relativeChinaTime(new Date(iso), now);
  it('says just now, minutes, hours the same day, yesterday with the time, then the date', () => {
    expect(at('2026-03-10T03:59:30Z')).toEqual({ kind: 'now' });
    expect(at('2026-03-10T04:00:30Z')).toEqual({ kind: 'now' }); // a clock a little ahead
    expect(at('2026-03-10T03:57:00Z')).toEqual({ kind: 'minutes', n: 3 });
    expect(at('2026-03-09T17:00:00Z')).toEqual({ kind: 'hours', n: 11 }); // 01:00 China time, the same day
    expect(at('2026-03-09T15:59:00Z')).toEqual({ kind: 'yesterday', time: '23:59' });
    expect(at('2026-03-08T04:17:00Z')).toEqual({ kind: 'date', text: '03-08 12:17' });
    expect(at('2025-12-31T04:17:00Z')).toEqual({ kind: 'date', text: '2025-12-31 12:17' });
  });
});
