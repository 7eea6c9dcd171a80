/**
 * One spelling for everything the grammars read: lower case, ASCII quotes, units in one form ("mls",
 * "ounces", "°F"), contractions spelled out, and the common typos of a tired parent. Only a typo with one
 * possible meaning is in TYPOS ("fead" is fed; "fee" is not fixed, it could be several words).
 */

/** Misspelling → the word the grammars know. Drug names are matched by edit distance in drugs.ts. */
const TYPOS: Record<string, string> = {
  fead: 'fed',
  fedd: 'fed',
  bottel: 'bottle',
  botle: 'bottle',
  bottl: 'bottle',
  nursd: 'nursed',
  nurssed: 'nursed',
  formla: 'formula',
  fomula: 'formula',
  formular: 'formula',
  formual: 'formula',
  brestmilk: 'breastmilk',
  diper: 'diaper',
  dipper: 'diaper',
  diapr: 'diaper',
  daiper: 'diaper',
  diapper: 'diaper',
  dieper: 'diaper',
  nappy: 'diaper',
  nappie: 'diaper',
  dipe: 'diaper',
  nite: 'night',
  tonite: 'tonight',
  bfed: 'breastfed',
  temprature: 'temperature',
  tempreture: 'temperature',
  temperture: 'temperature',
  tempature: 'temperature',
  temperatue: 'temperature',
  temperatur: 'temperature',
  tempurature: 'temperature',
  asleap: 'asleep',
  alseep: 'asleep',
  aslep: 'asleep',
  asleeep: 'asleep',
  awke: 'awake',
  wieght: 'weight',
  weigth: 'weight',
  wieghed: 'weighed',
  weiged: 'weighed',
  medz: 'meds',
  medicne: 'medicine',
  alergic: 'allergic',
  allergc: 'allergic',
  alergies: 'allergies',
  allergys: 'allergies',
  sumary: 'summary',
  summery: 'summary',
}

const UNITS: [RegExp, string][] = [
  [/(?:\b|(?<=\d))(?:milli-?lit(?:er|re)s?|mls|cc)\b|\bml\./g, 'ml'],
  [/(?:\b|(?<=\d))(?:fl\.?\s*)?(?:ounces?|ozs|onces)\b|\boz\./g, 'oz'],
  [/(?:\b|(?<=\d))(?:teaspoons?|tsps)\b|\btsp\./g, 'tsp'],
  [/(?:\b|(?<=\d))(?:tablespoons?|tbsps)\b|\btbsp\./g, 'tbsp'],
  [/(?:\b|(?<=\d))(?:kilo-?grams?|kilos?|kgs)\b|\bkg\./g, 'kg'],
  [/(?:\b|(?<=\d))(?:grams?|gms?)\b/g, 'g'],
  [/(?:\b|(?<=\d))(?:pounds?|lbs)\b|\blbs?\./g, 'lb'],
  [/(?:\b|(?<=\d))(?:centi-?met(?:er|re)s?|cms)\b/g, 'cm'],
  [/(\d)\s*(?:inches|inch|in\.|")/g, '$1 in'],
  [/(?:\b|(?<=\d))(?:minutes?|mins)\b/g, 'min'],
  [/(?:\b|(?<=\d))(?:milligrams?|mgs)\b/g, 'mg'],
]

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(what|when|how|who|that|it|she|he|there|where)'s\b/g, '$1 is'],
  [/\b(what|how|when|where)s\b/g, '$1 is'],
  [/\bhow'd\b/g, 'how did'],
  [/\bi'm\b/g, 'i am'],
  [/\bi've\b/g, 'i have'],
  [/\bi'd\b/g, 'i had'],
  [/\bi'll\b/g, 'i will'],
]

const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
}

/**
 * "Fed Maya 4 Ounces @ 3 P.M.!" → "fed maya 4 oz at 3 pm". Keeps "?" so questions stay questions. Three
 * emoji carry a word: 😴/💤 "asleep", 💩 "poop", ✅ "done"; the rest are dropped.
 */
export function normalize(raw: string): string {
  let t = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2044/g, '/')
    .replace(/[\u{1F634}\u{1F4A4}]/gu, ' asleep ')
    .replace(/\u{1F4A9}/gu, ' poop ')
    .replace(/[\u2705\u2714\u2611]/gu, ' done ')
    .replace(/\p{Extended_Pictographic}|[\u200d\ufe0f]/gu, ' ')
    .replace(/\bbf'?e?d\b/g, 'breastfed')
    .replace(/\b([ap])\.\s?m\.?(?=\s|$|[,;!?])/g, '$1m')
    .replace(/@/g, ' at ')
  t = t
    .replace(/\s*[°º˚]\s*c\b|\s+deg(?:rees?|s)?\s*c\b|\s*(?:deg(?:rees?|s)?\s*)?(?:celsius|centigrade)\b/g, ' c')
    .replace(/\s*[°º˚]\s*f\b|\s+deg(?:rees?|s)?\s*f\b|\s*(?:deg(?:rees?|s)?\s*)?fahrenheit\b/g, ' f')
    .replace(/\s*[°º˚]|\s+deg(?:rees?|s)?\b/g, ' deg')
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to)
  t = t.replace(/[a-z]+/g, (w) => TYPOS[w] ?? w)
  t = t.replace(/\bbreast\s+milk\b/g, 'breastmilk')
  t = t.replace(/\bhalf\s+(?:an?\s+)?(tsp|teaspoon|tbsp|tablespoon|oz|ounce|ml)\b/g, '0.5 $1')
  // "three and a half ounces" → "3.5 ounces".
  t = t.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+and\s+a\s+half(?=\s+(?:ounces?|oz|tsp|teaspoons?|hours?|hrs?|lbs?|pounds?)\b)/g,
    (_, n: string) => `${NUMBER_WORDS[n] ?? n}.5`,
  )
  t = t.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\s+(?:ounces?|oz|ml|mls|tsp|teaspoons?|min|mins|minutes?|hours?|hrs?|pills?|tablets?|drops?|puffs?|kg|lbs?|pounds?)\b)/g,
    (w) => NUMBER_WORDS[w] ?? w,
  )
  for (const [re, to] of UNITS) t = t.replace(re, to)
  return t
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!]+$/, '')
}
