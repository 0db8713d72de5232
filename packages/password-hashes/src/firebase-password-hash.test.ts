import { describe, expect, it } from 'vitest';
import { createPortableHash } from './create-portable-hash';
import { fromFirebaseScrypt, toFirebaseImport } from './firebase-password-hash';
import { verifyPortableHash } from './verify-portable-hash';

// The sample project parameters and user of Firebase's own firebase/scrypt README.
const sampleProject = {
  algorithm: 'SCRYPT' as const,
  base64_signer_key:
    'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  base64_salt_separator: 'Bw==',
  rounds: 8,
  mem_cost: 14,
};
const sampleUser = {
  salt: '42xEC+ixf3L2lw==',
  passwordHash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
};

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('Firebase password hashes', () => {
  it("verifies Firebase's published scrypt sample from export form", async () => {
    const portable = fromFirebaseScrypt(sampleUser, sampleProject);
    expect(portable.algorithm).toBe('firebase-scrypt');
    expect(await verifyPortableHash('user1password', portable)).toBe(true);
    expect(await verifyPortableHash('user1Password', portable)).toBe(false);
  });

  it('accepts the URL-safe base64 that Firebase APIs return for hashes and salts', async () => {
    const urlSafe = {
      salt: Buffer.from(sampleUser.salt, 'base64').toString('base64url'),
      passwordHash: Buffer.from(sampleUser.passwordHash, 'base64').toString('base64url'),
    };
    expect(await verifyPortableHash('user1password', fromFirebaseScrypt(urlSafe, sampleProject))).toBe(true);
  });

  it('round-trips Firebase scrypt through an import and back', async () => {
    const portable = fromFirebaseScrypt(sampleUser, sampleProject);
    const imported = toFirebaseImport(portable);
    expect(imported.hash).toEqual({
      algorithm: 'SCRYPT',
      key: Buffer.from(sampleProject.base64_signer_key, 'base64'),
      saltSeparator: Buffer.from([7]),
      rounds: 8,
      memoryCost: 14,
    });
    const back = fromFirebaseScrypt(
      {
        passwordHash: imported.passwordHash.toString('base64'),
        salt: imported.passwordSalt?.toString('base64') ?? '',
      },
      {
        base64_signer_key: imported.hash.algorithm === 'SCRYPT' ? imported.hash.key.toString('base64') : '',
        base64_salt_separator: 'Bw==',
        rounds: 8,
        mem_cost: 14,
      },
    );
    expect(back).toEqual(portable);
  });

  it('maps standard scrypt and bcrypt to their Firebase import options', async () => {
    const scrypt = await createPortableHash('pw', {
      algorithm: 'scrypt',
      logN: 10,
      blockSize: 8,
      parallelization: 2,
      hashLength: 64,
    });
    expect(toFirebaseImport(scrypt).hash).toEqual({
      algorithm: 'STANDARD_SCRYPT',
      memoryCost: 1024,
      parallelization: 2,
      blockSize: 8,
      derivedKeyLength: 64,
    });
    const bcrypt = await createPortableHash('pw', { algorithm: 'bcrypt', version: '2b', cost: 4 });
    const imported = toFirebaseImport(bcrypt);
    expect(imported.hash).toEqual({ algorithm: 'BCRYPT' });
    expect(imported.passwordHash.toString('utf8')).toBe(bcrypt.phc);
    expect(imported.passwordSalt).toBeUndefined();
  });

  it('refuses mappings whose Firebase semantics are not documented, and bad parameters', async () => {
    const hmac = await createPortableHash('pw', {
      algorithm: 'hmac-sha256',
      key: Buffer.from('k'),
      saltPosition: 'prefix',
    });
    expect(codeOf(() => toFirebaseImport(hmac))).toBe('UNSUPPORTED_HASH');
    expect(codeOf(() => fromFirebaseScrypt(sampleUser, { ...sampleProject, mem_cost: 20 }))).toBe(
      'PARAMETERS_OUT_OF_BOUNDS',
    );
    expect(codeOf(() => fromFirebaseScrypt(sampleUser, { ...sampleProject, rounds: 8.5 }))).toBe(
      'MALFORMED_HASH',
    );
    expect(codeOf(() => fromFirebaseScrypt({ ...sampleUser, passwordHash: 'AAAA' }, sampleProject))).toBe(
      'MALFORMED_HASH',
    );
    expect(
      codeOf(() =>
        fromFirebaseScrypt(sampleUser, { ...sampleProject, algorithm: 'HMAC_SHA256' as 'SCRYPT' }),
      ),
    ).toBe('UNSUPPORTED_HASH');
  });
});
