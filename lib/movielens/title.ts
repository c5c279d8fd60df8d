/**
 * Splits a MovieLens title into the title and its release year. Most titles end in "(1995)"; some have trailing
 * spaces, a range for series ("(2006–2007)", en dash or hyphen; the first year is kept), or no year at all
 * ("Babylon 5"): those get `year: null`, never an error.
 */
const TRAILING_YEAR = /\((\d{4})(?:\s*[–-]\s*(?:\d{4})?)?\)$/;

export function parseTitle(raw: string): { title: string; year: number | null } {
  const title = raw.trim();
  const match = TRAILING_YEAR.exec(title);
  if (!match) return { title, year: null };
  const year = Number(match[1]);
  // A smallint column, and a plausible film year; anything else is part of the title, not a year.
  return { title, year: year >= 1800 && year <= 2999 ? year : null };
}
