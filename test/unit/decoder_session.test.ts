/** DecoderSession against real ONNX graphs: a prefill fed for keys and values alone (extend). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DecoderSession } from '../../src/engine/decoder_session';
import { readGpt2Config } from '../../src/engine/model_config';
import { locateModel } from '../../src/engine/model_location';
import { EngineError } from '../../src/engine/errors';
import { repoRoot } from '../../src/eval/paths';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'models');
// 40 token ids below the fixtures' vocabulary limit: longer than two 16-token prefill chunks.
const IDS = Array.from({ length: 40 }, (_, i) => (i * 7919 + 464) % 50000);

for (const layout of ['own', 'optimum-model', 'merged', 'no-position-ids']) {
  test(`${layout}: extend() in chunks, then step() on the last token, gives the logits of one whole step`, async () => {
    const location = locateModel(join(fixtures, layout));
    const config = await readGpt2Config(location.directory);
    const session = await DecoderSession.open(location.file, config, 1);
    try {
      const whole = await session.step(IDS, undefined);
      let past = await session.extend(IDS.slice(0, 16), undefined);
      past = await session.extend(IDS.slice(16, 39), past);
      assert.equal(past.length, 39);
      assert.equal(past.layers[0].key.dims[2], 39, 'present keys [batch, n_head, past, head_dim] hold every fed token');
      const last = await session.step(IDS.slice(39), past);
      let max = 0;
      for (let i = 0; i < whole.lastRow.length; i++) max = Math.max(max, Math.abs(whole.lastRow[i] - last.lastRow[i]));
      assert.ok(max <= 1e-3, `max abs diff ${max}`);
      await assert.rejects(session.extend([], past), EngineError);
    } finally {
      await session.dispose();
    }
  });
}
