// GET /embed/SITE?url=PAGE&title=TITLE&lang=zh-CN|en&origin=HOST_ORIGIN — the embed's first
// address (public/embed.js puts it in the frame): the thread of the host page, found or made
// (lib/embed/sites.ts), is answered with a redirect to its embedded page; a page the site does
// not allow is answered with a refusal an admin can act on, framed by any page so that it is
// read where the comments would have been (lib/server/front-door.ts).
import { db } from '@/lib/db/client.ts';
import { siteById, threadForPage } from '@/lib/embed/sites.ts';
import { normalOrigin } from '@/lib/embed/canonical-url.ts';
import { isLocale } from '@/i18n/locales.ts';
import { embedRefusal } from '@/lib/embed/refusal.ts';

export async function GET(req: Request, { params }: RouteContext<'/embed/[site]'>) {
  const { site: id } = await params;
  const q = new URL(req.url).searchParams;
  const asked = q.get('lang');
  const site = await siteById(db(), id);
  const lang = isLocale(asked) ? asked : (site?.defaultLocale ?? 'zh-CN');
  if (!site) return embedRefusal(lang, 404, 'unknownSite', { site: id.slice(0, 40) });
  // The host page names its own origin; the browser holds it to that (frame-ancestors).
  const origin = q.get('origin');
  const hostOrigin = origin ? normalOrigin(origin) : null;
  if (hostOrigin && !site.origins.includes(hostOrigin)) return embedRefusal(lang, 403, 'origin', { origin: hostOrigin, name: site.name });
  const found = await threadForPage(db(), site, q.get('url') ?? '', q.get('title'));
  if ('code' in found) {
    return found.code === 'page_origin'
      ? embedRefusal(lang, 403, 'origin', { origin: found.origin, name: site.name })
      : embedRefusal(lang, 400, 'url', { url: (q.get('url') ?? '').slice(0, 200) });
  }
  const sort = q.get('sort');
  const to = `/embed/${site.id}/${lang}/${encodeURIComponent(found.slug)}${sort && /^(top|new|old|hot)$/.test(sort) ? `?sort=${sort}` : ''}`;
  return new Response(null, { status: 303, headers: { Location: to, 'Cache-Control': 'no-store' } });
}
