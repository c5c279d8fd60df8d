import fs from 'node:fs';
import path from 'node:path';

/** The base URL of the site started for this e2e run (no trailing slash), e.g. http://127.0.0.1:41234. */
export function baseUrl(): string {
  if (process.env.E2E_BASE_URL) return process.env.E2E_BASE_URL;
  const file = path.join(process.cwd(), '.tmp', 'e2e-site.json');
  if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { baseUrl: string }).baseUrl;
  throw new Error(
    'No e2e site is running: run the e2e tests with `npm run test:e2e` (jest -c jest.e2e.config.js).',
  );
}

function siteFile(): { baseUrl: string; healthToken?: string } | null {
  const file = path.join(process.cwd(), '.tmp', 'e2e-site.json');
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { baseUrl: string; healthToken?: string })
    : null;
}

/** Headers for the operator view of /api/health (the token global-setup gave the site as HEALTH_TOKEN). */
export function operatorHeaders(): Record<string, string> {
  const token = process.env.E2E_HEALTH_TOKEN ?? siteFile()?.healthToken;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** An absolute URL on the site: url('/movies/1'). */
export function url(pathname: string): string {
  return `${baseUrl()}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
}
