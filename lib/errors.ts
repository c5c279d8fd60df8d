/**
 * The project's error convention. A problem a person can fix (a bad file, a folder in use, a wrong flag) is an
 * `ExpectedError` subclass whose message is the one line to show, with no other fields to set (its name is its
 * class's); anything else is a bug, shown with its stack. Scripts end through scripts/lib/run-script.ts, which
 * applies this rule. (WorkerStartError, an internal signal to fall back to the main thread, is a plain Error.)
 */
export class ExpectedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message of anything thrown (`throw 'text'` included). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
