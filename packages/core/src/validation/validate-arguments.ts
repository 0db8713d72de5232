import type { z } from 'zod';
import type { OperationName } from '../capabilities/operation-name';
import { IdentityError } from '../errors/identity-error';
import type { ArgumentSchema } from './operation-input-schemas';

function formatPath(argumentName: string, path: readonly PropertyKey[]): string {
  const segments = path.map((segment) =>
    typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`,
  );
  const joined = segments.join('').replace(/^\./, '');
  // Object arguments are named by their fields (`email`, `pageSize`), as callers write them.
  if (['input', 'subject', 'options'].includes(argumentName)) return joined || argumentName;
  return `${argumentName}${segments.join('')}`;
}

/**
 * Checks positional arguments against their schemas and returns the parsed copies
 * (unknown keys dropped, dates coerced). The error names the field and never the value.
 */
export function validateArguments(
  operation: OperationName,
  provider: string,
  schemas: readonly ArgumentSchema[],
  args: readonly unknown[],
): unknown[] {
  return schemas.map((argument, index) => {
    const value = args[index];
    if (value === undefined && argument.optional) return undefined;
    const result = (argument.schema as z.ZodType).safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = formatPath(argument.name, issue?.path ?? []);
    const reason =
      value === undefined && (issue?.path.length ?? 0) === 0
        ? 'is required'
        : (issue?.message ?? 'is invalid');
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider,
      field,
      message: `Invalid input to ${operation}: ${field} ${reason.replace(/^Invalid input: /, '')}`,
    });
  });
}
