/**
 * A long TEXT argument is read in a fresh process, from stdin.
 *
 * onnxruntime-node 1.30 crashes (SIGSEGV, exit 139) while it creates a session in a process whose
 * command line is long: measured with `predict`, 27,000 characters of TEXT worked and 30,000 crashed,
 * with any model, while the same text on stdin works. The crash is native, so nothing in the
 * process can catch it; the only safe place for such a text is outside the command line.
 */
import { spawnSync } from 'node:child_process';

/** Command lines (UTF-8 bytes of all arguments) up to this size create a session in-process. */
export const MAX_COMMAND_LINE_BYTES = 16 * 1024;

/** UTF-8 bytes of this process's command line (`process.argv`, the separators included). */
export function commandLineBytes(argv: readonly string[] = process.argv): number {
  return argv.reduce((sum, arg) => sum + Buffer.byteLength(arg, 'utf8') + 1, 0);
}

/**
 * Runs this CLI again as `node SCRIPT ...args` with `text` on its stdin and passes on its stdout,
 * stderr and exit code (1 when it was killed). `args` must not hold the text.
 */
export function rerunWithTextOnStdin(args: readonly string[], text: string, out: (line: string) => void, err: (line: string) => void): number {
  const run = spawnSync(process.execPath, [process.argv[1], ...args], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const [stream, write] of [[run.stdout, out], [run.stderr, err]] as const) {
    if (stream) write(stream.replace(/\n$/u, ''));
  }
  if (run.error) throw run.error;
  return run.status ?? 1;
}
