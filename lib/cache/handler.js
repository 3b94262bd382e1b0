// Next.js's own page cache (the file-system cache, kept in memory), plus one duty: a cached
// page carries its Content-Security-Policy, with the hashes of its inline scripts, since a
// per-request nonce cannot live in a page that is rendered once. The header is stored with
// the entry, so every reader of the entry gets it (the first one included: Next sends the
// headers of the entry it has just stored).
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { contentSecurityPolicy } from '../security/csp.js';
import { inlineScriptHashes } from './script-hashes.js';

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;

export default class YilunCacheHandler extends FileSystemCache {
  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string') {
      const payload = Buffer.isBuffer(data.rscData) ? data.rscData.toString('utf8') : '';
      const hashes = inlineScriptHashes(data.html, payload);
      if (!hashes) console.error(`[yilun] ${key}: an inline script is not Next's; the page is served without scripts`);
      data.headers ??= {};
      data.headers['content-security-policy'] = contentSecurityPolicy(hashes ?? []);
    }
    return super.set(key, data, ctx);
  }
}
