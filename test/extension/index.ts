/**
 * Entry point for the extension-host test run (extensionTestsPath): VS Code calls run() inside the
 * extension host, with the extension under development loaded. Bundled to out/test/extension/.
 */
import Mocha from 'mocha';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'provider.test.js'));
  mocha.addFile(join(__dirname, 'learning.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
