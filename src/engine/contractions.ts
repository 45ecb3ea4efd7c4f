/**
 * English contractions typed without their apostrophe ("dont", "youre", "im"), as people type
 * them on a phone, where the keyboard offers "don't", "you're" and "I'm" (AOSP LatinIME's
 * dictionary holds the apostrophe forms, and its suggestions match typed letters that skip the
 * apostrophe). A closed class, so a list; possessives ("Johns" → "John's") are an open class and not
 * offered this way. The engine has the model score each match by its own BPE spelling
 * (word_search.ts `listedWords`), so context decides between a contraction and a word spelled the
 * same without the apostrophe ("its"/"it's", "were"/"we're", "well"/"we'll").
 */
import { isEnglishWord } from './lexicon';

const CONTRACTIONS: readonly string[] = (
  "don't doesn't didn't can't couldn't won't wouldn't shouldn't isn't aren't wasn't weren't hasn't " +
  "haven't hadn't mustn't needn't mightn't shan't ain't " +
  "I'm I've I'll I'd you're you've you'll you'd we're we've we'll we'd they're they've they'll they'd " +
  "he's he'll he'd she's she'll she'd it's it'll it'd that's that'll that'd there's there'll there'd " +
  "here's what's what'll what'd who's who'll who'd who've where's where'd how's how'd let's " +
  "could've would've should've might've must've y'all o'clock ma'am"
).split(' ');

const LOWER_CASE = new Set(CONTRACTIONS.map((word) => word.toLowerCase()));

/** The letters before each contraction's apostrophe, lower case ("don", "can", "you", "o"). */
const STEMS = new Set(CONTRACTIONS.map((word) => word.slice(0, word.indexOf("'")).toLowerCase()));

/** Whether `stem` (any case) is the part of a contraction before its apostrophe: "Don" of "don't", "can" of "can't". */
export function beginsContraction(stem: string): boolean {
  return STEMS.has(stem.toLowerCase());
}

/** Whether `word` (any case, either apostrophe) is one of the contractions ("you're", "It’s"). */
export function isContraction(word: string): boolean {
  return LOWER_CASE.has(word.toLowerCase().replace(/\u2019/gu, "'"));
}

/** Each contraction by its letters alone, lower case ("dont" → "don't"). */
const BY_LETTERS = new Map(CONTRACTIONS.map((word) => [word.replace("'", '').toLowerCase(), word]));

/**
 * The contractions whose letters the person typed, skipping the apostrophe: `typed` (letters only,
 * no apostrophe) reaches past where the apostrophe goes ("dont", "shouldnt", "wer" for "we're"; "don" is
 * left to the ordinary search, which spells "don't" itself). A typed part shorter than the whole
 * contraction counts only when it is no English word itself: "your" is not "you're" begun.
 * Spelled in the typed case: "Dont" → "Don't", "DONT" → "DON'T"; "I" stays capital ("im" → "I'm").
 * Returns at most one word per contraction, shortest first.
 */
export function contractionCompletions(typed: string): string[] {
  if (!/^\p{L}+$/u.test(typed)) return [];
  const lower = typed.toLowerCase();
  const found: string[] = [];
  for (const [letters, word] of BY_LETTERS) {
    if (!letters.startsWith(lower) || lower.length <= word.indexOf("'")) continue;
    if (lower !== letters && isEnglishWord(lower)) continue;
    found.push(inTypedCase(word, typed));
  }
  return found.sort((a, b) => a.length - b.length);
}

function inTypedCase(word: string, typed: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase()) return word.toUpperCase();
  if (typed[0] !== typed[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/**
 * Letters that spell an English word too, but one so rare next to the contraction that the writer
 * meant the contraction ("cant" as jargon, "wont" as habit): "I cant " reads "I can't ".
 */
const RARE_HOMOGRAPHS: ReadonlySet<string> = new Set(['cant', 'wont']);

let unambiguous: RegExp | undefined;

/**
 * `text` with each whole word that is a contraction typed without its apostrophe, and is no English
 * word itself, spelled with it ("we havent " → "we haven't ", "Im" → "I'm"), for the models to read:
 * GPT-2 split "havent" into pieces it rarely saw together and answered "and", "to", "the"; the
 * contraction gives "been", "seen". Letters that also spell a word ("its", "were", "well", "lets")
 * stay as typed, as only the writer knows which was meant; RARE_HOMOGRAPHS are read as contractions.
 * Longer than `text` by one character per contraction, so it is read, never used for offsets into
 * the document.
 */
export function withContractionsSpelled(text: string): string {
  unambiguous ??= new RegExp(
    `(?<![\\p{L}\\p{N}_'’])(?:${[...BY_LETTERS.keys()].filter((letters) => RARE_HOMOGRAPHS.has(letters) || !isEnglishWord(letters)).join('|')})(?![\\p{L}\\p{N}_'’])`,
    'giu',
  );
  return text.replace(unambiguous, (letters) => inTypedCase(BY_LETTERS.get(letters.toLowerCase()) as string, letters));
}
