/**
 * Presage as a SuggestionSource: talks to bench/presage's bridge process over a pipe. Latency is
 * measured by the simulator around `suggest`, so Presage's figures include the pipe round trip.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SuggestionBatch, SuggestionSource } from './source';
import { presageConfigXml } from './presage_config';
import { presagePrefixLength } from './words';

/** Presage's n-gram and recency predictors look back a few dozen tokens; this is far more. */
const CONTEXT_TAIL_CHARS = 2000;

export interface PresageSourceOptions {
  name: string;
  bridge: string;
  database: string;
  /** Suggestions Presage returns per query (the largest N the simulator needs). */
  suggestions: number;
  /** Online learning on; it then writes into a copy of the database inside the run's own HOME. */
  learning?: boolean;
}

interface Reply {
  ready?: boolean;
  suggestions?: string[];
  error?: string;
}

/** The tail of the context Presage is given, cut at a blank so no word is split. */
export function contextTail(context: string): string {
  if (context.length <= CONTEXT_TAIL_CHARS) return context;
  const tail = context.slice(-CONTEXT_TAIL_CHARS);
  const blank = tail.search(/\s/u);
  return blank >= 0 ? tail.slice(blank + 1) : tail;
}

export class PresageSource implements SuggestionSource {
  readonly name: string;
  private readonly waiting: ((reply: Reply) => void)[] = [];
  private exited: string | undefined;

  private constructor(
    options: PresageSourceOptions,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly home: string,
  ) {
    this.name = options.name;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const resolve = this.waiting.shift();
      if (!resolve) return;
      try {
        resolve(JSON.parse(line) as Reply);
      } catch {
        resolve({ error: `unreadable reply from the Presage bridge: ${line.slice(0, 200)}` });
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('exit', (code, signal) => {
      this.exited = `Presage bridge exited (${signal ?? code})${stderr ? ': ' + stderr.trim() : ''}`;
      for (const resolve of this.waiting.splice(0)) resolve({ error: this.exited });
    });
  }

  /** Starts the bridge with its own HOME and config, and waits until its database is open. */
  static async start(options: PresageSourceOptions): Promise<PresageSource> {
    const home = mkdtempSync(join(tmpdir(), 'pk-presage-'));
    const config = join(home, 'presage.xml');
    let database = options.database;
    if (options.learning) {
      database = join(home, 'learning.db');
      copyFileSync(options.database, database);
    }
    writeFileSync(config, presageConfigXml({ database, suggestions: options.suggestions, learning: options.learning }));
    const child = spawn(options.bridge, [config], { env: { ...process.env, HOME: home, USERPROFILE: home }, stdio: 'pipe' });
    const source = new PresageSource(options, child, home);
    const ready = await source.next();
    if (!ready.ready) {
      await source.close();
      throw new Error(`Presage could not start with ${options.database}: ${ready.error ?? 'no reply'}`);
    }
    return source;
  }

  private next(): Promise<Reply> {
    if (this.exited) return Promise.resolve({ error: this.exited });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async suggest(_docId: string, context: string, count: number): Promise<SuggestionBatch> {
    const tail = contextTail(context);
    const reply = this.next();
    this.child.stdin.write(`${Buffer.byteLength(tail, 'utf8')}\n${tail}`);
    const answer = await reply;
    if (answer.error !== undefined || !answer.suggestions) throw new Error(answer.error ?? 'Presage bridge gave no suggestions');
    const replaces = presagePrefixLength(tail);
    return { suggestions: answer.suggestions.slice(0, count).map((word) => ({ word, replaces })) };
  }

  endDocument(): void {
    // Stateless per query: learning is off and the context travels with every request.
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.stdin.end('\n');
      await done;
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
