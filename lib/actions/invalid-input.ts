import { z } from 'zod';
import type { ActionState } from './state';

// Kept apart from state.ts, which client components import: zod stays out of the browser bundle.
/** The state for input that failed validation: the first problem as the message, every field's under its field. */
export function invalidInput(error: z.ZodError): ActionState {
  const fieldErrors = z.flattenError(error).fieldErrors;
  const first = Object.values(fieldErrors).flat()[0] ?? 'Invalid input.';
  return { status: 'error', message: `Not saved: ${first}`, fieldErrors };
}
