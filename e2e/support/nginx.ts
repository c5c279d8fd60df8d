import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './site-harness';

/**
 * A real reverse proxy for the multi-instance test: Debian's nginx (installed by .ci/run), one process
 * (`master_process off`, so it needs no user switch as root), its config, temp files and log in a temp folder,
 * round-robin over the given upstreams. Every answer says which upstream made it (`X-Upstream`).
 */

export const NGINX_PATH = process.env.NGINX_PATH || '/usr/sbin/nginx';

export function isNginxAvailable(): boolean {
  return fs.existsSync(NGINX_PATH);
}

export interface Nginx {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startNginx(options: { upstreams: string[] }): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-nginx-'));
  const port = await freePort();
  const servers = options.upstreams.map((url) => `server ${new URL(url).host};`).join('\n    ');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream site {
    ${servers}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://site;
      proxy_http_version 1.1;
      # Host with its port: Next.js checks a server action's Origin against it.
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child = spawn(NGINX_PATH, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const log = () =>
    `${stderr}${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`;

  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`nginx did not start on port ${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    async stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-(child.pid as number), 'SIGQUIT');
        } catch {
          // already gone
        }
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
