/**
 * The project's error conventions. A problem a person can fix (a bad file, a folder in use, a wrong flag) is an
 * `ExpectedError` subclass whose message is the one line to show; anything else is a bug, shown with its stack.
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
