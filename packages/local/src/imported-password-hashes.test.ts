import { collect, type PortablePasswordHash, type PortableUser } from '@idport/core';
import {
  createPortableHash,
  fromAuth0CustomPasswordHash,
  fromFirebaseScrypt,
  fromKeycloakCredential,
  fromOktaPasswordHash,
  type PasswordHashSpecification,
  supportedAlgorithms,
  toKeycloakCredential,
} from '@idport/password-hashes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProvider } from './local-provider';

// Local's own cost, kept low for speed; imported hashes are upgraded to exactly this.
const passwordHashing = { logN: 10, blockSize: 8, parallelization: 1 };
const password = 'Imported-Pa55word';
let provider: Awaited<ReturnType<typeof createLocalProvider>>;
let counter = 0;

beforeAll(async () => {
  provider = await createLocalProvider({ passwordHashing });
});
afterAll(async () => {
  await provider.close();
});

function portableUser(passwordHash: PortablePasswordHash | null): PortableUser {
  counter += 1;
  return {
    sourceId: `legacy-${counter}`,
    email: `imported-${counter}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: null,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash,
    mfaFactors: [],
  };
}

async function exportedHashOf(email: string): Promise<PortablePasswordHash | null | undefined> {
  const users = await collect(provider.transfer.exportUsers({ pageSize: 1000 }));
  return users.find((user) => user.email === email)?.passwordHash;
}

async function importAndSignIn(hash: PortablePasswordHash, secret: string) {
  const user = portableUser(hash);
  const [outcome] = await provider.transfer.importUsers([user]);
  expect(outcome).toMatchObject({ status: 'created', passwordImported: true, warnings: [] });
  // Until the user signs in, export hands the imported hash on unchanged.
  expect(await exportedHashOf(user.email)).toEqual(hash);
  await expect(
    provider.auth.signIn({ email: user.email, password: `${secret}-wrong` }),
  ).rejects.toMatchObject({
    code: 'INVALID_CREDENTIALS',
  });
  expect((await provider.auth.signIn({ email: user.email, password: secret })).status).toBe('authenticated');
  // Rehash-to-default: the legacy hash is gone, local's scrypt at the configured cost replaced it.
  const upgraded = await exportedHashOf(user.email);
  expect(upgraded?.algorithm).toBe('scrypt');
  expect(upgraded?.phc).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
  expect((await provider.auth.signIn({ email: user.email, password: secret })).status).toBe('authenticated');
  await expect(
    provider.auth.signIn({ email: user.email, password: `${secret}-wrong` }),
  ).rejects.toMatchObject({
    code: 'INVALID_CREDENTIALS',
  });
}

const specifications: PasswordHashSpecification[] = [
  { algorithm: 'scrypt', logN: 10, blockSize: 8, parallelization: 1 },
  {
    algorithm: 'firebase-scrypt',
    memoryCost: 10,
    rounds: 8,
    saltSeparator: Buffer.from([7]),
    signerKey: Buffer.from('a 64-byte signer key, like the one of every Firebase project....'),
  },
  { algorithm: 'bcrypt', version: '2a', cost: 4 },
  { algorithm: 'argon2id', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'argon2i', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'pbkdf2-sha1', iterations: 1000 },
  { algorithm: 'pbkdf2-sha256', iterations: 1000 },
  { algorithm: 'pbkdf2-sha512', iterations: 1000 },
  { algorithm: 'md5', saltPosition: 'prefix' },
  { algorithm: 'sha1', saltPosition: 'suffix' },
  { algorithm: 'sha256', saltPosition: 'prefix' },
  { algorithm: 'sha512', saltPosition: 'suffix', salt: Buffer.alloc(0) },
  { algorithm: 'hmac-md5', key: Buffer.from('legacy key'), saltPosition: 'prefix' },
  { algorithm: 'hmac-sha1', key: Buffer.from('legacy key'), saltPosition: 'suffix' },
  { algorithm: 'hmac-sha256', key: Buffer.from('legacy key'), saltPosition: 'prefix' },
  { algorithm: 'hmac-sha512', key: Buffer.from('legacy key'), saltPosition: 'suffix' },
];

describe('imported password hashes in @idport/local', () => {
  it('declares exactly the algorithms it verifies', () => {
    expect([...provider.capabilities.passwordHashes.importable].sort()).toEqual(
      [...supportedAlgorithms].sort(),
    );
    expect(new Set(specifications.map((specification) => specification.algorithm))).toEqual(
      new Set(provider.capabilities.passwordHashes.importable),
    );
  });

  for (const specification of specifications) {
    it(`signs a user with a ${specification.algorithm} hash in with the old password, then rehashes`, async () => {
      await importAndSignIn(await createPortableHash(password, specification), password);
    });
  }

  it("signs in Firebase's published sample user (firebase/scrypt README)", async () => {
    const hash = fromFirebaseScrypt(
      {
        salt: '42xEC+ixf3L2lw==',
        passwordHash:
          'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
      },
      {
        base64_signer_key:
          'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
        base64_salt_separator: 'Bw==',
        rounds: 8,
        mem_cost: 14,
      },
    );
    await importAndSignIn(hash, 'user1password');
  });

  it('signs in users whose hashes came in vendor encodings (Auth0, Okta, Keycloak)', async () => {
    await importAndSignIn(
      fromAuth0CustomPasswordHash({
        algorithm: 'bcrypt',
        hash: { value: '$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K' },
      }),
      'hello',
    );
    await importAndSignIn(
      fromOktaPasswordHash({
        algorithm: 'BCRYPT',
        workFactor: 5,
        salt: 'CCCCCCCCCCCCCCCCCCCCC.',
        value: 'E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
      }),
      'U*U',
    );
    const keycloak = toKeycloakCredential(
      await createPortableHash(password, { algorithm: 'pbkdf2-sha256', iterations: 27_500, hashLength: 64 }),
    );
    await importAndSignIn(fromKeycloakCredential(keycloak), password);
  });

  it('accepts the raw password for an imported scrypt hash even where NFKC would change it', async () => {
    // Local normalizes its own passwords with NFKC; other vendors hashed the raw bytes.
    const ligature = 'of\ufb01ce-Pa55word'; // "ﬁ" becomes "fi" under NFKC
    await importAndSignIn(
      await createPortableHash(ligature, { algorithm: 'scrypt', logN: 10, blockSize: 8, parallelization: 1 }),
      ligature,
    );
  });

  it('refuses, with a warning, hashes it cannot verify or that would cost too much', async () => {
    const refused: PortablePasswordHash[] = [
      { algorithm: 'bcrypt', phc: '$2b$20$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
      {
        algorithm: 'scrypt',
        phc: '$scrypt$ln=21,r=8,p=1$c2FsdHNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
      },
      { algorithm: 'md5', phc: '$md5$c2FsdA$aGFzaGhhc2hoYXNo' },
      { algorithm: 'sha256', phc: '$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K' },
    ];
    const users = refused.map((hash) => portableUser(hash));
    const outcomes = await provider.transfer.importUsers(users);
    for (const [index, outcome] of outcomes.entries()) {
      expect(outcome.status).toBe('created');
      expect(outcome.passwordImported).toBe(false);
      expect(outcome.warnings.join(' ')).toContain(refused[index]?.algorithm);
      expect(outcome.warnings.join(' ')).not.toContain(refused[index]?.phc);
      await expect(
        provider.auth.signIn({ email: users[index]?.email as string, password: 'hello' }),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    expect(outcomes[0]?.warnings.join(' ')).toContain('PARAMETERS_OUT_OF_BOUNDS');
    expect(outcomes[2]?.warnings.join(' ')).toContain('MALFORMED_HASH');
    expect(outcomes[3]?.warnings.join(' ')).toContain('ALGORITHM_MISMATCH');
  });
});
