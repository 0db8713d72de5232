import type { VerificationKey } from './verification-key';

/**
 * Where a verifier gets its keys. Built from a {@link KeySource} by the verifier, or created
 * once with `createRemoteKeyStore` / `createLocalKeyStore` and shared by several verifiers
 * (an adapter's access-token and ID-token verifiers share one JWKS cache that way).
 */
export interface KeyStore {
  readonly kind: 'key-store';
  /**
   * The keys with this `kid` (every key when `keyId` is undefined). Answers synchronously
   * from a fresh cache; returns a promise when it has to fetch. Rejects with a
   * TokenVerificationError (`keys_unavailable`, PROVIDER_UNAVAILABLE) when keys cannot be had.
   * An empty array means no such key.
   */
  keysFor(keyId: string | undefined): readonly VerificationKey[] | Promise<readonly VerificationKey[]>;
}
