import { describe, expect, it } from 'vitest';
import { createPortableHash, type PasswordHashSpecification } from './create-portable-hash';
import { fromOktaPasswordHash, type OktaPasswordHash, toOktaPasswordHash } from './okta-password-hash';
import { PasswordHashError } from './password-hash-error';
import { verifyPortableHash } from './verify-portable-hash';

const password = 'Okta imported pa55word';

const importable: PasswordHashSpecification[] = [
  { algorithm: 'bcrypt', version: '2b', cost: 4 },
  { algorithm: 'pbkdf2-sha256', iterations: 4096 },
  { algorithm: 'pbkdf2-sha512', iterations: 4096, hashLength: 32 },
  { algorithm: 'md5', saltPosition: 'prefix' },
  { algorithm: 'sha1', saltPosition: 'suffix' },
  { algorithm: 'sha256', saltPosition: 'prefix' },
  { algorithm: 'sha512', saltPosition: 'suffix' },
  { algorithm: 'sha256', saltPosition: 'prefix', salt: Buffer.alloc(0) },
];

describe('Okta credentials.password.hash', () => {
  for (const specification of importable) {
    it(`round-trips ${specification.algorithm} and still verifies`, async () => {
      const portable = await createPortableHash(password, specification);
      const okta = toOktaPasswordHash(portable);
      expect(JSON.stringify(okta)).not.toContain(password);
      const back = fromOktaPasswordHash(okta);
      expect(back).toEqual(portable);
      expect(await verifyPortableHash(password, back)).toBe(true);
      expect(await verifyPortableHash(`${password}!`, back)).toBe(false);
    });
  }

  it('writes the documented shapes', async () => {
    const sha = toOktaPasswordHash(
      await createPortableHash(password, { algorithm: 'sha512', saltPosition: 'suffix' }),
    );
    expect(Object.keys(sha).sort()).toEqual(['algorithm', 'salt', 'saltOrder', 'value']);
    expect(sha).toMatchObject({ algorithm: 'SHA-512', saltOrder: 'POSTFIX' });
    const unsalted = toOktaPasswordHash(
      await createPortableHash(password, { algorithm: 'md5', saltPosition: 'prefix', salt: Buffer.alloc(0) }),
    );
    expect(unsalted).toEqual({ algorithm: 'MD5', value: expect.any(String) });
    const pbkdf2 = toOktaPasswordHash(
      await createPortableHash(password, { algorithm: 'pbkdf2-sha256', iterations: 5000 }),
    );
    expect(pbkdf2).toMatchObject({
      algorithm: 'PBKDF2',
      digestAlgorithm: 'SHA256_HMAC',
      iterationCount: 5000,
      keySize: 32,
    });
    const bcrypt = toOktaPasswordHash(
      await createPortableHash(password, { algorithm: 'bcrypt', version: '2y', cost: 4 }),
    );
    expect(bcrypt).toMatchObject({ algorithm: 'BCRYPT', workFactor: 4 });
    expect(bcrypt.salt).toHaveLength(22);
    expect(bcrypt.value).toHaveLength(31);
  });

  it("reads the example of Okta's API reference (BCRYPT, work factor 10)", () => {
    const example: OktaPasswordHash = {
      algorithm: 'BCRYPT',
      workFactor: 10,
      salt: 'rwh3vH166HCH/NT9XV5FYu',
      value: 'qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna',
    };
    const portable = fromOktaPasswordHash(example);
    expect(portable).toEqual({
      algorithm: 'bcrypt',
      phc: '$2b$10$rwh3vH166HCH/NT9XV5FYuqaMqvAPULkbiQzkTCWo5XDcvzpk8Tna',
    });
    expect(toOktaPasswordHash(portable)).toEqual(example);
  });

  it('verifies a bcrypt vector received in Okta form', async () => {
    const portable = fromOktaPasswordHash({
      algorithm: 'BCRYPT',
      workFactor: 5,
      salt: 'CCCCCCCCCCCCCCCCCCCCC.',
      value: 'E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    });
    expect(await verifyPortableHash('U*U', portable)).toBe(true);
  });

  it('refuses what Okta cannot import', async () => {
    for (const specification of [
      { algorithm: 'scrypt', logN: 10, blockSize: 8, parallelization: 1 },
      { algorithm: 'argon2id', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
      { algorithm: 'pbkdf2-sha1', iterations: 5000 },
      { algorithm: 'pbkdf2-sha256', iterations: 1000 },
      { algorithm: 'hmac-sha256', key: Buffer.from('k'), saltPosition: 'prefix' },
    ] satisfies PasswordHashSpecification[]) {
      const portable = await createPortableHash(password, specification);
      expect(() => toOktaPasswordHash(portable)).toThrowError(
        expect.objectContaining({ code: 'UNSUPPORTED_HASH' }),
      );
    }
  });

  it('refuses malformed Okta objects with typed errors', () => {
    const bad: [unknown, string][] = [
      [null, 'MALFORMED_HASH'],
      [
        { algorithm: 'BCRYPT', workFactor: 10, salt: 'short', value: 'qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna' },
        'MALFORMED_HASH',
      ],
      [
        { algorithm: 'BCRYPT', salt: 'rwh3vH166HCH/NT9XV5FYu', value: 'qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna' },
        'MALFORMED_HASH',
      ],
      [{ algorithm: 'SHA-256', salt: 'c2FsdA==', value: 'bm90IGEgc2hhMjU2' }, 'MALFORMED_HASH'],
      [
        { algorithm: 'SHA-256', salt: 'c2FsdA==', saltOrder: 'PREFIX', value: 'bm90IGEgc2hhMjU2' },
        'MALFORMED_HASH',
      ],
      [{ algorithm: 'SHA-1', value: 'not base64 at all!' }, 'MALFORMED_HASH'],
      [
        {
          algorithm: 'PBKDF2',
          digestAlgorithm: 'SHA1_HMAC',
          iterationCount: 5000,
          salt: 'c2FsdA==',
          value: 'AAAA',
        },
        'UNSUPPORTED_HASH',
      ],
      [{ algorithm: 'CRYPT', value: 'x' }, 'UNSUPPORTED_HASH'],
    ];
    for (const [value, code] of bad) {
      let caught: unknown;
      try {
        fromOktaPasswordHash(value as OktaPasswordHash);
      } catch (error) {
        caught = error;
      }
      expect(PasswordHashError.isInstance(caught), JSON.stringify(value)).toBe(true);
      expect((caught as PasswordHashError).code, JSON.stringify(value)).toBe(code);
    }
  });
});
