const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;
const MONTH_ABBR: Record<string, string> = {
  jan: "january",
  feb: "february",
  mar: "march",
  apr: "april",
  jun: "june",
  jul: "july",
  aug: "august",
  sep: "september",
  sept: "september",
  oct: "october",
  nov: "november",
  dec: "december",
};
const ABBR = Object.keys(MONTH_ABBR).join("|");
const MONTH = `${MONTHS.join("|")}|${ABBR}`;

const NUMBER_WORDS: Record<string, string> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  seventy: "70",
  eighty: "80",
  ninety: "90",
  hundred: "100",
  first: "1",
  second: "2",
  third: "3",
  fourth: "4",
  fifth: "5",
  sixth: "6",
  seventh: "7",
  eighth: "8",
  ninth: "9",
  tenth: "10",
  eleventh: "11",
  twelfth: "12",
};
const KEEP_S = /(ss|us|is|os)$/;

const fullMonth = (m: string): string => MONTH_ABBR[m.replace(".", "")] ?? m;

function normalizeDates(text: string): string {
  return text
    .replace(/\b(\d{4})-(\d{2})-(\d{2})(?:t[\d:.]+z?)?\b/g, (whole, y: string, m: string, d: string) => {
      const month = MONTHS[Number(m) - 1];
      return month ? `${Number(d)} ${month} ${y}` : whole;
    })
    .replace(new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b,?`, "g"), (_w, m: string, d: string) => `${d} ${fullMonth(m)}`)
    .replace(
      new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${MONTH})\\b\\.?`, "g"),
      (_w, d: string, m: string) => `${d} ${fullMonth(m)}`,
    );
}

function normalizeToken(token: string): string {
  const number = NUMBER_WORDS[token];
  if (number !== undefined) return number;
  if (/^\d/.test(token)) return token;
  if (token.length > 4 && token.endsWith("ies")) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith("s") && !KEEP_S.test(token)) return token.slice(0, -1);
  return token;
}

/** Tokens of `text` after case, accent, punctuation, date, number and simple plural normalisation. */
export function normalizeTokens(text: string): string[] {
  let t = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  t = normalizeDates(t);
  t = t
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\b(\d+)(?:st|nd|rd|th)\b/g, "$1")
    .replace(/\b(\d+)k\b/g, "$1000")
    .replace(/['\u2019\u02bc]/g, "");
  return t
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(normalizeToken);
}

/** `text` normalised as by {@link normalizeTokens}, joined by single spaces. */
export function normalizeText(text: string): string {
  return normalizeTokens(text).join(" ");
}

/** True when the normalised phrase occurs as whole tokens inside the normalised haystack. */
export function containsPhrase(normalizedHaystack: string, phrase: string): boolean {
  const needle = normalizeText(phrase);
  if (needle === "") return false;
  return ` ${normalizedHaystack} `.includes(` ${needle} `);
}
