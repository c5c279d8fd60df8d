import Link from 'next/link';
import { getDatabase } from '@/db/client';
import { formatShareCode, listActiveShareCodes, SHARE_CODE_DAYS } from '@/lib/data/share-codes';
import { formatCount } from '@/lib/display';
import { RATING_VALUES } from '@/lib/rating-scale';
import { RevokeShareCode } from './revoke-share-code';
import { ShareCodeForm } from './share-code-form';

const HOUR_MS = 60 * 60 * 1000;

/** "in 7 days", "in 5 hours": how long a code still works, by the server's clock (no hydration mismatch). */
function remaining(expiresAt: Date): string {
  const hours = Math.max(0, (expiresAt.getTime() - Date.now()) / HOUR_MS);
  if (hours >= 36) return `in ${Math.round(hours / 24)} days`;
  if (hours >= 1) return `in ${formatCount(Math.round(hours), 'hour', 'hours')}`;
  return 'within the hour';
}

/**
 * Share codes for movie night: create one for a chosen part of the visitor's ratings; list and revoke them.
 * `ratedCount`: how many ratings the visitor has (the page counted them already).
 */
export async function ShareCodesSection({
  visitorId,
  ratedCount,
}: {
  visitorId: number;
  ratedCount: number;
}) {
  const { db } = await getDatabase();
  const codes = await listActiveShareCodes(db, visitorId);
  return (
    <section aria-labelledby="share-heading">
      <h2 id="share-heading" className="h4">
        Share codes for movie night
      </h2>
      <p className="text-body-secondary">
        A share code lets a friend bring your taste to a <Link href="/movie-night">movie night</Link>. It
        shows only the ratings you choose (not your watchlist or anything else), stops working when it
        expires, and you can revoke it at any time.
      </p>
      {ratedCount === 0 ? (
        <p>Rate a few movies first: there is nothing to share yet.</p>
      ) : (
        <ShareCodeForm
          ratedCount={ratedCount}
          days={SHARE_CODE_DAYS}
          minRatings={RATING_VALUES.filter((r) => r >= 2.5)}
        />
      )}
      <h3 className="h6 mt-4">Your active codes</h3>
      {codes.length === 0 ? (
        <p className="text-body-secondary mb-0">None.</p>
      ) : (
        <ul className="list-group" aria-label="Your active share codes">
          {codes.map((code) => (
            <li key={code.code} className="list-group-item d-flex flex-wrap align-items-center gap-3">
              <code className="fs-5 user-select-all">{formatShareCode(code.code)}</code>
              <span className="me-auto text-body-secondary">
                {formatCount(code.ratingCount, 'rating', 'ratings')} · expires {remaining(code.expiresAt)}
              </span>
              <RevokeShareCode code={formatShareCode(code.code)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
