import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';

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

const keycloakToPort: Record<string, PasswordHashAlgorithm> = {
  pbkdf2: 'pbkdf2-sha1',
  'pbkdf2-sha256': 'pbkdf2-sha256',
  'pbkdf2-sha512': 'pbkdf2-sha512',
};

const portToKeycloak: Partial<Record<PasswordHashAlgorithm, string>> = {
  'pbkdf2-sha1': 'pbkdf2',
  'pbkdf2-sha256': 'pbkdf2-sha256',
  'pbkdf2-sha512': 'pbkdf2-sha512',
};

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function firstParameter(parameters: unknown, name: string): string | undefined {
  const value = (parameters as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Standard base64 without padding, as PHC strings use it. */
const phcBase64 = (base64: string) => base64.replace(/=+$/, '');
const padBase64 = (text: string) => text + '='.repeat((4 - (text.length % 4)) % 4);

/**
 * A Keycloak password credential as a PHC string:
 * `$pbkdf2-sha256$i=27500,l=64$<salt>$<hash>` or `$argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>`.
 * Null for algorithms the port has no name for.
 */
export function toPortableHash(stored: KeycloakStoredSecret): PortablePasswordHash | null {
  const secret = parseJson(stored.secretData);
  const data = parseJson(stored.credentialData);
  if (!secret || !data || typeof secret.value !== 'string' || typeof secret.salt !== 'string') return null;
  const algorithm = String(data.algorithm);
  const iterations = Number(data.hashIterations);
  const salt = phcBase64(secret.salt);
  const hash = phcBase64(secret.value);
  const length = Buffer.from(secret.value, 'base64').length;
  const pbkdf2 = keycloakToPort[algorithm];
  if (pbkdf2) {
    const name = pbkdf2 === 'pbkdf2-sha1' ? 'pbkdf2' : pbkdf2;
    return { algorithm: pbkdf2, phc: `$${name}$i=${iterations},l=${length}$${salt}$${hash}` };
  }
  if (algorithm === 'argon2') {
    const parameters = data.additionalParameters;
    const type = firstParameter(parameters, 'type') ?? 'id';
    if (type !== 'id' && type !== 'i') return null;
    const version = firstParameter(parameters, 'version') === '1.0' ? 16 : 19;
    const memory = firstParameter(parameters, 'memory') ?? '7168';
    const parallelism = firstParameter(parameters, 'parallelism') ?? '1';
    const port: PasswordHashAlgorithm = type === 'id' ? 'argon2id' : 'argon2i';
    return {
      algorithm: port,
      phc: `$${port}$v=${version}$m=${memory},t=${iterations},p=${parallelism}$${salt}$${hash}`,
    };
  }
  return null;
}

/** A PHC hash as the `secretData`/`credentialData` Keycloak imports; a reason when it cannot. */
export function fromPortableHash(hash: PortablePasswordHash): KeycloakStoredSecret | { reason: string } {
  const unsupported = {
    reason: `Keycloak cannot verify ${hash.algorithm} hashes; the user needs a password reset`,
  };
  const parts = hash.phc.split('$');
  const pbkdf2 = portToKeycloak[hash.algorithm];
  if (pbkdf2) {
    // ['', 'pbkdf2-sha256', 'i=27500,l=64', salt, hash]
    const match = /^i=(\d+)(?:,l=\d+)?$/.exec(parts[2] ?? '');
    if (parts.length !== 5 || !match || !parts[3] || !parts[4])
      return { reason: `malformed ${hash.algorithm} PHC string` };
    return {
      secretData: JSON.stringify({
        value: padBase64(parts[4]),
        salt: padBase64(parts[3]),
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: Number(match[1]),
        algorithm: pbkdf2,
        additionalParameters: {},
      }),
    };
  }
  if (hash.algorithm === 'argon2id' || hash.algorithm === 'argon2i') {
    // ['', 'argon2id', 'v=19', 'm=..,t=..,p=..', salt, hash]
    const version = /^v=(\d+)$/.exec(parts[2] ?? '');
    const cost = /^m=(\d+),t=(\d+),p=(\d+)$/.exec(parts[3] ?? '');
    if (parts.length !== 6 || !version || !cost || !parts[4] || !parts[5])
      return { reason: `malformed ${hash.algorithm} PHC string` };
    const length = Buffer.from(padBase64(parts[5]), 'base64').length;
    return {
      secretData: JSON.stringify({
        value: padBase64(parts[5]),
        salt: padBase64(parts[4]),
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: Number(cost[2]),
        algorithm: 'argon2',
        additionalParameters: {
          hashLength: [String(length)],
          memory: [cost[1]],
          type: [hash.algorithm === 'argon2id' ? 'id' : 'i'],
          version: [version[1] === '16' ? '1.0' : '1.3'],
          parallelism: [cost[3]],
        },
      }),
    };
  }
  return unsupported;
}
