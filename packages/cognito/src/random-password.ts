import { randomBytes } from 'node:crypto';

/**
 * A throw-away password that satisfies any Cognito password policy (upper, lower, digit,
 * symbol, 40 characters). Used where Cognito insists on a password nobody should know:
 * users created without one, imported users who must reset theirs.
 */
export function randomPassword(): string {
  return `Aa1!${randomBytes(27).toString('base64url')}`;
}
