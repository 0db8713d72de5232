import { createCipheriv, createHash, createHmac, pbkdf2, scrypt } from 'node:crypto';
import { type Algorithm, hashRaw, type Version } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { decodeBcryptBase64 } from './byte-encodings';
import type { ParsedPasswordHash } from './parsed-password-hash';

/** scrypt on libuv's thread pool, with `maxmem` raised just enough for the parameters. */
export function scryptBytes(
  password: Uint8Array,
  salt: Uint8Array,
  length: number,
  parameters: { cost: number; blockSize: number; parallelization: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      length,
      {
        N: parameters.cost,
        r: parameters.blockSize,
        p: parameters.parallelization,
        maxmem:
          128 * parameters.cost * parameters.blockSize +
          128 * parameters.blockSize * parameters.parallelization +
          1024 * 1024,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function pbkdf2Bytes(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
  digest: string,
) {
  return new Promise<Buffer>((resolve, reject) => {
    pbkdf2(password, salt, iterations, length, digest, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function saltedMessage(password: Uint8Array, salt: Uint8Array, position: 'prefix' | 'suffix'): Buffer {
  return position === 'prefix' ? Buffer.concat([salt, password]) : Buffer.concat([password, salt]);
}

// Values of @node-rs/argon2's const enums (not importable under isolatedModules).
const argon2Algorithms = { argon2i: 1, argon2id: 2 } as const;
const argon2Versions = { 16: 0, 19: 1 } as const;

/**
 * Computes the hash `parsed` describes for `password` (UTF-8 bytes), with `parsed`'s own
 * salt and parameters, giving bytes to compare with `parsed.hash`. Limits must have been
 * checked before: this function trusts its parameters.
 */
export async function derivePasswordHash(password: Uint8Array, parsed: ParsedPasswordHash): Promise<Buffer> {
  switch (parsed.algorithm) {
    case 'scrypt':
      return scryptBytes(password, parsed.salt, parsed.hash.length, {
        cost: 2 ** parsed.logN,
        blockSize: parsed.blockSize,
        parallelization: parsed.parallelization,
      });
    case 'firebase-scrypt': {
      // Firebase derives 64 bytes and keys AES-256 with the first 32 (firebase/scrypt).
      const derived = await scryptBytes(password, Buffer.concat([parsed.salt, parsed.saltSeparator]), 64, {
        cost: 2 ** parsed.memoryCost,
        blockSize: parsed.rounds,
        parallelization: 1,
      });
      const cipher = createCipheriv('aes-256-ctr', derived.subarray(0, 32), Buffer.alloc(16));
      return Buffer.concat([cipher.update(parsed.signerKey), cipher.final()]);
    }
    case 'bcrypt': {
      // $2a$, $2b$ and $2y$ compute the same function; 2b is what the library creates.
      const encoded = await bcryptHash(password, { salt: parsed.salt, cost: parsed.cost, version: '2b' });
      return decodeBcryptBase64(encoded.slice(-31), 23, 'hash');
    }
    case 'argon2id':
    case 'argon2i':
      return hashRaw(password, {
        algorithm: argon2Algorithms[parsed.algorithm] as Algorithm,
        version: argon2Versions[parsed.version] as Version,
        memoryCost: parsed.memoryKib,
        timeCost: parsed.iterations,
        parallelism: parsed.parallelism,
        outputLen: parsed.hash.length,
        salt: parsed.salt,
      });
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return pbkdf2Bytes(
        password,
        parsed.salt,
        parsed.iterations,
        parsed.hash.length,
        parsed.algorithm.slice('pbkdf2-'.length),
      );
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return createHash(parsed.algorithm)
        .update(saltedMessage(password, parsed.salt, parsed.saltPosition))
        .digest();
    case 'hmac-md5':
    case 'hmac-sha1':
    case 'hmac-sha256':
    case 'hmac-sha512':
      return createHmac(parsed.algorithm.slice('hmac-'.length), parsed.key)
        .update(saltedMessage(password, parsed.salt, parsed.saltPosition))
        .digest();
  }
}
