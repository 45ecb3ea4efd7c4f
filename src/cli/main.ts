import { runCli } from './cli';

void runCli(process.argv.slice(2), (line) => void process.stdout.write(line + '\n'), (line) => void process.stderr.write(line + '\n')).then((code) => {
  process.exitCode = code;
});
