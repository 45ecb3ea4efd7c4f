/**
 * What a confidence floor on the ghost text costs and spares (predictiveKeyboard.ghostText.minProbability):
 * the held-out texts typed letter by letter, and at every keystroke the engine's best word, its
 * probability and whether it is the word being typed. Per floor on the next word's probability (the
 * product floors only the guess before a word's first letter) it reports:
 * - `nextWord` and `completion`: keystrokes that show ghost text (`ghosts`), `wrong` / `right` among them;
 * - `tabSavings`: the keystroke savings of a person who accepts only the ghost text, with Tab, the
 *   first time it shows the right word (Tab replaces the rest of the word and its space, 1 keystroke),
 *   as a share of every character and space of the words typed (the KSR's denominator).
 * Per floor on a completion's share of the five best words that fit the typed letters (ghostMinShare),
 * with the shipped next-word floor, the same figures. The strip's candidates are not floored, so the
 * bench's KSR (the strip, N = 1/3/6) does not move.
 *
 *   node out/bench/ghost_confidence.js [--heldout DIR] [--words-per-text 250] [--model DIR] [--out bench/results/ghost-confidence.json]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { DEFAULT_OPTIONS, OPTION_LIMITS } from '../src/engine/options';
import { repoRoot } from '../src/eval/paths';
import { round } from '../src/eval/stats';
import { splitWords } from '../src/eval/words';

const FLOORS = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2];
/**
 * Floors on a completion's share of the five best words that fit the typed letters
 * (predictiveKeyboard.ghostMinShare), each with the shipped next-word floor. Not its probability: a
 * completion's is not renormalised over the typed letters, so a right rare word is tiny too.
 */
const SHARES = [0, 0.2, 0.3, 0.4, 0.5];

/** One keystroke's best word: `typed` letters of the word were typed before it. */
interface Guess {
  typed: number;
  probability: number;
  /** The best word's share of the five best candidates' probability. */
  share: number;
  right: boolean;
}

interface WordGuesses {
  length: number;
  guesses: Guess[];
}

/**
 * The ghost text a person sees with `floor` on the next word (completions are never floored), who
 * accepts it with Tab the first time it is the word being typed.
 */
function figures(words: readonly WordGuesses[], floor: number, minShare = 0) {
  const kinds = { nextWord: { ghosts: 0, right: 0 }, completion: { ghosts: 0, right: 0 } };
  let saved = 0;
  let total = 0;
  for (const w of words) {
    total += w.length + 1;
    for (const g of w.guesses) {
      if (g.typed === 0 ? g.probability < floor : g.share < minShare) continue;
      const kind = g.typed === 0 ? kinds.nextWord : kinds.completion;
      kind.ghosts++;
      if (!g.right) continue;
      kind.right++;
      // Typing on would cost the rest of the word and its space (length - typed + 1); Tab costs 1.
      saved += w.length - g.typed;
      break;
    }
  }
  const shape = (k: { ghosts: number; right: number }) => ({ ...k, wrong: k.ghosts - k.right, precision: round(k.ghosts ? k.right / k.ghosts : 0, 4) });
  return { nextWord: shape(kinds.nextWord), completion: shape(kinds.completion), tabSavings: round(total ? saved / total : 0, 4) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      heldout: { type: 'string', default: join(repoRoot(), 'bench', 'heldout') },
      'words-per-text': { type: 'string', default: '250' },
      model: { type: 'string' },
      out: { type: 'string', default: join(repoRoot(), 'bench', 'results', 'ghost-confidence.json') },
    },
  });
  const engine = await Engine.load(values.model ?? defaultModelDir(), { threads: 1 });
  const options = { ...DEFAULT_OPTIONS, topK: 5, temperature: 0, maxWords: 1 };
  const perText: Record<string, WordGuesses[]> = {};
  for (const name of readdirSync(values.heldout).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(values.heldout, name), 'utf8');
    const words: WordGuesses[] = [];
    for (const { word, start } of splitWords(text, 'presage', Number(values['words-per-text']))) {
      const guesses: Guess[] = [];
      for (let typed = 0; typed < word.length; typed++) {
        const p = await engine.predict({ docId: name, text: text.slice(0, start + typed), textOffset: 0, options });
        const best = p.candidates[0];
        const sum = p.candidates.reduce((a, c) => a + c.probability, 0);
        if (best) guesses.push({ typed, probability: best.probability, share: sum > 0 ? best.probability / sum : 1, right: best.word === word });
      }
      words.push({ length: word.length, guesses });
    }
    engine.forget(name);
    perText[name] = words;
    console.error(`${name}: ${words.length} words`);
  }
  await engine.dispose();
  const all = Object.values(perText).flat();
  const report = {
    bench: 'ghost-confidence',
    heldout: relative(repoRoot(), values.heldout) || '.',
    words: all.length,
    shippedFloor: OPTION_LIMITS.ghostMinProbability.default,
    shippedShare: OPTION_LIMITS.ghostMinShare.default,
    floors: FLOORS.map((floor) => ({
      floor,
      ...figures(all, floor),
      perText: Object.fromEntries(Object.entries(perText).map(([n, w]) => [n, figures(w, floor)])),
    })),
    completionShares: SHARES.map((minShare) => ({
      minShare,
      ...figures(all, OPTION_LIMITS.ghostMinProbability.default, minShare),
      perText: Object.fromEntries(Object.entries(perText).map(([n, w]) => [n, figures(w, OPTION_LIMITS.ghostMinProbability.default, minShare)])),
    })),
  };
  writeFileSync(values.out, JSON.stringify(report, null, 2) + '\n');
  for (const f of report.completionShares) {
    console.log(`completion share ${f.minShare}: completion ${f.completion.ghosts} ghosts, ${f.completion.wrong} wrong; Tab savings ${(f.tabSavings * 100).toFixed(2)} %`);
  }
  for (const f of report.floors) {
    console.log(`floor ${f.floor}: next word ${f.nextWord.ghosts} ghosts, ${f.nextWord.wrong} wrong; completion ${f.completion.ghosts} ghosts, ${f.completion.wrong} wrong; Tab savings ${(f.tabSavings * 100).toFixed(2)} %`);
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
