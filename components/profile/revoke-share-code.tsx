'use client';

import { useActionState } from 'react';
import { revokeShareCodeAction } from '@/lib/actions/share-codes';
import { idleState } from '@/lib/actions/state';

export function RevokeShareCode({ code }: { code: string }) {
  const [state, action, pending] = useActionState(revokeShareCodeAction, idleState);
  return (
    <form action={action} className="d-flex align-items-center gap-2">
      <input type="hidden" name="code" value={code} />
      <button
        type="submit"
        className="btn btn-sm btn-outline-danger"
        disabled={pending}
        aria-label={`Revoke ${code}`}
      >
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      <span className={`small ${state.status === 'error' ? 'text-danger' : ''}`} aria-live="polite">
        {state.status === 'error' ? state.message : ''}
      </span>
    </form>
  );
}
