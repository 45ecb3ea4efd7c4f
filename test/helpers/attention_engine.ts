/** Shared set-up for the Inspector's tests: an engine and its attention source on a fixture model. */
import { join } from 'node:path';
import { AttentionSource } from '../../src/engine/attention_session';
import { Engine } from '../../src/engine/engine';
import { repoRoot } from '../../src/eval/paths';

export const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'models');
export const OWN = join(FIXTURES, 'own');
/** Mixed scripts, an accent and an emoji, so token pieces that split characters are covered. */
export const TEXT = 'The robot met the Rustaceans in a naïve café 🦀 and said';

/** Runs `fn` with a one-thread engine and attention source on `dir`, disposing both afterwards. */
export async function withEngine(dir: string, fn: (engine: Engine, attention: AttentionSource) => Promise<void>): Promise<void> {
  const engine = await Engine.load(dir, { threads: 1 });
  const attention = new AttentionSource(engine.info.directory, engine.info, 1);
  try {
    await fn(engine, attention);
  } finally {
    await attention.dispose();
    await engine.dispose();
  }
}
