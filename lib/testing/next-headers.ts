/**
 * `next/headers` for tests of server actions and route handlers, outside a Next.js request:
 *   jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
 * then `cookieJar` is the browser's cookie jar as server code reads and writes it (with the options it set), and
 * `requestHeaders` the request's headers (a test that plays several clients sets x-forwarded-for there).
 */
export interface JarCookie {
  value: string;
  options?: Record<string, unknown>;
}

export const cookieJar = new Map<string, JarCookie>();

export const requestHeaders = new Headers({ host: 'movies.example.org' });

export async function cookies() {
  return {
    get: (name: string) => {
      const cookie = cookieJar.get(name);
      return cookie ? { name, value: cookie.value } : undefined;
    },
    set: (name: string, value: string, options?: Record<string, unknown>) => {
      cookieJar.set(name, options ? { value, options } : { value });
    },
    delete: (name: string) => cookieJar.delete(name),
  };
}

export async function headers() {
  return new Headers(requestHeaders);
}
