import type { PortablePasswordHash } from '@idport/core';
import { decodeBase64, encodeBase64 } from './byte-encodings';
import { formatPortableHash } from './format-portable-hash';
import { parsePhcString, parsePortableHash } from './parse-portable-hash';
import type { ParsedPasswordHash } from './parsed-password-hash';
import { malformed, unsupported } from './password-hash-error';

/**
 * A Keycloak password credential as the admin API and realm exports carry it: two JSON
 * documents stored as strings.
 */
export interface KeycloakPasswordCredential {
  type: 'password';
  /** JSON: `{"value": base64 hash, "salt": base64 salt, "additionalParameters": {}}`. */
  secretData: string;
  /** JSON: `{"hashIterations": n, "algorithm": "pbkdf2-sha256", "additionalParameters": {…}}`. */
  credentialData: string;
}

interface SecretData {
  value?: unknown;
  salt?: unknown;
}

interface CredentialData {
  hashIterations?: unknown;
  algorithm?: unknown;
  additionalParameters?: Record<string, unknown>;
}

const pbkdf2Providers = {
  pbkdf2: 'pbkdf2-sha1',
  'pbkdf2-sha256': 'pbkdf2-sha256',
  'pbkdf2-sha512': 'pbkdf2-sha512',
} as const;

function parseJson<T>(text: unknown, field: string): T {
  if (typeof text !== 'string') throw malformed(`${field} must be a JSON string`);
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value as T;
  } catch {
    throw malformed(`${field} is not a JSON object`);
  }
}

/** Keycloak stores each additional parameter as a list of strings; the first one counts. */
function firstParameter(data: CredentialData, key: string): string {
  const value = data.additionalParameters?.[key];
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') throw malformed(`credentialData.additionalParameters.${key} is missing`);
  return first;
}

function decimalParameter(data: CredentialData, key: string): number {
  const value = firstParameter(data, key);
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw malformed(`credentialData.additionalParameters.${key} is not a positive integer`);
  return Number(value);
}

/**
 * Converts a Keycloak password credential to a portable hash: the built-in `pbkdf2`
 * (SHA-1), `pbkdf2-sha256`, `pbkdf2-sha512` and `argon2` (type id or i) providers, and
 * `bcrypt` as the common third-party extension stores it (the modular-crypt string in
 * `secretData.value`).
 */
export function fromKeycloakCredential(credential: KeycloakPasswordCredential): PortablePasswordHash {
  if (typeof credential !== 'object' || credential === null)
    throw malformed('a Keycloak credential is an object');
  if (credential.type !== 'password') throw unsupported('only password credentials carry a hash');
  const secret = parseJson<SecretData>(credential.secretData, 'secretData');
  const data = parseJson<CredentialData>(credential.credentialData, 'credentialData');
  if (typeof secret.value !== 'string') throw malformed('secretData.value must be a string');
  const iterations = data.hashIterations;
  if (!Number.isInteger(iterations)) throw malformed('credentialData.hashIterations must be an integer');
  const salt = () => decodeBase64(typeof secret.salt === 'string' ? secret.salt : '', 'secretData.salt');
  let parsed: ParsedPasswordHash;
  const provider = data.algorithm;
  if (typeof provider === 'string' && provider in pbkdf2Providers) {
    parsed = {
      algorithm: pbkdf2Providers[provider as keyof typeof pbkdf2Providers],
      iterations: iterations as number,
      salt: salt(),
      hash: decodeBase64(secret.value, 'secretData.value'),
    };
  } else if (provider === 'argon2') {
    const type = firstParameter(data, 'type');
    if (type !== 'id' && type !== 'i')
      throw unsupported(`argon2 type "${type.slice(0, 8)}" is not supported`);
    const version = firstParameter(data, 'version');
    if (version !== '1.3' && version !== '1.0') throw unsupported('argon2 version must be 1.3 or 1.0');
    const hash = decodeBase64(secret.value, 'secretData.value');
    if (decimalParameter(data, 'hashLength') !== hash.length)
      throw malformed('hashLength differs from the hash length');
    parsed = {
      algorithm: type === 'id' ? 'argon2id' : 'argon2i',
      version: version === '1.3' ? 19 : 16,
      memoryKib: decimalParameter(data, 'memory'),
      iterations: iterations as number,
      parallelism: decimalParameter(data, 'parallelism'),
      salt: salt(),
      hash,
    };
  } else if (provider === 'bcrypt') {
    parsed = parsePhcString(secret.value);
    if (parsed.algorithm !== 'bcrypt') throw malformed('a bcrypt credential holds a $2…$ string');
  } else {
    throw unsupported(`Keycloak hash provider "${String(provider).slice(0, 32)}" is not supported`);
  }
  const portable = formatPortableHash(parsed);
  parsePortableHash(portable);
  return portable;
}

/**
 * Converts a portable hash to a Keycloak password credential (for `POST /users` with
 * `credentials` or a partial import). Keycloak verifies PBKDF2-SHA1/256/512 and argon2
 * natively; bcrypt needs the third-party bcrypt provider installed. Other algorithms throw
 * UNSUPPORTED_HASH.
 */
export function toKeycloakCredential(hash: PortablePasswordHash): KeycloakPasswordCredential {
  const parsed = parsePortableHash(hash);
  const credential = (secret: object, data: object): KeycloakPasswordCredential => ({
    type: 'password',
    secretData: JSON.stringify(secret),
    credentialData: JSON.stringify(data),
  });
  switch (parsed.algorithm) {
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return credential(
        { value: encodeBase64(parsed.hash), salt: encodeBase64(parsed.salt), additionalParameters: {} },
        {
          hashIterations: parsed.iterations,
          algorithm: parsed.algorithm === 'pbkdf2-sha1' ? 'pbkdf2' : parsed.algorithm,
          additionalParameters: {},
        },
      );
    case 'argon2id':
    case 'argon2i':
      return credential(
        { value: encodeBase64(parsed.hash), salt: encodeBase64(parsed.salt), additionalParameters: {} },
        {
          hashIterations: parsed.iterations,
          algorithm: 'argon2',
          additionalParameters: {
            hashLength: [String(parsed.hash.length)],
            memory: [String(parsed.memoryKib)],
            type: [parsed.algorithm === 'argon2id' ? 'id' : 'i'],
            version: [parsed.version === 19 ? '1.3' : '1.0'],
            parallelism: [String(parsed.parallelism)],
          },
        },
      );
    case 'bcrypt':
      return credential(
        { value: formatPortableHash(parsed).phc, salt: '', additionalParameters: {} },
        { hashIterations: parsed.cost, algorithm: 'bcrypt', additionalParameters: {} },
      );
    default:
      throw unsupported(`Keycloak cannot import ${parsed.algorithm} hashes`);
  }
}
