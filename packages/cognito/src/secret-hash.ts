import { createHmac } from 'node:crypto';

/**
 * Cognito's SECRET_HASH: Base64(HMAC-SHA256(clientSecret, username + clientId)). `username`
 * is the value sent as USERNAME: what the user typed at sign-in, Cognito's own username
 * (USER_ID_FOR_SRP) when answering a challenge.
 */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}
