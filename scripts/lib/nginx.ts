// Runs deploy/nginx.conf, as shipped, with its own paths and ports (the nginx test and
// `npm run bench -- --nginx`). Debian's nginx; null when it is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { projectRoot } from './database.ts';

export const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? null;

export async function startNginx(upstream: string, port: number): Promise<{ url: string; stop: () => void }> {
  if (!nginxBinary) throw new Error('nginx is not installed (Debian package nginx)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-nginx-'));
  fs.chmodSync(dir, 0o755);
  const site = fs
    .readFileSync(path.join(projectRoot, 'deploy/nginx.conf'), 'utf8')
    .replace('server 127.0.0.1:3000;', `server ${upstream};`)
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('/var/cache/nginx/yilun', path.join(dir, 'cache'));
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'daemon off;',
      'worker_processes auto;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 4096; }',
      `http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; include ${dir}/site.conf; }`,
    ].join('\n'),
  );
  const check = spawnSync(nginxBinary, ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`deploy/nginx.conf does not load:\n${check.stderr}`);
  const proc = spawn(nginxBinary, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 100) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => {
      proc.kill('SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
