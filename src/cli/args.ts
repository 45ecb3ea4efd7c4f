/** A small, strict argument parser: unknown flags are errors, so typos never pass silently. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], valueFlags: readonly string[], booleanFlags: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (booleanFlags.includes(name)) {
      flags.set(name, true);
    } else if (valueFlags.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return { flags, positional };
}

export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const value = args.flags.get(name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(parsed)) throw new UsageError(`--${name} must be a number, got "${String(value)}".`);
  return parsed;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
