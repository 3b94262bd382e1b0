// The sites as every embed request reads them: at most once per SITE_TTL_MS per process (a
// change made on /mod/sites is seen at once by the process that made it, within that time by
// the others). No module of Next's here: the front door reads it (frame-ancestors).
import type { Db } from '../db/client.ts';

export interface Site {
  id: string;
  name: string;
  origins: string[];
  keepParams: string[];
  ssoSecret: string;
  jwksUrl: string | null;
  defaultLocale: 'zh-CN' | 'en';
}

const SITE_ID = /^s[a-z0-9]{10}$/;
export const isSiteId = (id: unknown): id is string => typeof id === 'string' && SITE_ID.test(id);

export const SELECT = { id: true, name: true, origins: true, keepParams: true, ssoSecret: true, jwksUrl: true, defaultLocale: true } as const;
export const asSite = (row: { id: string; name: string; origins: string[]; keepParams: string[]; ssoSecret: string; jwksUrl: string | null; defaultLocale: string }): Site => ({
  ...row,
  origins: [...new Set(row.origins)],
  defaultLocale: row.defaultLocale === 'en' ? 'en' : 'zh-CN',
});

/** How long a process trusts what it read of a site (a change shows within this time). */
export const SITE_TTL_MS = 10_000;
export const PAGE_TTL_MS = 60_000;
type Held<T> = { value: T; at: number };
export function memo() {
  const g = globalThis as unknown as { yilunSites?: { sites: Map<string, Held<Site | null>>; pages: Map<string, Held<string>> } };
  return (g.yilunSites ??= { sites: new Map(), pages: new Map() });
}
export function forgetSite(id: string): void {
  memo().sites.delete(id);
  forgetPages(id);
}
export function forgetPages(siteId: string) {
  for (const key of memo().pages.keys()) if (key.startsWith(`${siteId} `)) memo().pages.delete(key);
}

/** The site, read at most once per SITE_TTL_MS per process; null when there is none. */
export async function siteById(prisma: Db, id: string): Promise<Site | null> {
  if (!isSiteId(id)) return null;
  const held = memo().sites.get(id);
  if (held && Date.now() - held.at < SITE_TTL_MS) return held.value;
  const row = await prisma.site.findUnique({ where: { id }, select: SELECT });
  const site = row ? asSite(row) : null;
  const sites = memo().sites;
  if (sites.size > 1000) sites.clear();
  sites.set(id, { value: site, at: Date.now() });
  return site;
}

