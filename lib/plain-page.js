// A page of plain HTML with no script, for the answers given without rendering the app: the
// 503 of an outage (proxy.ts) and the 404 of a cached reader page (lib/cache/handler.js).

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** @param {{ lang: string, site: string, title: string, body: string, link: { href: string, text: string } }} page */
export function plainPage({ lang, site, title, body, link }) {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)} · ${escapeHtml(site)}</title><link rel="stylesheet" href="/unavailable.css"></head><body><header><a class="site-name" href="/">${escapeHtml(site)}</a></header><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p></main></body></html>`;
}
