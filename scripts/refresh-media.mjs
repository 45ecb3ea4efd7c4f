// `npm run media`: copies the screenshots of the last fully green E2E run (`npm run test:e2e`
// leaves them in .e2e/media/ under their media/ names) into the tracked media/ folder. Tests never
// write to media/ themselves, so a test run leaves the working tree clean.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const from = join(root, '.e2e', 'media');
const files = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.png')) : [];
if (files.length === 0) {
  console.error(`No screenshots in ${from}: run \`npm run test:e2e\` first; only a fully green run (no PK_E2E_ONLY, no --vsix) leaves them.`);
  process.exit(1);
}
for (const file of files) {
  copyFileSync(join(from, file), join(root, 'media', file));
  console.log(`media/${file}`);
}
