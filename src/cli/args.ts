/**
 * The CLI's argument handling: node:util `parseArgs` in strict mode (unknown flags are errors, so
 * typos never pass silently), and one `UsageError` for everything a person typed wrong, which the
 * commands print with their usage text and exit 2 for.
 */
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version } from '../../package.json';
import { normalizeThreads, resolveThreads } from '../engine/options';

export const VERSION: string = version;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flags every command takes: spread into each command's `options` so `infoRequested` can see them. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;

/** What -h/--help or --version asks to print on stdout (exit 0), or undefined when neither was given. */
export function infoRequested(values: { help?: boolean; version?: boolean }, usage: string): string | undefined {
  if (values.help) return usage;
  if (values.version) return VERSION;
  return undefined;
}

/**
 * `parseArgs`, strict (the type insists); its complaints (unknown or malformed flags) become UsageErrors.
 * A negative number after a flag that takes a value (`--top-k -3`) is that flag's value, as if
 * written `--top-k=-3`: strict parseArgs would otherwise call it ambiguous (Node 20 has no switch for it).
 */
export function parseCommandLine<C extends ParseArgsConfig & { strict: true }>(config: C): ReturnType<typeof parseArgs<C>> {
  try {
    // Same config, only the args rewritten: the result has the type parseArgs gives for `config`.
    return parseArgs({ ...config, args: joinNegativeValues(config.args ?? process.argv.slice(2), config.options ?? {}) }) as ReturnType<typeof parseArgs<C>>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$)/;

/** `--flag -3` and `-f -3` become `--flag=-3` for flags of type string; everything after `--` is left alone. */
export function joinNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (option.short) takesValue.set(`-${option.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = takesValue.get(arg);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A flag's value as a number, or undefined when the flag was not given. */
export function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || Number.isNaN(n)) throw new UsageError(`--${name} must be a number, got "${raw}".`);
  return n;
}

/**
 * A count: a whole number, or undefined when not given. Its range is not checked here: out-of-range
 * counts are clamped with a warning by the engine's limits (normalizeOptions, normalizeThreads).
 */
export function wholeNumberFlag(name: string, raw: string | undefined): number | undefined {
  const n = numberFlag(name, raw);
  if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${raw}".`);
  return n;
}

/**
 * --threads: a whole number (else a UsageError), clamped into THREAD_LIMITS with a warning, 0 resolved
 * to the automatic count as the extension's setting is; `fallback` when not given.
 */
export function threadsFlag<F extends number | undefined>(raw: string | undefined, fallback: F, warn: (line: string) => void): number | F {
  const requested = wholeNumberFlag('threads', raw);
  if (requested === undefined) return fallback;
  const { threads, warnings } = normalizeThreads(requested);
  for (const warning of warnings) warn(`warning: ${warning}`);
  return resolveThreads(threads, availableParallelism());
}

export function positiveIntFlag(name: string, raw: string | undefined): number | undefined {
  const n = numberFlag(name, raw);
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function nonNegativeFlag(name: string, raw: string | undefined): number | undefined {
  const n = numberFlag(name, raw);
  if (n !== undefined && (!Number.isFinite(n) || n < 0)) throw new UsageError(`--${name} must be a number >= 0, got "${raw}"`);
  return n;
}
