import { isCrossSiteRequest } from './cross-site';

const request = (headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/profile/import', { method: 'POST', headers });

describe('isCrossSiteRequest', () => {
  it('lets programs (no browser headers) and same-origin pages through', () => {
    expect(isCrossSiteRequest(request({ host: '127.0.0.1:3000' }))).toBe(false);
    expect(
      isCrossSiteRequest(
        request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
      ),
    ).toBe(false);
  });

  it('refuses a form posted from another site, or from a sibling subdomain', () => {
    expect(isCrossSiteRequest(request({ host: 'movies.example', 'sec-fetch-site': 'cross-site' }))).toBe(
      true,
    );
    expect(isCrossSiteRequest(request({ host: 'movies.example', 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossSiteRequest(request({ host: 'movies.example', origin: 'https://evil.example' }))).toBe(
      true,
    );
    expect(isCrossSiteRequest(request({ host: 'movies.example', origin: 'null' }))).toBe(true);
  });
});
