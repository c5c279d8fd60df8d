import { NextResponse, type NextRequest } from 'next/server';
import { checkActionBody, isActionRequest } from '@/lib/http/action-request';
import { createNonce, isTlsRequest, securityHeaders } from '@/lib/http/security-headers';
import { CLAIM_COOKIE, CLAIM_MAX_AGE_MS, newClaim, VISITOR_COOKIE } from '@/lib/http/visitor-claim';
import { getEnv } from '@/lib/env';

/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware): refuses malformed server-action calls with a
 * 4xx (Next would answer 500; TRACE is refused earlier, see lib/http/refuse-methods.ts), and adds the security headers with a fresh
 * CSP nonce, which Next.js reads from the forwarded request header and puts on its scripts.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  // Route handlers under /api/ are never server actions; their multipart uploads (profile import, 5 MB) pass.
  if (!request.nextUrl.pathname.startsWith('/api/') && isActionRequest(request.method, request.headers)) {
    const problem = await checkAction(request);
    if (problem) return NextResponse.json({ error: problem.message }, { status: problem.status });
  }
  const options = {
    nonce: createNonce(),
    tls: isTlsRequest(request.url, request.headers.get('x-forwarded-proto'), getEnv().TRUST_PROXY === '1'),
    development: getEnv().NODE_ENV === 'development',
  };
  const headers = securityHeaders(options);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // A page view by a browser with no profile yet: give it a claim (see lib/http/visitor-claim.ts).
  if (
    request.method === 'GET' &&
    !request.nextUrl.pathname.startsWith('/api/') &&
    !request.cookies.has(VISITOR_COOKIE) &&
    !request.cookies.has(CLAIM_COOKIE)
  ) {
    response.cookies.set(CLAIM_COOKIE, newClaim(), {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.tls,
      path: '/',
      maxAge: CLAIM_MAX_AGE_MS / 1000,
    });
  }
  return response;
}

async function checkAction(request: NextRequest) {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > 1024 * 1024) return checkActionBody(request.headers, { size: declared, form: null });
  const bytes = await request.clone().arrayBuffer();
  let form: FormData | null = null;
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    form = await request
      .clone()
      .formData()
      .catch(() => null);
  }
  return checkActionBody(request.headers, { size: bytes.byteLength, form });
}

export const config = {
  // Static files need no CSP nonce (and are served before the proxy would add anything useful).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
