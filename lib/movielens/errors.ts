import { ExpectedError } from '@/lib/errors';

/**
 * A problem with a MovieLens file: which file, which line (1 = the header; null when the whole file is the
 * problem) and why. The message is the one line a person needs: `ratings.csv line 1234: rating 5.5 is ...`.
 */
export class MovieLensDataError extends ExpectedError {
  readonly file: string;
  readonly line: number | null;
  readonly reason: string;

  constructor(file: string, line: number | null, reason: string) {
    super(line === null ? `${file}: ${reason}` : `${file} line ${line}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
