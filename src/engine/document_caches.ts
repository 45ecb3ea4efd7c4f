import { WordCache } from './cache_lm';
import { tableStartBefore } from './secret_tables';

/** How far back an appended context is compared, to make sure it really continues the counted text. */
const SEAM = 100;
const MAX_DOCUMENTS = 64;

interface CountedDocument {
  cache: WordCache;
  /** Absolute document offset where the counted text ends, and its last characters. */
  end: number;
  tail: string;
}

/**
 * One word cache per document, kept up to date incrementally: typing appends to the context, so
 * only the new words are counted; an edit before the end or a jump elsewhere recounts the text.
 */
export class DocumentCaches {
  private readonly documents = new Map<string, CountedDocument>();
  /** The personal dictionary, shared by all documents and blended as a source of its own. */
  personal = new WordCache();

  setPersonalWords(words: ReadonlyArray<{ word: string; count: number }>): void {
    const personal = new WordCache();
    // Phrases ("machine learning") count as their last word; single words as themselves.
    for (const { word, count } of words) {
      const last = word.trim().split(/\s+/u).pop();
      if (last) personal.addWord(last, Math.max(1, Math.min(count, 5)));
    }
    this.personal = personal;
  }

  /** The cache for `context`, the text before the current word, whose first character is at `offset`. */
  update(docId: string, context: string, offset: number): WordCache {
    const end = offset + context.length;
    const known = this.documents.get(docId);
    if (known && known.end === end && context.endsWith(known.tail)) return this.touch(docId, known);
    if (known && end > known.end && known.end - known.tail.length >= offset) {
      const seamStart = known.end - known.tail.length - offset;
      if (context.slice(seamStart, seamStart + known.tail.length) === known.tail) {
        // Inside a table, from its header: the header says which column holds a credential.
        const from = tableStartBefore(context, seamStart);
        known.cache.add(context.slice(from), 1, seamStart - from + known.tail.length);
        known.end = end;
        known.tail = context.slice(-SEAM);
        return this.touch(docId, known);
      }
    }
    const cache = new WordCache();
    cache.add(context);
    return this.touch(docId, { cache, end, tail: context.slice(-SEAM) });
  }

  /**
   * Starts `copyId` as a copy of `docId`'s counted text, so that a prediction on a copy of the
   * document (Engine.prepare) counts only what it adds: recounting a long document's 32,000
   * characters took 17-60 ms, for each text prepared in a pause.
   */
  fork(docId: string, copyId: string): void {
    const known = this.documents.get(docId);
    if (known) this.touch(copyId, { ...known, cache: known.cache.clone() });
  }

  forget(docId: string): void {
    this.documents.delete(docId);
  }

  private touch(docId: string, document: CountedDocument): WordCache {
    this.documents.delete(docId);
    this.documents.set(docId, document);
    if (this.documents.size > MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value as string);
    return document.cache;
  }
}
