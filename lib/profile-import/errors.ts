import { ExpectedError } from '@/lib/errors';

/** 5 MB: a Letterboxd ZIP of thousands of films is a few hundred KB, an IMDb export of 10,000 ratings about 1.5 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_TEXT = '5 MB';

/** A file that cannot be imported; its message is the one line shown to the visitor (nothing is saved). */
export class ImportFileError extends ExpectedError {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'empty' | 'not-utf8' | 'unknown-format' | 'zip-contents' | 'bad-row',
  ) {
    super(message);
  }
}

export const tooLarge = (): ImportFileError =>
  new ImportFileError(`The file is too large: imports are limited to ${MAX_IMPORT_TEXT}.`, 'too-large');
