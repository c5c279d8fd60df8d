/** Why an import did not happen, in one line for a person (bad row, missing file, different dataset). */
export class MovieLensImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MovieLensImportError';
  }
}
