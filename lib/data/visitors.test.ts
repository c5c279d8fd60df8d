import { describeEachDatabase } from '@/db/test-db';
import { createVisitorForClaim, findVisitor } from './visitors';

const MINUTE = 60_000;

describeEachDatabase('createVisitorForClaim', (current) => {
  it('gives concurrent first writes of one browser (one claim) one profile', async () => {
    const { db } = current();
    const claim = 'claim-concurrent-00000a';
    const visitors = await Promise.all(Array.from({ length: 5 }, () => createVisitorForClaim(db, claim, 10 * MINUTE)));
    expect(new Set(visitors.map((visitor) => visitor.id)).size).toBe(1);
    expect(await findVisitor(db, visitors[0]!.id)).toEqual(visitors[0]);
  });

  it('gives different claims different profiles', async () => {
    const { db } = current();
    const a = await createVisitorForClaim(db, 'claim-a-000000000000000', 10 * MINUTE);
    const b = await createVisitorForClaim(db, 'claim-b-000000000000000', 10 * MINUTE);
    expect(a.id).not.toBe(b.id);
  });

  it('does not hand out the profile of a claim older than maxAgeMs', async () => {
    const { db } = current();
    const first = await createVisitorForClaim(db, 'claim-old-0000000000000', 10 * MINUTE);
    const later = await createVisitorForClaim(db, 'claim-old-0000000000000', 0);
    expect(later.id).not.toBe(first.id);
  });
});
