// The page cache: Yilun's own handler on Next.js's documented `cacheHandler` interface (get,
// set, revalidateTag, resetRequestCache; docs/decisions/009-page-cache-handler.md), with its
// own tags (lib/cache/tag-state.js). Nothing of Next's internals is imported.
//
// Where entries live: files under `.next/cache/yilun/GENERATION/` (written once, read by every
// worker of the machine: one copy, in the operating system's page cache), and in each worker
// a small bounded memory of the most read ones. A new start begins a new generation (the
// database may have changed while the site was down); the old ones are removed.
//
// One duty is added for the pages anonymous readers share (app/cached): they are stored as
// the documents a browser needs, without Next's scripts. No client component renders on those
// pages (members' forms and buttons live in the routes rendered per request), and their
// links are plain links, so hydrating them would do nothing but cost every reader about
// 135 kB of JavaScript and an inline RSC payload as large as the HTML itself. The RSC payload
// stays in the entry for the client router. With no script left, the page's
// Content-Security-Policy allows none, stored with the entry.
import { contentSecurityPolicy, hashPolicy } from '../security/csp.js';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { plainPage } from '../plain-page.js';
import crypto from 'node:crypto';
import { CACHED_PREFIX, FRAMED_PREFIX, SHELL_PREFIX } from './public-pages.js';
import { tagVerdict, markTags } from './tag-state.js';

const messages = Object.fromEntries(
  ['zh-CN', 'en'].map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8'))]),
);

/** A page entry's key ends in its path (`/route-cache/APP_PAGE/…/$/cached/LOCALE/…` in Next 16). */
const READER_KEY = new RegExp(`(?:^|/\\$)(?:${CACHED_PREFIX}|${FRAMED_PREFIX})/(zh-CN|en)/`);
const readerPageLocale = (key) => READER_KEY.exec(key)?.[1] ?? null;
/** The embedded threads readers share (app/framed) are readers' pages too, with the frame's script. */
const FRAMED_KEY = new RegExp(`(?:^|/\\$)${FRAMED_PREFIX}/(?:zh-CN|en)/`);

/**
 * Next renders a 404 as an empty shell that its scripts fill in; a reader's page has no
 * scripts, so its 404 is this page instead, in the page's language.
 */
function notFoundDocument(locale) {
  const m = messages[locale];
  return plainPage({ lang: locale, site: m.site.name, title: m.errors.notFoundTitle, body: m.errors.notFoundBody, link: { href: '/', text: m.errors.home } });
}

/**
 * The page without its scripts and script preloads. React escapes `<` in text and Next in
 * inline data, so no `</script>` can occur inside one, and no `<script` tag outside Next's.
 * Structured data stays: it is data, never run (lib/feeds/json-ld.ts escapes its `<`).
 */
export function withoutScripts(html) {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script>/g, (whole, attrs) => (/\btype="application\/ld\+json"/.test(attrs) ? whole : ''))
    .replace(/<link\b[^>]*\bas="script"[^>]*>/g, '');
}

const LIVE_SCRIPT = '<script src="/live.js" defer></script>';

const FRAME_SCRIPT = '<script src="/embed-frame.js" defer></script>';

/**
 * A thread page gets the live script (new comments, like counts, removals), nothing else; an
 * embedded one also the frame's (resize, theme, sign-in: public/embed-frame.js).
 */
export function withLiveScript(html, framed = false) {
  const scripts = `${html.includes('data-live-thread=') ? LIVE_SCRIPT : ''}${framed ? FRAME_SCRIPT : ''}`;
  return scripts ? html.replace('</body>', `${scripts}</body>`) : html;
}

/** A key of the members' shared pages (app/shell, lib/cache/member-shell.ts). */
const SHELL_KEY = new RegExp(`(?:^|/\\$)${SHELL_PREFIX}/(?:zh-CN|en)/`);
const isShellKey = (key) => SHELL_KEY.test(key);

/**
 * A members' shared page keeps its scripts (it has forms), which a page rendered once cannot
 * allow by the nonce of one request. Its policy allows exactly its own inline scripts, by the
 * SHA-256 of their text, computed once when the page is stored, and script files from this
 * site: a script written into a comment matches no hash (React escapes `<` in text, so none
 * can even form a tag). Nothing in the page is rewritten, on store or on read.
 */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1]) || /\btype="application\/ld\+json"/.test(m[1]) || m[2] === '') continue;
    hashes.push(crypto.createHash('sha256').update(m[2], 'utf8').digest('base64'));
  }
  return hashes;
}

/** Bytes a worker keeps in memory of the most read entries, and how many entries at most. */
export const MEMORY_BYTES = 24 * 1024 * 1024;
export const MEMORY_ENTRIES = 400;
/** Bytes of entries on disk per machine (per generation); past it the least recently written go. */
export const DISK_BYTES = 512 * 1024 * 1024;

/** The header in which Next gives a page's tags (documented: "Index entries by tag"). */
const TAGS_HEADER = 'x-next-cache-tags';

/**
 * @typedef {{ value: any; lastModified: number; cacheControl?: { revalidate?: number | false; expire?: number }; tags: string[] }} Entry
 */

/** This process's store: the memory tier (a Map in least-recently-read order) and the disk. */
function store() {
  const g = /** @type {any} */ (globalThis);
  if (!g.yilunPageStore) {
    g.yilunPageStore = { memory: new Map(), bytes: 0, dir: null, written: 0, sweeping: false };
  }
  return g.yilunPageStore;
}

/** The generation's folder: named after the process that started the workers (scripts/serve.ts). */
function folder(serverDistDir) {
  const s = store();
  if (s.dir) return s.dir;
  const generation = String(cluster.isWorker ? process.ppid : process.pid);
  s.dir = path.join(serverDistDir ?? path.join(process.cwd(), '.next', 'server'), '..', 'cache', 'yilun', generation);
  fs.mkdirSync(s.dir, { recursive: true });
  return s.dir;
}

const fileOf = (dir, key) => path.join(dir, crypto.createHash('sha256').update(key).digest('hex'));

/** How many bytes an entry holds (its HTML, RSC payload and segments). */
function sizeOf(value) {
  if (!value) return 64;
  let n = 256;
  if (typeof value.html === 'string') n += value.html.length * 2;
  if (value.rscData) n += value.rscData.length;
  if (value.body) n += value.body.length ?? 0;
  if (value.segmentData instanceof Map) for (const v of value.segmentData.values()) n += v?.length ?? 0;
  if (value.kind === 'FETCH') n += JSON.stringify(value.data ?? null).length;
  return n;
}

function remember(key, entry) {
  const s = store();
  forget(key);
  const bytes = sizeOf(entry.value);
  if (bytes > MEMORY_BYTES / 4) return;
  s.memory.set(key, { entry, bytes });
  s.bytes += bytes;
  while (s.bytes > MEMORY_BYTES || s.memory.size > MEMORY_ENTRIES) {
    const [oldest, held] = s.memory.entries().next().value;
    s.memory.delete(oldest);
    s.bytes -= held.bytes;
  }
}

function forget(key) {
  const s = store();
  const held = s.memory.get(key);
  if (held) {
    s.memory.delete(key);
    s.bytes -= held.bytes;
  }
}

/**
 * Keeps the generation's folder under DISK_BYTES: the least recently written files go first.
 * Run behind the store that asked for it (never awaited by a render), one sweep at a time.
 */
async function sweep(dir) {
  const s = store();
  if (s.sweeping) return;
  s.sweeping = true;
  try {
    const names = await fs.promises.readdir(dir);
    const files = (await Promise.all(names.map((name) => fs.promises.stat(path.join(dir, name)).then((st) => ({ name, size: st.size, at: st.mtimeMs }), () => null)))).filter(Boolean);
    let total = files.reduce((a, f) => a + f.size, 0);
    if (total <= DISK_BYTES) return;
    files.sort((a, b) => a.at - b.at);
    for (const f of files) {
      if (total <= DISK_BYTES * 0.8) break;
      await fs.promises.rm(path.join(dir, f.name), { force: true });
      total -= f.size;
    }
  } catch {
    // The folder went (a new start removed it): nothing to keep small.
  } finally {
    s.sweeping = false;
  }
}

/**
 * A generation is named after the process that starts the workers (its pid): when one starts,
 * the folders of processes that are gone are removed, and any left under its own pid by an
 * earlier process (several servers may share a checkout, as the tests' do; each keeps its own).
 */
export function newGeneration(distDir) {
  const root = path.join(distDir, 'cache', 'yilun');
  for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const pid = Number(name);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {}
    if (!alive) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
  return String(process.pid);
}

/** The tags an entry answers to: a page's from its header, a cached function's from the call. */
function tagsOf(value, ctx) {
  if (!value) return [];
  if (value.kind === 'FETCH') return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? []), ...(value.tags ?? [])];
  const header = value.headers?.[TAGS_HEADER];
  return typeof header === 'string' ? header.split(',') : [];
}

export default class YilunCacheHandler {
  /** @param {{ serverDistDir?: string; revalidatedTags?: string[] }} options */
  constructor(options = {}) {
    this.serverDistDir = options.serverDistDir;
    this.revalidatedTags = options.revalidatedTags ?? [];
  }

  /** @returns {Promise<Entry | null>} */
  async read(key) {
    const held = store().memory.get(key);
    if (held) {
      // Most recently read last.
      store().memory.delete(key);
      store().memory.set(key, held);
      return held.entry;
    }
    let bytes;
    try {
      bytes = await fs.promises.readFile(fileOf(folder(this.serverDistDir), key));
    } catch {
      return null;
    }
    try {
      const entry = v8.deserialize(bytes);
      if (entry?.key !== key) return null;
      const found = { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl, tags: entry.tags ?? [] };
      remember(key, found);
      return found;
    } catch {
      return null;
    }
  }

  async get(key, ctx) {
    const entry = await this.read(key);
    if (!entry) return null;
    const tags = [...entry.tags, ...tagsOf(entry.value, ctx)];
    if (tags.some((t) => this.revalidatedTags.includes(t))) return null;
    const verdict = tagVerdict(tags, entry.lastModified);
    // Expired: the reader waits for a fresh render.
    if (verdict === 'expired') return null;
    const value = entry.value;
    let lastModified = entry.lastModified;
    if (verdict === 'stale') {
      // A cached function is cheap to run again; a page is served once more while a fresh one
      // renders behind it: its age is made past its revalidation time.
      if (!value || value.kind === 'FETCH') return null;
      const revalidate = typeof entry.cacheControl?.revalidate === 'number' ? entry.cacheControl.revalidate : 1;
      lastModified = Math.min(lastModified, Date.now() - revalidate * 1000 - 1);
    }
    return { lastModified, cacheControl: entry.cacheControl, value };
  }

  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string' && isShellKey(key)) {
      data.headers ??= {};
      data.headers['content-security-policy'] = hashPolicy(inlineScriptHashes(data.html));
    }
    const locale = readerPageLocale(key);
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string' && locale) {
      data.html = data.status === 404 ? notFoundDocument(locale) : withLiveScript(withoutScripts(data.html), FRAMED_KEY.test(key));
      data.headers ??= {};
      // The scripts a reader's page may carry: /live.js (and the frame's), from this site (never inline).
      data.headers['content-security-policy'] = contentSecurityPolicy(data.html.includes('<script src="/') ? "'self'" : "'none'");
    }
    const dir = folder(this.serverDistDir);
    const file = fileOf(dir, key);
    // A page that is not there is sent (as changed above) but never kept: any address can be
    // made up, and each made-up slug or comment id would otherwise stay in the cache.
    if (!data || (data.kind === 'APP_PAGE' && data.status === 404 && (locale || isShellKey(key)))) {
      forget(key);
      await fs.promises.rm(file, { force: true });
      return;
    }
    const entry = { key, value: data, lastModified: Date.now(), cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl, tags: data.kind === 'FETCH' ? [...(ctx?.tags ?? [])] : [] };
    remember(key, { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl, tags: entry.tags });
    // Written whole, then renamed: another worker never reads half an entry.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    try {
      await fs.promises.writeFile(tmp, v8.serialize(entry));
      await fs.promises.rename(tmp, file);
    } catch {
      await fs.promises.rm(tmp, { force: true }).catch(() => {});
    }
    const s = store();
    if (++s.written % 200 === 0) void sweep(dir);
  }

  /** What Next's revalidateTag and revalidatePath call: `durations` as Next passes them. */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    if (!list.length) return;
    // With durations, stale now and expired after `expire` seconds (0: now); without, expired now.
    if (durations && durations.expire !== undefined && durations.expire > 0) {
      markTags(list, 'stale');
      const at = Date.now() + durations.expire * 1000;
      setTimeout(() => markTags(list, 'expired', at), durations.expire * 1000).unref?.();
      return;
    }
    markTags(list, durations && durations.expire === undefined ? 'stale' : 'expired');
  }

  resetRequestCache() {}
}
