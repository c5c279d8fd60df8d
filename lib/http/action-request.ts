/**
 * Server-action requests Next.js would answer with a 500 (issue 13, item 9), refused by proxy.ts with a 4xx before
 * any action runs. Every action of this site takes `(previousState, formData)` (lib/actions: keep it so) and is
 * called that way, so the browser always sends a multipart reply whose root field "0" is
 * `[previousState, "$K<n>"]` (the state and a FormData reference).
 * Anything else is a hand-made request: a root that is not that shape (`0=[]`, `[null,{}]`), a text body, or the
 * no-JS `$ACTION_ID_` form (our forms post `$ACTION_REF_` instead), or a body over Next's 1 MB limit.
 */

export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024; // Next.js' default serverActions.bodySizeLimit

export type ActionProblem = { status: 400 | 413; message: string } | null;

/** Is this a server-action call at all? (a POST with Next-Action, or a multipart POST to a page) */
export function isActionRequest(method: string, headers: Headers): boolean {
  if (method !== 'POST') return false;
  return headers.has('next-action') || (headers.get('content-type') ?? '').startsWith('multipart/form-data');
}

export function checkActionBody(
  headers: Headers,
  body: { size: number; form: FormData | null },
): ActionProblem {
  if (body.size > ACTION_BODY_LIMIT_BYTES) return { status: 413, message: 'The request body is over 1 MB.' };
  const form = body.form;
  if (!headers.has('next-action')) {
    // No-JS submissions: only the `$ACTION_REF_` forms React renders for useActionState are ours.
    if (form && [...form.keys()].some((key) => key.startsWith('$ACTION_ID_')))
      return { status: 400, message: 'Malformed form submission.' };
    return null;
  }
  if (!form) return { status: 400, message: 'Malformed action arguments.' };
  const root = form.get('0');
  let args: unknown;
  try {
    args = typeof root === 'string' ? JSON.parse(root) : null;
  } catch {
    args = null;
  }
  const ok =
    Array.isArray(args) &&
    args.length === 2 &&
    typeof args[0] === 'object' &&
    args[0] !== null &&
    !Array.isArray(args[0]) &&
    typeof args[1] === 'string' &&
    /^\$K[0-9a-f]+$/.test(args[1]);
  return ok ? null : { status: 400, message: 'Malformed action arguments.' };
}
