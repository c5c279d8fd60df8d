import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { laneKey, serveVisitorsInLanes } from './visitor-lanes';

interface Reply {
  status: number;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A server whose requests stay open until the test lets them finish, recording the order they started in. */
async function heldServer() {
  const started: string[] = [];
  const open = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    started.push(req.url ?? '');
    open.set(req.url ?? '', () => res.end(req.url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    started,
    finish: (url: string) => open.get(url)!(),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('laneKey', () => {
  it('is the visitor cookie as sent, and null with none or for static files', () => {
    expect(laneKey('/profile', 'a=1; visitor=v2.1.2.3.sig; visitor-claim=x')).toBe('v2.1.2.3.sig');
    expect(laneKey('/profile', 'visitor-claim=x')).toBeNull();
    expect(laneKey('/profile', undefined)).toBeNull();
    expect(laneKey('/_next/static/chunks/a.js', 'visitor=v2.1.2.3.sig')).toBeNull();
  });
});

it('starts a visitor’s next request once their previous one is done; other visitors and anonymous pass', async () => {
  const site = await heldServer();
  const undo = serveVisitorsInLanes(http.Server);
  try {
    const a = { cookie: 'visitor=a' };
    const first = get(site.port, '/a1', a);
    await until(() => site.started.length === 1);
    const second = get(site.port, '/a2', a);
    const prefetch = get(site.port, '/a3', { ...a, 'next-router-prefetch': '1' });
    await settle();
    const third = get(site.port, '/a4', a);
    const other = get(site.port, '/b1', { cookie: 'visitor=b' });
    const anonymous = get(site.port, '/anon');
    const asset = get(site.port, '/_next/static/x.js', a);
    await until(() => site.started.length === 4);
    expect(site.started).toEqual(['/a1', '/b1', '/anon', '/_next/static/x.js']);
    for (const url of ['/b1', '/anon', '/_next/static/x.js']) site.finish(url);
    await Promise.all([other, anonymous, asset]);

    site.finish('/a1');
    expect(await first).toEqual({ status: 200, body: '/a1' });
    await until(() => site.started.length === 5);
    // A navigation waiting behind a prefetch goes first.
    site.finish('/a2');
    await until(() => site.started.length === 6);
    site.finish('/a4');
    await until(() => site.started.length === 7);
    site.finish('/a3');
    await Promise.all([second, third, prefetch]);
    expect(site.started.slice(4)).toEqual(['/a2', '/a4', '/a3']);
  } finally {
    undo();
    await site.close();
  }
});

it('answers 429 beyond maxWaiting and 503 after maxWaitMs, with a sentence', async () => {
  const site = await heldServer();
  const undo = serveVisitorsInLanes(http.Server, { maxWaiting: 1, maxWaitMs: 200 });
  try {
    const a = { cookie: 'visitor=a' };
    const first = get(site.port, '/a1', a);
    await until(() => site.started.length === 1);
    const waiting = get(site.port, '/a2', a);
    await settle();
    const refused = await get(site.port, '/a3', a);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/Too many requests at once/);
    const late = await waiting;
    expect(late.status).toBe(503);
    expect(late.body).toMatch(/try again/);
    site.finish('/a1');
    await first;
    expect(site.started).toEqual(['/a1']);
  } finally {
    undo();
    await site.close();
  }
});

it('drops a waiting request whose client went away, and frees the lane when the running one is aborted', async () => {
  const site = await heldServer();
  const undo = serveVisitorsInLanes(http.Server);
  try {
    const a = { cookie: 'visitor=a' };
    const abort = (path: string) => {
      const req = http.request({ host: '127.0.0.1', port: site.port, path, headers: a, agent: false });
      req.on('error', () => undefined);
      req.end();
      return () => req.destroy();
    };
    const stopFirst = abort('/a1');
    await until(() => site.started.length === 1);
    const stopSecond = abort('/a2');
    await settle();
    stopSecond();
    await settle();
    stopFirst();
    const third = get(site.port, '/a3', a);
    await until(() => site.started.length === 2);
    expect(site.started).toEqual(['/a1', '/a3']);
    site.finish('/a3');
    expect((await third).status).toBe(200);
  } finally {
    undo();
    await site.close();
  }
});
