// The production server (scripts/serve.ts) as one plain ES module, so that its processes run
// without tsx. Under `node --import tsx`, Node sends every dynamic import() through tsx's
// loader thread, and Next imports the cache handler that way on every request: a profile of
// member writes put 5–9 % of a worker's time there, and the loader thread is a second V8 heap
// in each worker. Bundling takes esbuild some 20 ms, so it is done at every start (never
// stale); what every way of starting the server runs (npm start, the tests, the bench).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from './database.ts';

const SOURCE = path.join(projectRoot, 'scripts', 'serve.ts');
const OUT_DIR = path.join(projectRoot, 'node_modules', '.cache', 'yilun');

/**
 * The project's plain JavaScript modules (lib/cache/handler.js, its tag state, …) stay outside
 * the bundle, imported by their absolute URL: Next imports the same files (the cache handler,
 * next.config.js's imports), and one file must be one module, or the server and Next would
 * each keep a tag state of their own.
 */
const sharedJs: Plugin = {
  name: 'yilun-shared-js',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith('.')) return undefined;
      const file = path.resolve(args.resolveDir, args.path);
      return fs.existsSync(file) ? { path: pathToFileURL(file).href, external: true } : undefined;
    });
  },
};

/** Bundles scripts/serve.ts and returns the file to run with plain `node`. */
export async function serverEntry(): Promise<string> {
  const result = await build({
    entryPoints: [SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [sharedJs],
    // What serve.ts finds beside itself (the project, .next) stays where serve.ts is.
    define: { 'import.meta.dirname': JSON.stringify(path.dirname(SOURCE)) },
  });
  const code = result.outputFiles[0].contents;
  const file = path.join(OUT_DIR, `serve-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    // Whole or not at all: several starts may bundle at once.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  return file;
}

/** How to start the server: `spawn(process.execPath, await serverArgs())`. */
export async function serverArgs(): Promise<string[]> {
  return [await serverEntry()];
}
