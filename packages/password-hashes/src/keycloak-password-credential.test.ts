import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPortableHash, type PasswordHashSpecification } from './create-portable-hash';
import {
  fromKeycloakCredential,
  type KeycloakPasswordCredential,
  toKeycloakCredential,
} from './keycloak-password-credential';
import { verifyPortableHash } from './verify-portable-hash';

const password = 'Keycloak imported pa55word';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

const importable: PasswordHashSpecification[] = [
  { algorithm: 'pbkdf2-sha1', iterations: 1000 },
  { algorithm: 'pbkdf2-sha256', iterations: 1000, hashLength: 64 },
  { algorithm: 'pbkdf2-sha512', iterations: 1000 },
  { algorithm: 'argon2id', version: 19, memoryKib: 7168, iterations: 5, parallelism: 1 },
  { algorithm: 'argon2i', version: 16, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'bcrypt', version: '2a', cost: 4 },
];

describe('Keycloak password credentials', () => {
  for (const specification of importable) {
    it(`round-trips ${specification.algorithm} and still verifies`, async () => {
      const portable = await createPortableHash(password, specification);
      const credential = toKeycloakCredential(portable);
      const back = fromKeycloakCredential(credential);
      expect(back).toEqual(portable);
      expect(await verifyPortableHash(password, back)).toBe(true);
      expect(await verifyPortableHash(`${password}!`, back)).toBe(false);
    });
  }

  it('reads a credential shaped as Keycloak stores pbkdf2-sha256 (27500 iterations, 512-bit key)', async () => {
    // Keycloak's Pbkdf2PasswordHashProvider: PBKDF2WithHmacSHA256, 16-byte salt, 512-bit
    // derived key, both standard base64 with padding.
    const salt = randomBytes(16);
    const value = pbkdf2Sync(password, salt, 27_500, 64, 'sha256');
    const credential: KeycloakPasswordCredential = {
      type: 'password',
      secretData: JSON.stringify({
        value: value.toString('base64'),
        salt: salt.toString('base64'),
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: 27_500,
        algorithm: 'pbkdf2-sha256',
        additionalParameters: {},
      }),
    };
    const portable = fromKeycloakCredential(credential);
    expect(portable.phc.startsWith('$pbkdf2-sha256$i=27500,l=64$')).toBe(true);
    expect(await verifyPortableHash(password, portable)).toBe(true);
    // Keycloak pads passwords under 14 characters with NULs; HMAC zero-pads short keys
    // anyway, so the hash is the same and an unpadded check verifies it.
    const shortValue = pbkdf2Sync('short\0\0\0\0\0\0\0\0\0', salt, 1000, 64, 'sha256');
    const short = fromKeycloakCredential({
      ...credential,
      secretData: JSON.stringify({ value: shortValue.toString('base64'), salt: salt.toString('base64') }),
      credentialData: JSON.stringify({ hashIterations: 1000, algorithm: 'pbkdf2-sha256' }),
    });
    expect(await verifyPortableHash('short', short)).toBe(true);
  });

  it('writes the argon2 parameters as Keycloak lists them', async () => {
    const portable = await createPortableHash(password, {
      algorithm: 'argon2id',
      version: 19,
      memoryKib: 7168,
      iterations: 5,
      parallelism: 1,
    });
    const credential = toKeycloakCredential(portable);
    expect(JSON.parse(credential.credentialData)).toEqual({
      hashIterations: 5,
      algorithm: 'argon2',
      additionalParameters: {
        hashLength: ['32'],
        memory: ['7168'],
        type: ['id'],
        version: ['1.3'],
        parallelism: ['1'],
      },
    });
  });

  it('refuses what Keycloak cannot verify, and malformed credentials', async () => {
    const sha = await createPortableHash(password, { algorithm: 'sha256', saltPosition: 'prefix' });
    expect(codeOf(() => toKeycloakCredential(sha))).toBe('UNSUPPORTED_HASH');
    const good = toKeycloakCredential(
      await createPortableHash(password, { algorithm: 'pbkdf2-sha256', iterations: 1000 }),
    );
    const cases: [KeycloakPasswordCredential, string][] = [
      [{ ...good, type: 'otp' as 'password' }, 'UNSUPPORTED_HASH'],
      [{ ...good, secretData: '{not json' }, 'MALFORMED_HASH'],
      [
        { ...good, credentialData: JSON.stringify({ hashIterations: 1000, algorithm: 'pbkdf2-sha224' }) },
        'UNSUPPORTED_HASH',
      ],
      [
        { ...good, credentialData: JSON.stringify({ hashIterations: '1000', algorithm: 'pbkdf2-sha256' }) },
        'MALFORMED_HASH',
      ],
      [{ ...good, secretData: JSON.stringify({ value: 'not*base64', salt: '' }) }, 'MALFORMED_HASH'],
      [
        {
          ...good,
          credentialData: JSON.stringify({ hashIterations: 50_000_000, algorithm: 'pbkdf2-sha256' }),
        },
        'PARAMETERS_OUT_OF_BOUNDS',
      ],
      [
        {
          ...good,
          credentialData: JSON.stringify({
            hashIterations: 3,
            algorithm: 'argon2',
            additionalParameters: {
              hashLength: ['32'],
              memory: ['7168'],
              type: ['d'],
              version: ['1.3'],
              parallelism: ['1'],
            },
          }),
        },
        'UNSUPPORTED_HASH',
      ],
      [
        {
          ...good,
          credentialData: JSON.stringify({
            hashIterations: 3,
            algorithm: 'argon2',
            additionalParameters: {
              hashLength: ['64'],
              memory: ['7168'],
              type: ['id'],
              version: ['1.3'],
              parallelism: ['1'],
            },
          }),
        },
        'MALFORMED_HASH',
      ],
    ];
    for (const [credential, code] of cases)
      expect(
        codeOf(() => fromKeycloakCredential(credential)),
        credential.credentialData,
      ).toBe(code);
  });
});
