import { describe, expect, it } from 'vitest';
import { fromFirebaseScrypt, toFirebaseImportHash } from './firebase-password-hash';

const salt = Buffer.from('salt-bytes');
const hash = Buffer.from('hash-bytes-0123456789');
const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

describe('toFirebaseImportHash', () => {
  it('passes bcrypt through as the modular-crypt string', () => {
    const phc = `$2y$12$${'c'.repeat(53)}`;
    const converted = toFirebaseImportHash({ algorithm: 'bcrypt', phc });
    expect(converted.options).toEqual({ hash: { algorithm: 'BCRYPT' } });
    expect(converted.passwordHash.toString()).toBe(phc);
    expect(converted.passwordSalt).toBeUndefined();
  });

  it('converts standard scrypt with N = 2^ln and the derived key length', () => {
    const converted = toFirebaseImportHash({
      algorithm: 'scrypt',
      phc: `$scrypt$ln=15,r=8,p=2$${b64(salt)}$${b64(hash)}`,
    });
    expect(converted.options.hash).toEqual({
      algorithm: 'STANDARD_SCRYPT',
      memoryCost: 32768,
      blockSize: 8,
      parallelization: 2,
      derivedKeyLength: hash.length,
    });
    expect(converted.passwordSalt).toEqual(salt);
    expect(converted.passwordHash).toEqual(hash);
  });

  it('round-trips Firebase scrypt through the exported PHC form', () => {
    const config = {
      signerKey: b64(Buffer.from('signer-key')),
      saltSeparator: 'Bw==',
      rounds: 8,
      memoryCost: 14,
    };
    const portable = fromFirebaseScrypt(hash.toString('base64'), salt.toString('base64'), config);
    expect(portable.algorithm).toBe('firebase-scrypt');
    const converted = toFirebaseImportHash(portable);
    expect(converted.options.hash).toMatchObject({ algorithm: 'SCRYPT', rounds: 8, memoryCost: 14 });
    expect(converted.options.hash.key).toEqual(Buffer.from('signer-key'));
    expect(converted.options.hash.saltSeparator).toEqual(Buffer.from([7]));
    expect(converted.passwordHash).toEqual(hash);
    expect(converted.passwordSalt).toEqual(salt);
  });

  it.each([
    [
      'pbkdf2-sha256',
      `$pbkdf2-sha256$i=100000$${b64(salt)}$${b64(hash)}`,
      { algorithm: 'PBKDF2_SHA256', rounds: 100000 },
    ],
    ['pbkdf2-sha1', `$pbkdf2$i=64000$${b64(salt)}$${b64(hash)}`, { algorithm: 'PBKDF_SHA1', rounds: 64000 }],
    ['md5', `$md5$r=0$${b64(salt)}$${b64(hash)}`, { algorithm: 'MD5', rounds: 0 }],
    ['sha1', `$sha1$r=2$$${b64(hash)}`, { algorithm: 'SHA1', rounds: 2 }],
    ['sha512', `$sha512$$${b64(salt)}$${b64(hash)}`, { algorithm: 'SHA512', rounds: 1 }],
  ] as const)('converts %s', (algorithm, phc, expected) => {
    expect(toFirebaseImportHash({ algorithm, phc }).options.hash).toEqual(expected);
  });

  it('converts HMAC hashes with their key', () => {
    const converted = toFirebaseImportHash({
      algorithm: 'hmac-sha512',
      phc: `$hmac-sha512$key=${b64(Buffer.from('k'))}$${b64(salt)}$${b64(hash)}`,
    });
    expect(converted.options.hash).toEqual({ algorithm: 'HMAC_SHA512', key: Buffer.from('k') });
  });

  it('groups identical parameters under one key and different ones apart', () => {
    const a = toFirebaseImportHash({ algorithm: 'sha256', phc: `$sha256$r=1$${b64(salt)}$${b64(hash)}` });
    const b = toFirebaseImportHash({ algorithm: 'sha256', phc: `$sha256$r=1$$${b64(hash)}` });
    const c = toFirebaseImportHash({ algorithm: 'sha256', phc: `$sha256$r=2$$${b64(hash)}` });
    expect(a.groupKey).toBe(b.groupKey);
    expect(a.groupKey).not.toBe(c.groupKey);
  });

  it.each([
    ['argon2id', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 'cannot import argon2id'],
    ['pbkdf2-sha512', '$pbkdf2-sha512$i=1$c2FsdA$aGFzaA', 'cannot import pbkdf2-sha512'],
    ['bcrypt', '$2b$10$short', 'modular-crypt'],
    ['sha256', '$sha1$r=1$c2FsdA$aGFzaA', 'does not match'],
    ['scrypt', '$scrypt$ln=x,r=8,p=1$c2FsdA$aGFzaA', 'not a number'],
    ['hmac-sha256', '$hmac-sha256$$c2FsdA$aGFzaA', 'needs a key'],
    ['sha256', 'not-a-phc', 'not a PHC string'],
    ['sha1', '$sha1$r=1,order=password-first$c2FsdA$aGFzaA', 'salt-first'],
  ] as const)('refuses %s %s without echoing it', (algorithm, phc, reason) => {
    let message = '';
    try {
      toFirebaseImportHash({ algorithm, phc });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(reason);
    expect(message).not.toContain('aGFzaA');
  });
});
