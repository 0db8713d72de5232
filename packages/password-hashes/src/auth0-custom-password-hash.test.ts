import { describe, expect, it } from 'vitest';
import {
  type Auth0CustomPasswordHash,
  fromAuth0CustomPasswordHash,
  toAuth0CustomPasswordHash,
} from './auth0-custom-password-hash';
import { createPortableHash, type PasswordHashSpecification } from './create-portable-hash';
import { verifyPortableHash } from './verify-portable-hash';

const password = 'Auth0 imported pa55word';

const importable: PasswordHashSpecification[] = [
  { algorithm: 'bcrypt', version: '2b', cost: 4 },
  { algorithm: 'argon2id', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'argon2i', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'pbkdf2-sha1', iterations: 1000 },
  { algorithm: 'pbkdf2-sha256', iterations: 1000 },
  { algorithm: 'pbkdf2-sha512', iterations: 1000 },
  { algorithm: 'md5', saltPosition: 'prefix' },
  { algorithm: 'sha1', saltPosition: 'suffix' },
  { algorithm: 'sha256', saltPosition: 'prefix', salt: Buffer.alloc(0) },
  { algorithm: 'sha512', saltPosition: 'suffix' },
  { algorithm: 'hmac-md5', key: Buffer.from('key'), saltPosition: 'prefix' },
  { algorithm: 'hmac-sha1', key: Buffer.from('key'), saltPosition: 'suffix' },
  { algorithm: 'hmac-sha256', key: Buffer.from('key'), saltPosition: 'prefix', salt: Buffer.alloc(0) },
  { algorithm: 'hmac-sha512', key: Buffer.from('key'), saltPosition: 'suffix' },
];

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('Auth0 custom_password_hash', () => {
  for (const specification of importable) {
    it(`round-trips ${specification.algorithm} and still verifies`, async () => {
      const portable = await createPortableHash(password, specification);
      const custom = toAuth0CustomPasswordHash(portable);
      const back = fromAuth0CustomPasswordHash(custom);
      expect(back).toEqual(portable);
      expect(await verifyPortableHash(password, back)).toBe(true);
      expect(await verifyPortableHash(`${password}!`, back)).toBe(false);
    });
  }

  it("verifies the examples of Auth0's bulk import documentation", async () => {
    const bcrypt = fromAuth0CustomPasswordHash({
      algorithm: 'bcrypt',
      hash: { value: '$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K' },
    });
    expect(await verifyPortableHash('hello', bcrypt)).toBe(true);
    const hmac = fromAuth0CustomPasswordHash({
      algorithm: 'hmac',
      hash: {
        value: 'cg7f42jH39/2EaAU4wNd4s2lKIk=',
        encoding: 'base64',
        digest: 'sha1',
        key: { value: '736868', encoding: 'hex' },
      },
    });
    expect(hmac.algorithm).toBe('hmac-sha1');
    expect(await verifyPortableHash('test', hmac)).toBe(true);
    // These examples' passwords are not published: they must at least convert.
    expect(
      fromAuth0CustomPasswordHash({
        algorithm: 'sha256',
        hash: { value: 'd24e794fce503c3ddb1cd1ba1dd5d9b250cf9917336a0316fefd87fecf79200f', encoding: 'hex' },
        salt: { value: 'abc123', position: 'prefix' },
      }),
    ).toEqual({
      algorithm: 'sha256',
      phc: `$sha256$pos=prefix$YWJjMTIz$${Buffer.from('d24e794fce503c3ddb1cd1ba1dd5d9b250cf9917336a0316fefd87fecf79200f', 'hex').toString('base64').replace(/=+$/, '')}`,
    });
    expect(
      fromAuth0CustomPasswordHash({
        algorithm: 'pbkdf2',
        hash: {
          value:
            '$pbkdf2-sha512$i=100000,l=64$KNyFsA2rWoE$I2CQGI9H0JxdDf3kERRI97kPCGxh0KWBIV3MxyaS191gDGfzVBGyS4BibhgqWQ0/ails8mHuU9ckASxHOOq58w',
        },
      }).algorithm,
    ).toBe('pbkdf2-sha512');
    expect(
      fromAuth0CustomPasswordHash({
        algorithm: 'argon2',
        hash: {
          value:
            '$argon2id$v=19$m=65536,t=2,p=1$J6Q/82PCyaNpYKRELJyTZg$m04qUAB8rexWDR4+/0f+SFB+4XMFxt7YAvAq2UycYos',
        },
      }).algorithm,
    ).toBe('argon2id');
  });

  it('fills in the PBKDF2 defaults Auth0 documents (i=100000, l=64)', () => {
    const hash = `${'A'.repeat(85)}Q`;
    const portable = fromAuth0CustomPasswordHash({
      algorithm: 'pbkdf2',
      hash: { value: `$pbkdf2-sha256$$c2FsdHNhbHQ$${hash}` },
    });
    expect(portable.phc).toBe(`$pbkdf2-sha256$i=100000,l=64$c2FsdHNhbHQ$${hash}`);
  });

  it('relabels $2y$ as $2b$, which Auth0 accepts', async () => {
    const portable = await createPortableHash(password, { algorithm: 'bcrypt', version: '2y', cost: 4 });
    const custom = toAuth0CustomPasswordHash(portable);
    expect(custom.hash.value.startsWith('$2b$04$')).toBe(true);
    expect(await verifyPortableHash(password, fromAuth0CustomPasswordHash(custom))).toBe(true);
  });

  it('reads salts in every documented encoding', async () => {
    const portable = await createPortableHash(password, {
      algorithm: 'sha1',
      saltPosition: 'prefix',
      salt: Buffer.from('pepper'),
    });
    const custom = toAuth0CustomPasswordHash(portable);
    const variants: Auth0CustomPasswordHash['salt'][] = [
      { value: 'pepper', position: 'prefix' },
      { value: 'pepper', encoding: 'utf8', position: 'prefix' },
      { value: '706570706572', encoding: 'hex', position: 'prefix' },
      { value: 'cGVwcGVy', encoding: 'base64', position: 'prefix' },
    ];
    for (const salt of variants) {
      expect(await verifyPortableHash(password, fromAuth0CustomPasswordHash({ ...custom, salt }))).toBe(true);
    }
  });

  it('refuses what Auth0 cannot import, and what this package cannot verify', async () => {
    const scrypt = await createPortableHash(password, {
      algorithm: 'scrypt',
      logN: 10,
      blockSize: 8,
      parallelization: 1,
    });
    expect(codeOf(() => toAuth0CustomPasswordHash(scrypt))).toBe('UNSUPPORTED_HASH');
    const unsupported: Auth0CustomPasswordHash[] = [
      { algorithm: 'md4', hash: { value: 'AbuUujgF0pPPkJPSFRTpmA==', encoding: 'base64' } },
      {
        algorithm: 'ldap',
        hash: {
          value: '{SSHA384}/cgEjdoZh85DhurDeOQEMO1rMlAur93SVPbYe5XSD4lF7nNuvrBju5hUeg9A6agRemgSXGl5YuE=',
        },
      },
      {
        algorithm: 'sha1',
        hash: { value: 'a9993e364706816aba3e25717850c26c9cd0d89d', encoding: 'hex' },
        password: { encoding: 'utf16le' },
      },
      { algorithm: 'pbkdf2', hash: { value: '$pbkdf2-md4$i=100000,l=64$+N375B8q0Fw$fp2R9KAM4hK' } },
      {
        algorithm: 'hmac',
        hash: { value: 'AAAA', encoding: 'base64', digest: 'whirlpool', key: { value: 'k' } },
      },
    ];
    for (const custom of unsupported)
      expect(
        codeOf(() => fromAuth0CustomPasswordHash(custom)),
        custom.algorithm,
      ).toBe('UNSUPPORTED_HASH');
    const malformed: Auth0CustomPasswordHash[] = [
      { algorithm: 'sha1', hash: { value: 'a9993e364706816aba3e25717850c26c9cd0d89d' } },
      { algorithm: 'sha1', hash: { value: 'zz', encoding: 'hex' } },
      {
        algorithm: 'sha1',
        hash: { value: 'a9993e364706816aba3e25717850c26c9cd0d89d', encoding: 'hex' },
        salt: { value: 's' },
      },
      { algorithm: 'hmac', hash: { value: 'AAAA', encoding: 'base64', digest: 'sha1' } },
      { algorithm: 'bcrypt', hash: { value: '$2b$10$tooShort' } },
    ];
    for (const custom of malformed)
      expect(
        codeOf(() => fromAuth0CustomPasswordHash(custom)),
        JSON.stringify(custom),
      ).toBe('MALFORMED_HASH');
  });
});
