import type { PortablePasswordHash } from '@idport/core';
import { decodeBase64, decodeHex, encodeBase64 } from './byte-encodings';
import { formatPortableHash } from './format-portable-hash';
import { parsePhcString, parsePortableHash } from './parse-portable-hash';
import type { ParsedPasswordHash, SaltPosition } from './parsed-password-hash';
import { malformed, unsupported } from './password-hash-error';

type Auth0Encoding = 'base64' | 'hex' | 'utf8';

/** The `custom_password_hash` object of an Auth0 bulk user import file. */
export interface Auth0CustomPasswordHash {
  algorithm: 'argon2' | 'bcrypt' | 'hmac' | 'ldap' | 'md4' | 'md5' | 'sha1' | 'sha256' | 'sha512' | 'pbkdf2';
  hash: {
    value: string;
    encoding?: Auth0Encoding;
    /** HMAC only. */
    digest?: string;
    /** HMAC only. */
    key?: { value: string; encoding?: Auth0Encoding };
  };
  salt?: { value: string; encoding?: Auth0Encoding; position?: SaltPosition };
  password?: { encoding?: string };
}

const digestAlgorithms = ['md5', 'sha1', 'sha256', 'sha512'] as const;
type Digest = (typeof digestAlgorithms)[number];

function decode(value: unknown, encoding: Auth0Encoding | undefined, field: string): Buffer {
  if (typeof value !== 'string') throw malformed(`${field} must be a string`);
  switch (encoding ?? 'utf8') {
    case 'utf8':
      return Buffer.from(value, 'utf8');
    case 'hex':
      return decodeHex(value, field);
    case 'base64':
      // Auth0 also accepts URL-safe base64.
      return decodeBase64(value, field, { allowUrl: true });
    default:
      throw malformed(`${field} encoding must be base64, hex or utf8`);
  }
}

function isDigest(value: unknown): value is Digest {
  return (digestAlgorithms as readonly unknown[]).includes(value);
}

/** Auth0 fills in i = 100000 and l = 64 when a PBKDF2 PHC string leaves them out. */
function completePbkdf2(phc: string): string {
  const match = /^\$(pbkdf2-[a-z0-9]+)\$([^$]*)\$([^$]*)\$([^$]*)$/.exec(phc);
  if (!match) throw malformed('a PBKDF2 hash is $pbkdf2-<digest>$i=…,l=…$salt$hash');
  const [, id, parameterList, salt, hash] = match as unknown as [string, string, string, string, string];
  if (!['pbkdf2-sha1', 'pbkdf2-sha256', 'pbkdf2-sha512'].includes(id)) {
    throw unsupported(`${id} is not supported (only sha1, sha256 and sha512 digests)`);
  }
  const parameters = new Map(
    parameterList
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  const iterations = parameters.get('i') ?? '100000';
  const unpadded = (value: string) => value.replace(/=+$/, '');
  const decodedHash = decodeBase64(unpadded(hash), 'hash');
  if ((parameters.get('l') ?? '64') !== String(decodedHash.length))
    throw malformed('parameter "l" differs from the hash length');
  return `$${id}$i=${iterations},l=${decodedHash.length}$${unpadded(salt)}$${unpadded(hash)}`;
}

/**
 * Converts an Auth0 `custom_password_hash` to a portable hash. Supported: argon2 (id, i),
 * bcrypt, pbkdf2 with sha1/256/512, md5/sha1/sha256/sha512 with a prefix or suffix salt, and
 * hmac with md5/sha1/sha256/sha512 digests. `md4`, `ldap`, other PBKDF2 digests and
 * non-UTF-8 password encodings throw UNSUPPORTED_HASH.
 */
export function fromAuth0CustomPasswordHash(custom: Auth0CustomPasswordHash): PortablePasswordHash {
  if (
    typeof custom !== 'object' ||
    custom === null ||
    typeof custom.hash !== 'object' ||
    custom.hash === null
  ) {
    throw malformed('custom_password_hash needs algorithm and hash');
  }
  if ((custom.password?.encoding ?? 'utf8') !== 'utf8') {
    throw unsupported('only UTF-8 password encoding is supported');
  }
  const value = custom.hash.value;
  if (typeof value !== 'string') throw malformed('hash.value must be a string');
  const saltFields = (): { salt: Buffer; saltPosition: SaltPosition } => {
    if (!custom.salt) return { salt: Buffer.alloc(0), saltPosition: 'prefix' };
    const position = custom.salt.position;
    if (position !== 'prefix' && position !== 'suffix')
      throw malformed('salt.position must be prefix or suffix');
    return { salt: decode(custom.salt.value, custom.salt.encoding, 'salt.value'), saltPosition: position };
  };
  let parsed: ParsedPasswordHash;
  switch (custom.algorithm) {
    case 'bcrypt':
    case 'argon2': {
      parsed = parsePhcString(value);
      const expected = custom.algorithm === 'bcrypt' ? ['bcrypt'] : ['argon2id', 'argon2i'];
      if (!expected.includes(parsed.algorithm))
        throw unsupported(`hash.value is not a supported ${custom.algorithm} hash`);
      break;
    }
    case 'pbkdf2':
      parsed = parsePhcString(completePbkdf2(value));
      break;
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      if (custom.hash.encoding !== 'hex' && custom.hash.encoding !== 'base64') {
        throw malformed('hash.encoding must be hex or base64');
      }
      parsed = {
        algorithm: custom.algorithm,
        ...saltFields(),
        hash: decode(value, custom.hash.encoding, 'hash.value'),
      };
      break;
    }
    case 'hmac': {
      if (custom.hash.encoding !== 'hex' && custom.hash.encoding !== 'base64') {
        throw malformed('hash.encoding must be hex or base64');
      }
      if (!isDigest(custom.hash.digest)) throw unsupported('hash.digest must be md5, sha1, sha256 or sha512');
      if (!custom.hash.key) throw malformed('hash.key is required for hmac');
      parsed = {
        algorithm: `hmac-${custom.hash.digest}`,
        key: decode(custom.hash.key.value, custom.hash.key.encoding, 'hash.key.value'),
        ...saltFields(),
        hash: decode(value, custom.hash.encoding, 'hash.value'),
      };
      break;
    }
    default:
      throw unsupported(`Auth0 algorithm "${String(custom.algorithm).slice(0, 32)}" is not supported`);
  }
  const portable = formatPortableHash(parsed);
  parsePortableHash(portable);
  return portable;
}

/**
 * Converts a portable hash to an Auth0 `custom_password_hash`. Auth0 has no scrypt import,
 * so scrypt and Firebase scrypt throw UNSUPPORTED_HASH; `$2y$` bcrypt is relabelled `$2b$`
 * (the same function), since Auth0 accepts only `$2a$` and `$2b$`.
 */
export function toAuth0CustomPasswordHash(hash: PortablePasswordHash): Auth0CustomPasswordHash {
  const parsed = parsePortableHash(hash);
  const salt = (salted: { salt: Uint8Array; saltPosition: SaltPosition }) =>
    salted.salt.length === 0
      ? {}
      : {
          salt: {
            value: encodeBase64(salted.salt),
            encoding: 'base64' as const,
            position: salted.saltPosition,
          },
        };
  switch (parsed.algorithm) {
    case 'bcrypt': {
      const relabelled = parsed.version === '2y' ? { ...parsed, version: '2b' as const } : parsed;
      return { algorithm: 'bcrypt', hash: { value: formatPortableHash(relabelled).phc, encoding: 'utf8' } };
    }
    case 'argon2id':
    case 'argon2i':
      return { algorithm: 'argon2', hash: { value: formatPortableHash(parsed).phc, encoding: 'utf8' } };
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return { algorithm: 'pbkdf2', hash: { value: formatPortableHash(parsed).phc, encoding: 'utf8' } };
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return {
        algorithm: parsed.algorithm,
        hash: { value: encodeBase64(parsed.hash), encoding: 'base64' },
        ...salt(parsed),
      };
    case 'hmac-md5':
    case 'hmac-sha1':
    case 'hmac-sha256':
    case 'hmac-sha512':
      return {
        algorithm: 'hmac',
        hash: {
          value: encodeBase64(parsed.hash),
          encoding: 'base64',
          digest: parsed.algorithm.slice('hmac-'.length),
          key: { value: encodeBase64(parsed.key), encoding: 'base64' },
        },
        ...salt(parsed),
      };
    default:
      throw unsupported(`Auth0 cannot import ${parsed.algorithm} hashes`);
  }
}
