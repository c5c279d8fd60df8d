import type { z } from 'zod';

/**
 * The one conversion from a failed zod parse to a message: its first issue, naming the field. Pages and forms read
 * "rating: Rating must be at most 5 stars." (the default); the JSON API writes "ratings.2.rating must be in
 * half-star steps" and names the whole body "body" (`{ separator: ' ', root: 'body' }`).
 */
export function firstIssue(
  error: z.ZodError,
  { separator = ': ', root = '' }: { separator?: string; root?: string } = {},
): string {
  const issue = error.issues[0];
  if (!issue) return root ? `invalid ${root}` : 'Invalid input.';
  const field = issue.path.join('.') || root;
  if (issue.code === 'unrecognized_keys')
    return `${field || 'input'}: unknown field(s) ${issue.keys.join(', ')}`;
  return field && !issue.message.startsWith(field) ? `${field}${separator}${issue.message}` : issue.message;
}
