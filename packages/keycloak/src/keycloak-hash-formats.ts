import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';
import { fromKeycloakCredential, PasswordHashError, toKeycloakCredential } from '@idport/password-hashes';

/** A Keycloak password credential's stored parts (JSON strings, as the admin API and exports carry them). */
export interface KeycloakStoredSecret {
  readonly secretData: string;
  readonly credentialData: string;
}

/** Hash families Keycloak verifies out of the box (PasswordHashProvider implementations in Keycloak 26). */
export const keycloakHashAlgorithms: readonly PasswordHashAlgorithm[] = [
  'pbkdf2-sha1',
  'pbkdf2-sha256',
  'pbkdf2-sha512',
  'argon2id',
  'argon2i',
];

/**
 * A stored Keycloak password credential as the project's canonical PHC string
 * (`@idport/password-hashes`: `$pbkdf2-sha256$i=27500,l=64$<salt>$<hash>`,
 * `$argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>`). Null when it cannot be read.
 */
export function toPortableHash(stored: KeycloakStoredSecret): PortablePasswordHash | null {
  try {
    return fromKeycloakCredential({ type: 'password', ...stored });
  } catch (error) {
    if (PasswordHashError.isInstance(error)) return null;
    throw error;
  }
}

/** A portable hash as the credential Keycloak imports, or the reason it cannot be imported. */
export function fromPortableHash(hash: PortablePasswordHash): KeycloakStoredSecret | { reason: string } {
  if (!keycloakHashAlgorithms.includes(hash.algorithm)) {
    return { reason: `Keycloak cannot verify ${hash.algorithm} hashes; the user needs a password reset` };
  }
  try {
    const { secretData, credentialData } = toKeycloakCredential(hash);
    return { secretData, credentialData };
  } catch (error) {
    // PasswordHashError messages name the bad field, never the hash or salt.
    if (PasswordHashError.isInstance(error)) return { reason: `${hash.algorithm}: ${error.message}` };
    throw error;
  }
}
