#!/usr/bin/env node
'use strict';
// The CLI is bundled to out/cli.js by `npm run build` (run automatically by `npm install`).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('predictive-keyboard: out/cli.js is missing. Run `npm install` or `npm run build` in the repository first.');
  process.exit(2);
}
require(cli);
