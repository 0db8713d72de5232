import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { parsePhcString, verifyPortableHash } from '@idport/password-hashes';

/** scrypt cost parameters. */
export interface ScryptParameters {
  logN: number;
  blockSize: number;
  parallelization: number;
}

const keyLength = 32;

function derive(
  password: string,
  salt: Buffer,
  parameters: ScryptParameters,
  length: number,
): Promise<Buffer> {
  const cost = 2 ** parameters.logN;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      length,
      {
        N: cost,
        r: parameters.blockSize,
        p: parameters.parallelization,
        // Node's default 32 MiB cap is below OWASP's N=2^17 parameters.
        maxmem: 256 * cost * parameters.blockSize + 32 * 1024 * 1024,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const phcPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Parses `$scrypt$ln=..,r=..,p=..$salt$hash`; null when it is not one. */
export function parseScryptPhc(
  phc: string,
): { parameters: ScryptParameters; salt: Buffer; hash: Buffer } | null {
  const match = phcPattern.exec(phc);
  if (!match) return null;
  const parameters = {
    logN: Number(match[1]),
    blockSize: Number(match[2]),
    parallelization: Number(match[3]),
  };
  if (
    parameters.logN < 1 ||
    parameters.logN > 22 ||
    parameters.blockSize < 1 ||
    parameters.parallelization < 1
  ) {
    return null;
  }
  const salt = Buffer.from(match[4] as string, 'base64');
  const hash = Buffer.from(match[5] as string, 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { parameters, salt, hash };
}

/** Hashes a password into a PHC string. Passwords are NFKC-normalized first. */
export async function hashPassword(password: string, parameters: ScryptParameters): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, parameters, keyLength);
  const encode = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${parameters.logN},r=${parameters.blockSize},p=${parameters.parallelization}$${encode(salt)}$${encode(hash)}`;
}

/** Constant-time check of a password against a scrypt PHC string. */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const parsed = parseScryptPhc(phc);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.parameters, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** Whether a stored hash is weaker than the configured parameters, so it should be redone. */
export function needsRehash(phc: string, parameters: ScryptParameters): boolean {
  const parsed = parseScryptPhc(phc);
  return (
    !parsed ||
    parsed.parameters.logN < parameters.logN ||
    parsed.parameters.blockSize < parameters.blockSize ||
    parsed.parameters.parallelization < parameters.parallelization
  );
}

/**
 * Checks a password against whatever a user row holds: local's own scrypt, or a hash
 * imported from another provider (bcrypt, argon2, PBKDF2, Firebase scrypt, salted digests,
 * HMAC — see @idport/password-hashes). Local NFKC-normalizes before scrypt; other vendors
 * hash the raw UTF-8 bytes, so an imported scrypt hash of a password that NFKC changes is
 * checked raw too. Malformed or out-of-bounds stored hashes never verify (fail closed).
 */
export async function verifyStoredPassword(password: string, stored: string): Promise<boolean> {
  if (parseScryptPhc(stored)) {
    if (await verifyPassword(password, stored)) return true;
    if (password.normalize('NFKC') === password) return false;
  }
  try {
    return await verifyPortableHash(password, { algorithm: parsePhcString(stored).algorithm, phc: stored });
  } catch {
    return false;
  }
}
