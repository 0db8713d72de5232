import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { IdentityError } from '@idport/core';

/** What a challenge carries between `signIn` and `completeMfa` / `completeNewPassword`. */
export type ChallengeState =
  /** Keycloak needs the password again with `totp`: it keeps no state between the two calls. */
  | { readonly kind: 'otp'; readonly username: string; readonly password: string; readonly userId: string }
  /** The temporary password was right (Keycloak said "not fully set up"); a new one may be set. */
  | { readonly kind: 'new-password'; readonly username: string; readonly userId: string };

/**
 * Seals challenge state with AES-256-GCM so the opaque `session` string can travel through
 * the caller without exposing the password it carries, and cannot be forged or extended.
 */
export class ChallengeSealer {
  readonly #key: Buffer;
  readonly #ttlMs: number;

  constructor(options: { key?: string; ttlSeconds: number }) {
    this.#key = options.key ? Buffer.from(options.key, 'base64') : randomBytes(32);
    if (this.#key.length !== 32) {
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        provider: 'keycloak',
        field: 'challengeKey',
        message: 'challengeKey must be 32 bytes, base64-encoded',
      });
    }
    this.#ttlMs = options.ttlSeconds * 1000;
  }

  seal(state: ChallengeState): { session: string; expiresAt: Date } {
    const expiresAt = new Date(Date.now() + this.#ttlMs);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const plaintext = Buffer.from(JSON.stringify({ ...state, exp: expiresAt.getTime() }));
    const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const session = `kc1.${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url')}`;
    return { session, expiresAt };
  }

  /** Opens a challenge of the expected kind; MFA_CHALLENGE_EXPIRED for anything forged, altered or old. */
  open<Kind extends ChallengeState['kind']>(
    session: string,
    kind: Kind,
  ): Extract<ChallengeState, { kind: Kind }> {
    const expired = () =>
      new IdentityError({
        code: 'MFA_CHALLENGE_EXPIRED',
        provider: 'keycloak',
        message: 'The sign-in challenge is not valid or has expired',
      });
    if (!session.startsWith('kc1.')) throw expired();
    try {
      const raw = Buffer.from(session.slice(4), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plaintext = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      const state = JSON.parse(plaintext.toString()) as ChallengeState & { exp: number };
      if (state.kind !== kind || state.exp < Date.now()) throw expired();
      return state as unknown as Extract<ChallengeState, { kind: Kind }>;
    } catch {
      throw expired();
    }
  }
}
