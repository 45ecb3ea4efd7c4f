import { END_OF_TEXT } from './vocabulary';

/** Longest text ever tokenized for a window: tokens are rarely longer than 16 characters. */
const MAX_CHARS_PER_TOKEN = 16;
const MAX_ANCHOR_ATTEMPTS = 8;

export interface ContextWindow {
  /** Absolute document offset of the first character in the window. */
  start: number;
  /** <|endoftext|> followed by the window's tokens; at most `maxTokens` long. */
  ids: number[];
}

/**
 * Chooses which part of the context the model sees. GPT-2 positions are absolute, so moving the
 * window's start invalidates the whole KV cache: a window keeps its start for as long as the text
 * fits, and a new start leaves a quarter of the window free so that sliding stays rare.
 */
export function chooseWindow(
  context: string,
  contextOffset: number,
  maxTokens: number,
  previousStart: number | undefined,
  encode: (text: string) => number[],
): ContextWindow {
  const end = contextOffset + context.length;
  if (previousStart !== undefined && previousStart >= contextOffset && previousStart <= end && end - previousStart <= maxTokens * MAX_CHARS_PER_TOKEN) {
    const ids = [END_OF_TEXT, ...encode(context.slice(previousStart - contextOffset))];
    if (ids.length <= maxTokens) return { start: previousStart, ids };
  }
  const target = maxTokens - Math.max(8, Math.floor(maxTokens / 4));
  let start = Math.max(0, context.length - maxTokens * MAX_CHARS_PER_TOKEN);
  if (start > 0) start = afterNextWhitespace(context, start);
  for (let attempt = 0; attempt < MAX_ANCHOR_ATTEMPTS; attempt++) {
    const tokens = encode(context.slice(start));
    if (tokens.length + 1 <= target) return { start: contextOffset + start, ids: [END_OF_TEXT, ...tokens] };
    const charsPerToken = (context.length - start) / tokens.length;
    const excess = tokens.length + 1 - target;
    const next = afterNextWhitespace(context, start + Math.max(1, Math.ceil(excess * charsPerToken)));
    if (attempt === MAX_ANCHOR_ATTEMPTS - 1 || next >= context.length) {
      // No whitespace to cut at (one huge "word"): keep the newest tokens.
      return { start: contextOffset + start, ids: [END_OF_TEXT, ...tokens.slice(tokens.length - (target - 1))] };
    }
    start = next;
  }
  return { start: end, ids: [END_OF_TEXT] };
}

function afterNextWhitespace(text: string, from: number): number {
  const match = /\s/u.exec(text.slice(from, from + 4096));
  return match ? from + match.index + 1 : from;
}
