import { managementError } from './auth0-error-bodies';
import type { Auth0User } from './auth0-tenant';

type Predicate = (user: Auth0User) => boolean;

const fieldReaders: Record<string, (user: Auth0User) => string | boolean | null> = {
  email: (user) => user.email,
  user_id: (user) => user.userId,
  created_at: (user) => user.createdAt,
  updated_at: (user) => user.updatedAt,
  name: (user) => user.name,
  given_name: (user) => user.givenName,
  family_name: (user) => user.familyName,
  blocked: (user) => user.blocked,
  email_verified: (user) => user.emailVerified,
};

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * The part of Auth0's user search query syntax (search engine v3, Lucene-like) the fake
 * understands: `field:value`, `field:"value"`, ranges `field:[a TO b]` / `{a TO b}` with `*`,
 * joined by `AND`. Anything else is refused with 400 rather than answered wrongly.
 */
export function parseUserQuery(query: string): Predicate {
  const clauses = query
    .split(/\s+AND\s+/)
    .map((clause) => clause.trim())
    .filter(Boolean);
  const predicates = clauses.map((clause): Predicate => {
    const match = /^([a-z_]+):(.+)$/.exec(clause);
    const reader = match ? fieldReaders[match[1] as string] : undefined;
    if (!match || !reader)
      return managementError(
        400,
        `The idport fake does not support this query: ${clause}`,
        'invalid_query_string',
      );
    const value = match[2] as string;
    const range = /^([[{])\s*("[^"]*"|\S+)\s+TO\s+("[^"]*"|\S+)\s*([\]}])$/.exec(value);
    if (range) {
      const lower = unquote(range[2] as string);
      const upper = unquote(range[3] as string);
      const lowerInclusive = range[1] === '[';
      const upperInclusive = range[4] === ']';
      return (user) => {
        const actual = reader(user);
        if (typeof actual !== 'string') return false;
        if (lower !== '*' && (lowerInclusive ? actual < lower : actual <= lower)) return false;
        if (upper !== '*' && (upperInclusive ? actual > upper : actual >= upper)) return false;
        return true;
      };
    }
    const expected = unquote(value);
    return (user) => {
      const actual = reader(user);
      if (typeof actual === 'boolean') return String(actual) === expected;
      return actual !== null && actual.toLowerCase() === expected.toLowerCase();
    };
  });
  return (user) => predicates.every((predicate) => predicate(user));
}

/** Sorts users by Auth0's `sort` parameter (`field:1` ascending, `field:-1` descending). */
export function sortUsers(users: Auth0User[], sort: string | null): Auth0User[] {
  const [field, direction] = (sort ?? 'created_at:1').split(':');
  const reader = fieldReaders[field ?? ''] ?? fieldReaders.created_at;
  const sign = direction === '-1' ? -1 : 1;
  return users.sort((left, right) => {
    const a = String(reader?.(left) ?? '');
    const b = String(reader?.(right) ?? '');
    if (a !== b) return a < b ? -sign : sign;
    return (left.sequence - right.sequence) * sign;
  });
}
