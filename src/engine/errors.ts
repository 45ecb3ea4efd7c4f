/** Why the engine refused or failed, as a stable code the extension can act on and a sentence a person can read. */
export type EngineErrorCode = 'model-missing' | 'model-invalid' | 'runtime-unavailable' | 'bad-request' | 'internal';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
