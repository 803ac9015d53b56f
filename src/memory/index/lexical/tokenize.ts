import { plainChatText, plainChatWord } from "./chat-words.js";

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Frequent English function words that carry no retrieval signal. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
    "himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other " +
    "our ours ourselves out over own same she should so some such than that the their theirs them themselves then there " +
    "these they this those through to too under until up very was we were what when where which while who whom why will " +
    "with would you your yours yourself yourselves im ive id ill youre dont didnt doesnt isnt wasnt also yeah oh hey really " +
    "thats its lets gonna got get"
  ).split(" "),
);

/** Noun and adjective endings folded onto their verb or noun: "adoption" onto "adopt", "education" onto "educate", "natural" onto "nature". */
const DERIVED: Array<[string, string]> = [
  ["ational", "ate"],
  ["ization", "iz"],
  ["ation", "at"],
  ["tion", "t"],
  ["al", ""],
];

function foldDerivation(stem: string): string {
  let w = stem;
  for (let pass = 0; pass < 2 && (w.endsWith("n") || w.endsWith("l")); pass++) {
    const rule = DERIVED.find(([suffix]) => w.endsWith(suffix));
    if (!rule) break;
    let folded = w.slice(0, -rule[0].length) + rule[1];
    if (folded.endsWith("e")) folded = folded.slice(0, -1);
    if (folded.length < 4) break;
    w = folded;
  }
  return w;
}

/** Light English stemmer: folds plurals, possessives, -ing/-ed/-ly endings and -tion/-al derivations so related word forms share a term. */
export function lightStem(word: string): string {
  let w = word.replace(/['’]s$/, "").replace(/['’]/g, "");
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = /(ing|ed|ly)$/.exec(w);
  if (suffix && w.length - suffix[0].length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix[0].length))) {
    w = w.slice(0, -suffix[0].length);
    if (/([^aeiouslz])\1$/.test(w)) w = w.slice(0, -1);
    else if (suffix[0] !== "ly" && /[^aeiou][aeiouy][^aeiouwxy]$/.test(w) && w.length <= 4) w = `${w}e`;
  }
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return foldDerivation(w);
}

/** Lowercased unicode words in their plain chat form (see chat-words), with stopwords removed and light stemming applied. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of plainChatText(text.toLowerCase()).match(WORD) ?? []) {
    const raw = plainChatWord(word);
    const plain = raw.replace(/['’]/g, "");
    if (STOPWORDS.has(plain) || STOPWORDS.has(raw)) continue;
    out.push(lightStem(raw));
  }
  return out;
}
