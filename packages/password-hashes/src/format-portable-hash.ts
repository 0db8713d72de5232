import type { PortablePasswordHash } from '@idport/core';
import { encodeBcryptBase64, encodePhcBase64 } from './byte-encodings';
import type { ParsedPasswordHash } from './parsed-password-hash';

/**
 * Writes the canonical PHC-style string of a hash. The forms (see the README table):
 * `$scrypt$ln=,r=,p=$salt$hash`, `$firebase-scrypt$ln=,r=,ss=,sk=$salt$hash`,
 * `$2b$10$…` (bcrypt keeps its modular-crypt form), `$argon2id$v=19$m=,t=,p=$salt$hash`,
 * `$pbkdf2-sha256$i=,l=$salt$hash`, `$sha256$pos=prefix$salt$hash` and
 * `$hmac-sha256$key=,pos=$salt$hash`. Base64 is standard and unpadded; an empty salt
 * field means unsalted.
 */
export function formatPortableHash(parsed: ParsedPasswordHash): PortablePasswordHash {
  const b64 = encodePhcBase64;
  const tail = `${b64(parsed.salt)}$${b64(parsed.hash)}`;
  switch (parsed.algorithm) {
    case 'scrypt':
      return {
        algorithm: 'scrypt',
        phc: `$scrypt$ln=${parsed.logN},r=${parsed.blockSize},p=${parsed.parallelization}$${tail}`,
      };
    case 'firebase-scrypt':
      return {
        algorithm: 'firebase-scrypt',
        phc: `$firebase-scrypt$ln=${parsed.memoryCost},r=${parsed.rounds},ss=${b64(parsed.saltSeparator)},sk=${b64(parsed.signerKey)}$${tail}`,
      };
    case 'bcrypt':
      return {
        algorithm: 'bcrypt',
        phc: `$${parsed.version}$${String(parsed.cost).padStart(2, '0')}$${encodeBcryptBase64(parsed.salt)}${encodeBcryptBase64(parsed.hash)}`,
      };
    case 'argon2id':
    case 'argon2i':
      return {
        algorithm: parsed.algorithm,
        phc: `$${parsed.algorithm}$v=${parsed.version}$m=${parsed.memoryKib},t=${parsed.iterations},p=${parsed.parallelism}$${tail}`,
      };
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return {
        algorithm: parsed.algorithm,
        phc: `$${parsed.algorithm}$i=${parsed.iterations},l=${parsed.hash.length}$${tail}`,
      };
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return { algorithm: parsed.algorithm, phc: `$${parsed.algorithm}$pos=${parsed.saltPosition}$${tail}` };
    case 'hmac-md5':
    case 'hmac-sha1':
    case 'hmac-sha256':
    case 'hmac-sha512':
      return {
        algorithm: parsed.algorithm,
        phc: `$${parsed.algorithm}$key=${b64(parsed.key)},pos=${parsed.saltPosition}$${tail}`,
      };
  }
}
