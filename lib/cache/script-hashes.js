// The hashes that let a cached page run its inline scripts, and nothing else.
//
// A hash of every <script> found in the HTML would bless an injected one too. So each
// inline script must be one Next.js writes: the flight-data bootstrap, a chunk of the
// page's own RSC payload, or Turbopack's chunk list. The chunks, joined, must equal the
// payload that React rendered (kept beside the HTML in the cache entry), so a script that
// only looks like one adds text that is not in the payload and fails the check. If any
// script fails, the page gets no hashes: it still reads fine, without JavaScript.
import crypto from 'node:crypto';

const FLIGHT_BOOTSTRAP = '(self.__next_f=self.__next_f||[]).push([0])';
const FLIGHT_CHUNK = /^self\.__next_f\.push\((\[1,"(?:[^"\\]|\\.)*"\])\)$/s;
const TURBOPACK_CHUNKS = /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\((\{"otherChunks":\["static\/chunks\/[\w.-]+\.js"(?:,"static\/chunks\/[\w.-]+\.js")*\],"runtimeModuleIds":\[\d+(?:,\d+)*\]\})\);?$/;

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * @param {string} html the page
 * @param {string} payload its RSC payload
 * @returns {string[] | null} CSP hash sources, or null when an inline script is not Next's
 */
export function inlineScriptHashes(html, payload) {
  const hashes = new Set();
  let flight = '';
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(attrs) && body === '') continue; // a file of this origin: 'self'
    if (body === FLIGHT_BOOTSTRAP || TURBOPACK_CHUNKS.test(body)) {
      hashes.add(sha256(body));
      continue;
    }
    const chunk = FLIGHT_CHUNK.exec(body);
    if (!chunk) return null;
    flight += JSON.parse(chunk[1])[1];
    hashes.add(sha256(body));
  }
  return flight === payload ? [...hashes] : null;
}
