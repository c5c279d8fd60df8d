/**
 * Short names fans type that the titles cannot give: the search derives acronyms from titles itself ("lotr" from
 * "Lord of the Rings: …", "potc", "tmnt", "esb" from "Star Wars: Episode V - The Empire Strikes Back"), but only
 * of three letters or more and only within one title, so series known by two letters or by a number are listed
 * here. Each entry is a query word and the words it stands for; a match through one ranks below matches as typed.
 * Checked against data/ml-latest-small by lib/search/search-index.real-data.test.ts.
 */
export const SEARCH_ALIASES: Readonly<Record<string, string>> = {
  hp: 'harry potter',
  sw: 'star wars',
  mi: 'mission impossible',
  jp: 'jurassic park',
  t2: 'terminator 2',
};
