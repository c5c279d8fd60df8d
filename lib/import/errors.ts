import { ExpectedError } from '@/lib/errors';

/** Why an import did not happen, in one line for a person (bad row, missing file, different dataset). */
export class MovieLensImportError extends ExpectedError {}
