import { describe, expect, it } from 'vitest';
import { fromPortableHash, toPortableHash } from './keycloak-hash-formats';

describe('Keycloak hashes ↔ PHC strings', () => {
  it('round-trips pbkdf2-sha256 as Keycloak stores it', () => {
    const stored = {
      secretData: JSON.stringify({
        value: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
        salt: 'AAECAwQFBgcICQoLDA0ODw==',
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: 27500,
        algorithm: 'pbkdf2-sha256',
        additionalParameters: {},
      }),
    };
    const portable = toPortableHash(stored);
    expect(portable).toEqual({
      algorithm: 'pbkdf2-sha256',
      phc: '$pbkdf2-sha256$i=27500,l=32$AAECAwQFBgcICQoLDA0ODw$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80',
    });
    const back = fromPortableHash(portable as NonNullable<typeof portable>);
    expect(back).toEqual(stored);
  });

  it('reads Keycloak 26 argon2 credentials as argon2id PHC and back', () => {
    const stored = {
      secretData: JSON.stringify({
        value: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=',
        salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: 5,
        algorithm: 'argon2',
        additionalParameters: {
          hashLength: ['32'],
          memory: ['7168'],
          type: ['id'],
          version: ['1.3'],
          parallelism: ['1'],
        },
      }),
    };
    const portable = toPortableHash(stored);
    expect(portable?.algorithm).toBe('argon2id');
    expect(portable?.phc).toBe(
      '$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0c2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI',
    );
    expect(fromPortableHash(portable as NonNullable<typeof portable>)).toEqual(stored);
  });

  it("names Keycloak's SHA-1 `pbkdf2` provider pbkdf2-sha1, as @idport/password-hashes does", () => {
    const portable = toPortableHash({
      secretData: JSON.stringify({
        value: 'AAECAwQFBgcICQoLDA0ODxAREhM=',
        salt: 'AAECAwQFBgcICQoLDA0ODw==',
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({ hashIterations: 1000, algorithm: 'pbkdf2', additionalParameters: {} }),
    });
    expect(portable?.algorithm).toBe('pbkdf2-sha1');
    expect(portable?.phc.startsWith('$pbkdf2-sha1$i=1000,l=20$')).toBe(true);
  });

  it('refuses algorithms Keycloak cannot verify, and malformed strings, with a reason', () => {
    expect(fromPortableHash({ algorithm: 'bcrypt', phc: '$2b$10$x' })).toHaveProperty('reason');
    expect(fromPortableHash({ algorithm: 'pbkdf2-sha256', phc: '$pbkdf2-sha256$oops' })).toHaveProperty(
      'reason',
    );
    expect(toPortableHash({ secretData: '{}', credentialData: '{"algorithm":"bcrypt"}' })).toBeNull();
  });
});
