/** A request that belongs to one document; a newer one for the same document makes older ones stale. */
export interface DocumentRequest {
  id: number;
  docId: string;
}

/**
 * Holds at most one waiting request per document. Under a burst of keystrokes only the latest is
 * kept, and documents are served in the order their latest request arrived.
 */
export class LatestOnlyQueue<T extends DocumentRequest> {
  private readonly waiting = new Map<string, T>();

  /** Queues `request` and returns the request it superseded, if any. */
  enqueue(request: T): T | undefined {
    const superseded = this.waiting.get(request.docId);
    this.waiting.delete(request.docId);
    this.waiting.set(request.docId, request);
    return superseded;
  }

  /** Removes a waiting request by id, returning it when it was still waiting. */
  remove(id: number): T | undefined {
    for (const [docId, request] of this.waiting) {
      if (request.id === id) {
        this.waiting.delete(docId);
        return request;
      }
    }
    return undefined;
  }

  /** Whether a request of `docId` waits: one running for the same document is already stale. */
  has(docId: string): boolean {
    return this.waiting.has(docId);
  }

  take(): T | undefined {
    const first = this.waiting.entries().next();
    if (first.done) return undefined;
    this.waiting.delete(first.value[0]);
    return first.value[1];
  }

  get size(): number {
    return this.waiting.size;
  }
}
