import { IdentityError } from '@idport/core';
import type { z } from 'zod';

/**
 * Validates `providerOptions.firebase` of one call with the adapter's schema. Errors name
 * the field and never echo its value, like core's own argument validation.
 */
export function readFirebaseProviderOptions<Schema extends z.ZodType>(
  schema: Schema,
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  operation: string,
): z.output<Schema> {
  const parsed = schema.safeParse(providerOptions?.firebase ?? {});
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
  const field = `providerOptions.firebase${path ? `.${path}` : ''}`;
  throw new IdentityError({
    code: 'INVALID_INPUT',
    provider: 'firebase',
    field: `input.${field}`,
    message: `Invalid input to ${operation}: ${field} is invalid`,
  });
}
