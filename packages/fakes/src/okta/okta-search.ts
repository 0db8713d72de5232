import { oktaError } from './okta-error-bodies';
import type { OktaUserRecord } from './okta-org';

type Comparison = { attribute: string; operator: string; value: string | null };

/** Reads `profile.email`, `status`, `id`... from a user. */
function attributeOf(user: OktaUserRecord, attribute: string): unknown {
  if (attribute.startsWith('profile.')) return user.profile[attribute.slice('profile.'.length)];
  return (user as unknown as Record<string, unknown>)[attribute];
}

function parseComparison(text: string): Comparison {
  const match = /^\s*([A-Za-z_.]+)\s+(eq|ne|sw|co|pr|gt|ge|lt|le)(?:\s+("(?:[^"\\]|\\.)*"|\S+))?\s*$/.exec(
    text,
  );
  if (!match) throw oktaError(400, 'E0000031', 'Invalid search criteria.');
  const raw = match[3];
  const value =
    raw === undefined ? null : raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  return { attribute: match[1] as string, operator: match[2] as string, value };
}

function splitOutsideQuotes(text: string, keyword: string): string[] {
  const parts: string[] = [];
  let depth = false;
  let current = '';
  const needle = ` ${keyword} `;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character === '"' && text[index - 1] !== '\\') depth = !depth;
    if (!depth && text.slice(index, index + needle.length).toLowerCase() === needle) {
      parts.push(current);
      current = '';
      index += needle.length - 1;
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts;
}

function matches(user: OktaUserRecord, comparison: Comparison): boolean {
  const actual = attributeOf(user, comparison.attribute);
  if (comparison.operator === 'pr') return actual !== undefined && actual !== null && actual !== '';
  if (actual === undefined || actual === null) return false;
  // Okta compares strings case-insensitively in search expressions.
  const left = String(actual).toLowerCase();
  const right = (comparison.value ?? '').toLowerCase();
  switch (comparison.operator) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'sw':
      return left.startsWith(right);
    case 'co':
      return left.includes(right);
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
    default:
      return false;
  }
}

/**
 * A predicate for Okta's `search` / `filter` expressions: comparisons joined by `and` / `or`
 * (no parentheses; `and` binds tighter), the subset the fake supports.
 */
export function compileSearch(expression: string): (user: OktaUserRecord) => boolean {
  if (/[()]/.test(expression.replace(/"(?:[^"\\]|\\.)*"/g, ''))) {
    throw oktaError(400, 'E0000031', 'Invalid search criteria.', [
      'The fake supports no parentheses in search expressions.',
    ]);
  }
  const alternatives = splitOutsideQuotes(expression, 'or').map((part) =>
    splitOutsideQuotes(part, 'and').map(parseComparison),
  );
  return (user) => alternatives.some((all) => all.every((comparison) => matches(user, comparison)));
}
