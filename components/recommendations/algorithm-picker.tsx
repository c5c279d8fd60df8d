import Link from 'next/link';
import { findModelSpec, MODEL_SPECS, type ModelSpec } from '@/lib/recsys/model-specs';
import { recommendationHref, type RecommendationQuery } from '@/app/recommendations/query';

export interface AlgorithmPickerProps {
  current: ModelSpec;
  filter: RecommendationQuery['filter'];
  /** Model keys that are ready; the others are marked "training". */
  ready: readonly string[];
}

const GROUPS: { algorithm: string; label: string }[] = [
  { algorithm: 'cosine', label: 'Similar users' },
  { algorithm: 'nmf', label: 'NMF' },
  { algorithm: 'mf', label: 'Biased MF' },
  { algorithm: 'ease', label: 'EASE' },
  { algorithm: 'popular', label: 'Popular' },
];

/** The algorithm (and, for NMF, the fill) as links: the choice lives in the URL, so reloads and shared links keep it. */
export function AlgorithmPicker({ current, filter, ready }: AlgorithmPickerProps) {
  const nmfSpecs = MODEL_SPECS.filter((spec) => spec.algorithm === 'nmf');
  const groups = GROUPS.filter((group) => MODEL_SPECS.some((spec) => spec.algorithm === group.algorithm));
  const training = (spec: ModelSpec) => !ready.includes(spec.key);
  return (
    <section aria-labelledby="algorithm-heading" className="card mb-3">
      <div className="card-body">
        <h2 id="algorithm-heading" className="h6 text-body-secondary text-uppercase mb-2">Algorithm</h2>
        <ul className="nav nav-pills flex-wrap gap-1 mb-2" aria-label="Algorithm">
          {groups.map((group) => {
            const spec = group.algorithm === current.algorithm ? current : (findModelSpec(group.algorithm) as ModelSpec);
            const active = current.algorithm === group.algorithm;
            return (
              <li className="nav-item" key={group.algorithm}>
                <Link
                  className={`nav-link py-1 px-3 ${active ? 'active' : 'border'}`}
                  href={recommendationHref(spec, filter)}
                  aria-current={active ? 'page' : undefined}
                  prefetch={false}
                >
                  {group.label}
                </Link>
              </li>
            );
          })}
        </ul>
        {current.algorithm === 'nmf' && (
          <div className="mb-2">
            <span className="small text-body-secondary me-2" id="fill-label">Unrated cells:</span>
            <div className="btn-group btn-group-sm flex-wrap" role="group" aria-labelledby="fill-label">
              {nmfSpecs.map((spec) => (
                <Link
                  key={spec.key}
                  className={`btn ${spec.key === current.key ? 'btn-secondary' : 'btn-outline-secondary'}`}
                  href={recommendationHref(spec, filter)}
                  aria-current={spec.key === current.key ? 'page' : undefined}
                  prefetch={false}
                >
                  {fillLabel(spec)}
                </Link>
              ))}
            </div>
          </div>
        )}
        <p className="mb-0 small" data-testid="algorithm-description">
          <strong>{current.label}.</strong> {current.description}
          {training(current) && <span className="badge text-bg-warning ms-2">training…</span>}
        </p>
      </div>
    </section>
  );
}

function fillLabel(spec: ModelSpec): string {
  switch (spec.fill) {
    case 'zeros': return 'zeros';
    case 'global-median': return 'global median';
    case 'movie-median': return 'movie median';
    case 'masked': return 'masked (ignored)';
    default: return spec.label;
  }
}
