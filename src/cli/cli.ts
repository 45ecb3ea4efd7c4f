/**
 * The `predictive-keyboard` command: dispatches to a command and turns what went wrong into an
 * exit code (0 done or help/version shown, 1 failed, 2 usage error; usage for an error on stderr).
 */
import { describeError, EngineError } from '../engine/errors';
import { COMMON_OPTIONS, infoRequested, parseCommandLine, UsageError } from './args';
import { runEvalCommand } from './eval_command';
import { PREDICT_USAGE, runPredictCommand } from './predict_command';

export const USAGE = `Usage:
  ${PREDICT_USAGE.replace(/\n/g, '\n  ')}
  predictive-keyboard eval --text FILE [--suggestions N] [--engine gpt2|presage|presage-corpus]
                           [--model DIR] [--max-words W] [--json]
  predictive-keyboard help | --help | -h | --version
Every command takes -h/--help (its usage) and --version.`;

export async function runCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'predict':
        return await runPredictCommand(rest, out, err);
      case 'eval':
        return await runEvalCommand(rest);
      case 'help':
        out(USAGE);
        return 0;
      case undefined:
        err(USAGE);
        return 2;
      default: {
        if (!command.startsWith('-')) throw new UsageError(`Unknown command "${command}".`);
        // Top-level flags: only -h/--help and --version; anything else is a usage error from parseArgs.
        const { values } = parseCommandLine({ args: [...argv], strict: true, allowPositionals: false, options: { ...COMMON_OPTIONS } });
        const info = infoRequested(values, USAGE);
        if (info === undefined) throw new UsageError('Give a command.');
        out(info);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`predictive-keyboard: ${error.message}\n${USAGE}`);
      return 2;
    }
    err(`predictive-keyboard: ${error instanceof EngineError ? error.message : describeError(error)}`);
    return 1;
  }
}
