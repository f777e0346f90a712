/**
 * Deterministic, realistic-looking chat text: a seeded PRNG, a Zipf-distributed vocabulary of
 * common words plus generated jargon, some accented words, numbers, links and emoji.
 */
const COMMON = (
  'the to and a of i you it is that in we for on this be have with just not are so can do ' +
  'will my at if but me was what about get all up out there know think now like one no time ' +
  'they from need should going back today see good yes ok thanks meeting release build test ' +
  'deploy review issue fix team call tomorrow week update check please could would new done ' +
  'working looks great sure problem server client error branch merge ticket customer report ' +
  'sprint plan design doc draft lunch coffee later morning afternoon friday monday budget ' +
  'numbers quarter launch roadmap feedback question answer idea agree change'
).split(' ');
const ACCENTED = ['café', 'naïve', 'résumé', 'déjà', 'über', 'señor', 'façade', 'jalapeño'];
const EMOJI = ['🎉', '👍', '🚀', '😅', '🙏', '🔥'];
const SYLLABLES = 'ka ri to mu ne so la vi de po xa qu en or il ub ar zen tor mik'.split(' ');

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TextGenerator {
  vocabulary: readonly string[];
  sentence(): string;
}

export function createTextGenerator(seed: number, jargonWords = 20_000): TextGenerator {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const jargon = new Set<string>();
  while (jargon.size < jargonWords) {
    const length = 2 + Math.floor(random() * 3);
    jargon.add(Array.from({ length }, () => pick(SYLLABLES)).join(''));
  }
  const vocabulary = [...COMMON, ...ACCENTED, ...jargon];

  // Zipf-like: rank r is drawn with probability proportional to 1 / r.
  const harmonic = Math.log(vocabulary.length) + 0.5772;
  const zipfWord = () => {
    const rank = Math.min(vocabulary.length - 1, Math.floor(Math.exp(random() * harmonic) - 1));
    return vocabulary[rank] as string;
  };

  const word = () => {
    const roll = random();
    if (roll < 0.01) return pick(EMOJI);
    if (roll < 0.02) return String(Math.floor(random() * 10_000));
    if (roll < 0.025) return `https://intranet.example.com/${pick(vocabulary)}`;
    return zipfWord();
  };

  const sentence = () => {
    const length = 2 + Math.floor(random() * random() * 40);
    const words = Array.from({ length }, word);
    words[0] = (words[0] ?? '').replace(/^./, (c) => c.toUpperCase());
    return words.join(' ') + pick(['.', '!', '?', '', '']);
  };

  return { vocabulary, sentence };
}
