import Link from 'next/link';
import { measuredQuality } from '@/lib/recsys/evaluation-results';
import { MODEL_GROUPS, PICKER_SPECS, type ModelSpec } from '@/lib/recsys/model-specs';
import { recommendationHref, type RecommendationQuery } from '@/app/recommendations/query';

export interface AlgorithmPickerProps {
  current: ModelSpec;
  filter: RecommendationQuery['filter'];
  /** Model keys that are ready; the others are marked "training". */
  ready: readonly string[];
}

/** The algorithm (and, for NMF, the fill) as links: the choice lives in the URL, so reloads and shared links keep it. */
export function AlgorithmPicker({ current, filter, ready }: AlgorithmPickerProps) {
  const groups = MODEL_GROUPS.map((group) => ({
    ...group,
    specs: PICKER_SPECS.filter((spec) => spec.group === group.key),
  })).filter((group) => group.specs.length > 0);
  const currentGroup = groups.find((group) => group.key === current.group);
  const variants = currentGroup?.specs ?? [];
  const training = (spec: ModelSpec) => !ready.includes(spec.key);
  return (
    <section aria-labelledby="algorithm-heading" className="card mb-3">
      <div className="card-body">
        <h2 id="algorithm-heading" className="h6 text-body-secondary text-uppercase mb-2">
          Algorithm
        </h2>
        <ul className="nav nav-pills flex-wrap gap-1 mb-2" aria-label="Algorithm">
          {groups.map((group) => {
            const active = current.group === group.key;
            // A group's link keeps the current variant, or opens its first one (for NMF the default fill, zeros).
            const spec = active ? current : (group.specs[0] as ModelSpec);
            return (
              <li className="nav-item" key={group.key}>
                <Link
                  className={`nav-link py-1 px-3 ${active ? 'active' : 'border'}`}
                  href={recommendationHref(spec, filter)}
                  aria-current={active ? 'page' : undefined}
                  prefetch={false}
                >
                  {group.label}
                  {group.origin === 'original design' && (
                    <span className="small opacity-75"> · original design</span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
        {variants.length > 1 && (
          <div className="mb-2">
            <span className="small text-body-secondary me-2" id="fill-label">
              {currentGroup?.variantsLabel ?? 'Variant'}:
            </span>
            <div className="btn-group btn-group-sm flex-wrap" role="group" aria-labelledby="fill-label">
              {variants.map((spec) => (
                <Link
                  key={spec.key}
                  className={`btn ${spec.key === current.key ? 'btn-secondary' : 'btn-outline-secondary'}`}
                  href={recommendationHref(spec, filter)}
                  aria-current={spec.key === current.key ? 'page' : undefined}
                  prefetch={false}
                >
                  {spec.variantLabel}
                </Link>
              ))}
            </div>
          </div>
        )}
        <p className="mb-0 small" data-testid="algorithm-description">
          <strong>{current.label}.</strong> {current.description} <Quality spec={current} />
          {training(current) && <span className="badge text-bg-warning ms-2">training…</span>}
        </p>
      </div>
    </section>
  );
}

/** The model's measured ranking quality (the offline evaluation on /about), so the picker is honest about each choice. */
function Quality({ spec }: { spec: ModelSpec }) {
  const row = measuredQuality(spec);
  if (!row) return null;
  return (
    <span className="text-body-secondary" data-testid="model-quality">
      Measured: NDCG@10 {row.ndcgAt10.toFixed(2)}; {Math.round(row.precisionAt10 * 100)}% of its top 10 were
      movies the user had rated 4★ or more and we had hidden (
      <Link href="/about#evaluation">how we measure</Link>).
    </span>
  );
}
