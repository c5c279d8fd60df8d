import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseUnsupportedMethods } from './refuse-methods';

function request(port: number, method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: '/api/movies', headers: { 'content-length': '0' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('answers TRACE with 405 (and TRACK with a 4xx) before the app sees them, other methods as usual', async () => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.method ?? '');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const undo = refuseUnsupportedMethods(http.Server); // patched after the server exists, as in instrumentation.ts
  try {
    const { port } = server.address() as AddressInfo;
    expect(await request(port, 'TRACE')).toBe(405);
    expect(await request(port, 'TRACK')).toBeGreaterThanOrEqual(400); // Node's parser refuses TRACK itself (400)
    expect(await request(port, 'GET')).toBe(200);
    expect(seen).toEqual(['GET']);
  } finally {
    undo();
    await new Promise((resolve) => server.close(resolve));
  }
});
