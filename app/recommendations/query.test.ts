import { modelSpecByKey, DEFAULT_MODEL_KEY, type ModelSpec } from '@/lib/recsys/model-specs';
import { parseRecommendationQuery, recommendationHref } from './query';

const spec = modelSpecByKey(DEFAULT_MODEL_KEY) as ModelSpec;

describe('the watchlist choice in the /recommendations URL', () => {
  it('shows watchlisted movies by default and leaves them out with ?watchlist=hide', () => {
    expect(parseRecommendationQuery({}).filter.watchlist).toBe('show');
    expect(parseRecommendationQuery({ watchlist: 'hide' }).filter.watchlist).toBe('hide');
    expect(parseRecommendationQuery({ watchlist: 'sometimes' }).filter.watchlist).toBe('show');
  });

  it('keeps the choice in links (the default left out)', () => {
    const { filter } = parseRecommendationQuery({ watchlist: 'hide', genre: 'Drama' });
    const href = recommendationHref(spec, filter);
    expect(new URL(href, 'http://x').searchParams.get('watchlist')).toBe('hide');
    expect(
      parseRecommendationQuery(Object.fromEntries(new URL(href, 'http://x').searchParams)).filter,
    ).toEqual(filter);
    expect(recommendationHref(spec, { ...filter, watchlist: 'show' })).not.toContain('watchlist');
  });
});
