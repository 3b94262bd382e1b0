// The response every request of `npm start` gets (node:http's documented `ServerResponse`
// option, scripts/serve.ts): it carries the front door's decision about its headers
// (`policy`, set in lib/server/front-door.ts before Next runs) and holds to it whatever Next
// sets afterwards. Next decides a page's Cache-Control and Vary itself (an ISR page is
// `s-maxage`, a prefetch `{}` took the public header of the route it was rewritten to: issue
// 19); the front door is the one place that decides what may be shared, and this class is how
// that decision survives the render — one class, no per-request patching of methods.
import http from 'node:http';
import { contentSecurityPolicy } from '../security/csp.js';
import { PUBLIC_CACHE_CONTROL } from '../cache/public-pages.js';

/** What the front door decided about a response's headers. */
export interface HeaderPolicy {
  /** Every page and API answer varies by the reader: merged into whatever Next sets. */
  varyOnReader: boolean;
  /** A signed-in request: its answer is never for a shared cache, even one Next marks `s-maxage`. */
  signedIn: boolean;
  /**
   * Routed to a reader's cached page: public when the answer is that page (200 HTML, or a
   * 304 for it) and the address is the one the cache keys by (`canonical`), else not shared.
   */
  readerPage: { canonical: boolean } | null;
  /** A router request (RSC, prefetch, a server action's refresh): its answer is never public. */
  router: boolean;
  /** An HTML answer without a CSP gets the policy that allows no script (below 500). */
  cspFallback: boolean;
  /**
   * The embed's pages (issue 22): the origins that may frame this answer (its CSP's
   * frame-ancestors, without X-Frame-Options); every other answer may be framed by none.
   */
  frameAncestors?: readonly string[];
}

/** What a page depends on beyond its URL: the session and language cookies, Accept-Language. */
export const READER_VARY = ['Cookie', 'Accept-Language'];
export const NOT_SHARED = 'private, no-store';
const SHARED = /\b(?:public|s-maxage)\b/i;
const HTML = /^text\/html\b/i;

type Value = string | number | readonly string[];

const mergeVary = (value: Value) => {
  const have = (Array.isArray(value) ? value.join(',') : String(value)).split(',').map((s) => s.trim()).filter(Boolean);
  return [...have, ...READER_VARY.filter((v) => !have.some((h) => h.toLowerCase() === v.toLowerCase()))].join(', ');
};

export class YilunResponse<Request extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Request> {
  #policy: HeaderPolicy | null = null;

  /** The front door's decision; the Vary it implies is set at once. */
  set policy(policy: HeaderPolicy) {
    this.#policy = policy;
    if (policy.varyOnReader) super.setHeader('vary', READER_VARY.join(', '));
  }

  override setHeader(name: string, value: Value): this {
    const p = this.#policy;
    const header = name.toLowerCase();
    if (p?.varyOnReader && header === 'vary') value = mergeVary(value);
    else if (p?.signedIn && header === 'cache-control' && SHARED.test(String(value))) value = NOT_SHARED;
    return super.setHeader(name, value);
  }

  // Called for an explicit writeHead and, by node:http, for the implicit one of the first write.
  override writeHead(status: number, ...rest: unknown[]): this {
    if (this.#policy) this.#decide(status, rest.find((r) => r && typeof r === 'object' && !Array.isArray(r)) as Record<string, Value> | undefined);
    return (super.writeHead as (...args: unknown[]) => this)(status, ...rest);
  }

  /** The headers the policy decides, once the status is known (and what Next passed with it). */
  #decide(status: number, given: Record<string, Value> | undefined) {
    const p = this.#policy!;
    const givenKey = (name: string) => (given ? Object.keys(given).find((k) => k.toLowerCase() === name) : undefined);
    const read = (name: string) => {
      const k = givenKey(name);
      return String(this.getHeader(name) ?? (k ? given![k] : '') ?? '');
    };
    const cacheControl = (value: string) => {
      const k = givenKey('cache-control');
      if (k) delete given![k];
      super.setHeader('cache-control', value);
    };
    const type = read('content-type');
    if (p.cspFallback && status < 500 && HTML.test(type) && !read('content-security-policy')) super.setHeader('content-security-policy', contentSecurityPolicy("'none'"));
    if (p.frameAncestors) {
      const ancestors = p.frameAncestors.length ? p.frameAncestors.join(' ') : "'none'";
      const csp = read('content-security-policy');
      if (csp) {
        const k = givenKey('content-security-policy');
        if (k) delete given![k];
        super.setHeader('content-security-policy', /frame-ancestors [^;]*/.test(csp) ? csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`) : `${csp}; frame-ancestors ${ancestors}`);
      }
      const xfo = givenKey('x-frame-options');
      if (xfo) delete given![xfo];
      super.removeHeader('x-frame-options');
    }
    if (p.readerPage) {
      const page = p.readerPage.canonical && ((status === 200 && HTML.test(type)) || status === 304);
      cacheControl(page ? PUBLIC_CACHE_CONTROL : NOT_SHARED);
      return;
    }
    const value = read('cache-control');
    if (!SHARED.test(value)) return;
    // What the app marks public on its own (feeds, a profile's JSON) stays so; a page or router
    // payload, a redirect, anything for a router request or a signed-in one, does not.
    if (p.signedIn || p.router || status >= 300 || /^text\/(?:html|x-component)\b/i.test(type)) cacheControl(NOT_SHARED);
  }
}
