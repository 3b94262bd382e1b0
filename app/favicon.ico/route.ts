import fs from 'node:fs';
import path from 'node:path';

// Browsers ask for /favicon.ico whatever the page links; answer with the site icon.
const icon = fs.readFileSync(path.join(process.cwd(), 'app/icon.svg'));

export function GET() {
  return new Response(icon, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' } });
}
