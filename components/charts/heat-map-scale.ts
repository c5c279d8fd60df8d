/** The heat map's diverging colour scale: -1 blue, 0 near-white, +1 red (ColorBrewer RdBu ends). */
const NEGATIVE = [33, 102, 172];
const MIDDLE = [247, 247, 247];
const POSITIVE = [178, 24, 43];

export function similarityColor(value: number): string {
  const t = Math.max(-1, Math.min(1, value));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const w = Math.abs(t);
  const [r, g, b] = MIDDLE.map((m, i) => Math.round(m + ((end[i] as number) - m) * w));
  return `rgb(${r}, ${g}, ${b})`;
}

export const SCALE_GRADIENT = `linear-gradient(to right, ${similarityColor(-1)}, ${similarityColor(-0.5)}, ${similarityColor(0)}, ${similarityColor(0.5)}, ${similarityColor(1)})`;
