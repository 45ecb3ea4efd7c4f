/**
 * The CLI's argument handling: node:util `parseArgs` in strict mode (unknown flags are errors, so
 * typos never pass silently), and one `UsageError` for everything a person typed wrong, which the
 * commands print with their usage text and exit 2 for.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `parseArgs`, strict (the type insists); its complaints (unknown or malformed flags) become UsageErrors. */
export function parseCommandLine<C extends ParseArgsConfig & { strict: true }>(config: C): ReturnType<typeof parseArgs<C>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A flag's value as a number, or undefined when the flag was not given. */
export function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || Number.isNaN(n)) throw new UsageError(`--${name} must be a number, got "${raw}".`);
  return n;
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
