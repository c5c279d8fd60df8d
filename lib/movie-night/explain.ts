import { starsText } from '@/lib/display';
import type { GroupPick, GroupStrategy } from '@/lib/recsys/group';

/** The strategies as the page names and explains them. */
export const STRATEGY_LABELS: Record<GroupStrategy, { label: string; description: string }> = {
  average: { label: 'Average', description: 'the highest predicted rating on average' },
  'average-without-misery': {
    label: 'Average without misery',
    description:
      'leave out anything someone is predicted to rate below the threshold, then the highest average',
  },
  'least-misery': { label: 'Least misery', description: 'the movie the least keen person likes most' },
};

/**
 * Why a movie is the group's pick, in one line: "everyone 3.5★ or more; the keenest 4.6★ (Ann)", with the mean
 * first under the average strategies. A rounded star figure never claims more than the prediction: the minimum is
 * rounded down to the tenth.
 */
export function groupPickText(pick: GroupPick, names: readonly string[], strategy: GroupStrategy): string {
  const floor = Math.floor(pick.min * 10 + 1e-9) / 10;
  const keenest = names[pick.keenest] ?? `person ${pick.keenest + 1}`;
  const parts = [`everyone ${starsText(floor)} or more`, `the keenest ${starsText(pick.max)} (${keenest})`];
  if (pick.min === pick.max) return `everyone ${starsText(pick.max)}`;
  const mean = `${starsText(Math.round(pick.mean * 10) / 10)} on average`;
  return strategy === 'least-misery' ? parts.join('; ') : `${mean}: ${parts.join('; ')}`;
}
