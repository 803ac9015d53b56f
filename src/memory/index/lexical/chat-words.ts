/** Number words up to twenty, and tens, as digits, so "two kids" and "2 kids" share a term. */
const NUMBERS = new Map<string, string>([
  ..."zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    .split(" ")
    .map((w, i): [string, string] => [w, String(i)]),
  ..."thirty forty fifty sixty seventy eighty ninety".split(" ").map((w, i): [string, string] => [w, String((i + 3) * 10)]),
  ["hundred", "100"],
  ["thousand", "1000"],
]);

/** Chat shorthand and British spellings as the word they stand for. */
const SHORTHAND = new Map<string, string>(
  Object.entries({
    bday: "birthday",
    tmrw: "tomorrow",
    tmr: "tomorrow",
    ppl: "people",
    luv: "love",
    fav: "favorite",
    fave: "favorite",
    favourite: "favorite",
    colour: "color",
    neighbour: "neighbor",
    gf: "girlfriend",
    bf: "boyfriend",
    bro: "brother",
    sis: "sister",
    pic: "picture",
    pics: "pictures",
    pix: "pictures",
    wanna: "want",
    thx: "thanks",
    thanx: "thanks",
    pls: "please",
    plz: "please",
    bc: "because",
    cuz: "because",
    coz: "because",
    b4: "before",
    hubby: "husband",
    grandma: "grandmother",
    grandpa: "grandfather",
    mom: "mother",
    mum: "mother",
    dad: "father",
    vacay: "vacation",
    convo: "conversation",
  }),
);

const PLAIN = new Map([...NUMBERS, ...SHORTHAND]);

/** Emoji as the word they usually stand for in chat. */
const EMOJI_WORDS = new Map<string, string>(
  Object.entries({
    "❤": "love",
    "😍": "love",
    "🥰": "love",
    "😂": "funny",
    "🤣": "funny",
    "😢": "sad",
    "😭": "sad",
    "😡": "angry",
    "🎉": "celebrate",
    "🎂": "birthday",
    "🐶": "dog",
    "🐕": "dog",
    "🐱": "cat",
    "🐈": "cat",
    "🍕": "pizza",
    "☕": "coffee",
    "🍺": "beer",
    "🍷": "wine",
    "⚽": "soccer",
    "🏀": "basketball",
    "🎸": "guitar",
    "🎮": "game",
    "📚": "book",
    "✈": "flight",
    "🏖": "beach",
    "🏃": "run",
    "💪": "workout",
    "🎨": "paint",
    "📷": "photo",
    "🎵": "music",
    "🎶": "music",
    "👶": "baby",
    "💍": "engaged",
    "🏠": "home",
    "🚗": "car",
    "🤒": "sick",
    "😴": "sleep",
  }),
);

const EMOJI = new RegExp(`(?:${[...EMOJI_WORDS.keys()].join("|")})`, "gu");
const ELONGATED_WORD = /\p{L}*(\p{L})\1\1\p{L}*/gu;
/** Doubled letters that end real words often ("still", "off"), so a folded elongation keeps them. */
const KEPT_DOUBLE_END = /(ll|ff)$/;

/** Folds a run of three or more of one letter to two ("gooood" to "good"), and then a doubled last letter to one ("sooo" to "so", "yesss" to "yes"). */
export function foldElongation(word: string): string {
  const folded = word.replace(/(\p{L})\1{2,}/gu, "$1$1");
  if (folded === word) return word;
  return /(\p{L})\1$/u.test(folded) && !KEPT_DOUBLE_END.test(folded) ? folded.slice(0, -1) : folded;
}

/** Lowercase chat text with its elongated words folded and known emoji written as their word ("🎂" as "birthday"). */
export function plainChatText(text: string): string {
  const { symbols, triples } = scan(text);
  const words = symbols ? text.replace(EMOJI, (e) => ` ${EMOJI_WORDS.get(e)} `) : text;
  return triples ? words.replace(ELONGATED_WORD, foldElongation) : words;
}

/** Whether a text has characters from the symbol and emoji blocks, and a character three times in a row (one pass, no regex). */
function scan(text: string): { symbols: boolean; triples: boolean } {
  let symbols = false;
  let triples = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2600) symbols = true;
    else if (c > 0x40 && c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) triples = true;
  }
  return { symbols, triples };
}

/** A word of plainChatText in the form shared with its other spellings: shorthand and British spellings expanded, number words as digits. */
export function plainChatWord(word: string): string {
  return PLAIN.get(word) ?? word;
}
