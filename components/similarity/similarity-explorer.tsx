'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { HeatMap } from '@/components/charts/heat-map';
import type { HeatMapData } from '@/lib/recsys/engine';

export interface SimilarityExplorerProps {
  data: HeatMapData;
  count: number;
  selectedUserId: number | null;
}

/** The heat map sized to its column, the "how many users" control, and selection by click (kept in the URL). */
export function SimilarityExplorer({ data, count, selectedUserId }: SimilarityExplorerProps) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState(count);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);

  function go(next: { n?: number; user?: number }) {
    const query = new URLSearchParams(params.toString());
    if (next.n !== undefined) query.set('n', String(next.n));
    if (next.user !== undefined) query.set('user', String(next.user));
    startTransition(() => router.push(`${pathname}?${query.toString()}`, { scroll: false }));
  }

  return (
    <div>
      <form
        className="d-flex flex-wrap align-items-center gap-2 mb-3"
        onSubmit={(event) => {
          event.preventDefault();
          go({ n: draft });
        }}
      >
        <label htmlFor="user-count" className="form-label mb-0 small">
          Users shown
        </label>
        <input
          id="user-count"
          type="range"
          className="form-range"
          style={{ width: 180 }}
          min={10}
          max={50}
          step={5}
          value={draft}
          onChange={(event) => setDraft(Number(event.target.value))}
          onPointerUp={() => go({ n: draft })}
          onKeyUp={(event) => {
            if (event.key.startsWith('Arrow')) go({ n: draft });
          }}
        />
        <output htmlFor="user-count" className="badge text-bg-secondary">
          {draft}
        </output>
        {pending && (
          <span className="spinner-border spinner-border-sm text-secondary" role="status">
            <span className="visually-hidden">Updating…</span>
          </span>
        )}
      </form>
      <div ref={box} className="w-100 overflow-hidden" style={{ minHeight: 200 }}>
        {width > 0 && (
          <HeatMap
            labels={data.users.map((user) => user.label)}
            ids={data.users.map((user) => user.id)}
            similarity={data.similarity}
            shared={data.shared}
            width={Math.min(width, 720)}
            selectedUserId={selectedUserId}
            onSelectUser={(user) => go({ user })}
          />
        )}
      </div>
      <label htmlFor="pick-user" className="form-label small mt-3 mb-1">
        Or pick a user to see their favourites
      </label>
      <select
        id="pick-user"
        className="form-select form-select-sm"
        style={{ maxWidth: 320 }}
        value={selectedUserId ?? ''}
        onChange={(event) => event.target.value && go({ user: Number(event.target.value) })}
      >
        <option value="">Choose a user…</option>
        {data.users
          .filter((user) => user.id !== null)
          .map((user) => (
            <option key={user.id} value={user.id ?? ''}>
              {user.label}
              {user.toVisitor !== null ? ` — similarity ${user.toVisitor.toFixed(2)}` : ''} (
              {user.ratingCount} ratings)
            </option>
          ))}
      </select>
    </div>
  );
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) =>
      setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)),
    );
    observer.observe(element);
    setWidth(Math.floor(element.getBoundingClientRect().width));
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
