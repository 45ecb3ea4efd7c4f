import { describeError, EngineError } from '../engine/errors';
import { UsageError } from './args';
import { runEvalCommand } from './eval_command';
import { PREDICT_USAGE, runPredictCommand } from './predict_command';

const USAGE = `Usage:
  ${PREDICT_USAGE.replace(/\n/g, '\n  ')}
  predictive-keyboard eval --text FILE [--suggestions N] [--engine gpt2|presage|presage-corpus]
                           [--model DIR] [--max-words W] [--json]
  predictive-keyboard help`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string): void => void process.stdout.write(line + '\n');
  const err = (line: string): void => void process.stderr.write(line + '\n');
  try {
    switch (command) {
      case 'predict':
        return await runPredictCommand(rest, out, err);
      case 'eval':
        return await runEvalCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
