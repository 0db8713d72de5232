import { randomUUID } from 'node:crypto';
import { collect, type PortableUser } from '@idport/core';
import { Secret } from 'otpauth';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';

/** Export and import for migrations: profiles, hashes, factors, idempotent re-runs. */
export function transferContract(context: ContractContext): void {
  describe('transfer', () => {
    const portable = (overrides: Partial<PortableUser> = {}): PortableUser => ({
      sourceId: `source-${randomUUID()}`,
      email: context.uniqueEmail('import'),
      emailVerified: true,
      phoneNumber: null,
      givenName: 'Imported',
      familyName: 'User',
      displayName: null,
      enabled: true,
      createdAt: new Date('2024-01-02T03:04:05Z'),
      attributes: {},
      groups: [],
      passwordHash: null,
      mfaFactors: [],
      ...overrides,
    });
    const importAndTrack = async (users: PortableUser[], options?: { onConflict?: 'skip' | 'fail' }) => {
      const outcomes = await context.provider.transfer.importUsers(users, options);
      for (const outcome of outcomes) {
        if (outcome.status === 'created' && outcome.userId) context.track({ id: outcome.userId } as never);
      }
      return outcomes;
    };
    const exportedFor = async (email: string): Promise<PortableUser | undefined> => {
      const all = await collect(context.provider.transfer.exportUsers({ pageSize: 100 }));
      return all.find((user) => user.email.toLowerCase() === email.toLowerCase());
    };

    contractTest(
      context,
      'transfer.export-includes-user',
      ['users.create', 'transfer.exportUsers'],
      async () => {
        const user = await context.createUser({ givenName: 'Exported' });
        const exported = await exportedFor(user.email as string);
        expect(exported?.givenName).toBe('Exported');
        expect(exported?.sourceId).toBe(user.id);
      },
    );

    contractTest(
      context,
      'transfer.export-hash-matches-manifest',
      ['users.create', 'transfer.exportUsers'],
      async () => {
        const user = await context.createUser();
        const exported = await exportedFor(user.email as string);
        const exportable = context.provider.capabilities.passwordHashes.exportable;
        if (exportable.length === 0) {
          expect(exported?.passwordHash).toBeNull();
        } else {
          expect(exportable).toContain(exported?.passwordHash?.algorithm);
          expect(exported?.passwordHash?.phc).not.toContain(context.password);
        }
      },
    );

    contractTest(
      context,
      'transfer.import-creates-users',
      ['transfer.importUsers', 'users.findByEmail'],
      async () => {
        const users = [portable(), portable()];
        const outcomes = await importAndTrack(users);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['created', 'created']);
        expect(outcomes.map((outcome) => outcome.sourceId)).toEqual(users.map((user) => user.sourceId));
        const found = await context.provider.users.findByEmail(users[0]?.email as string);
        expect(found?.givenName).toBe('Imported');
      },
    );

    contractTest(
      context,
      'transfer.import-hash-keeps-password',
      ['users.create', 'transfer.exportUsers', 'transfer.importUsers', 'auth.signIn'],
      async () => {
        const source = await context.createUser();
        const exported = await exportedFor(source.email as string);
        expect(exported?.passwordHash).toBeTruthy();
        const copy = portable({ passwordHash: exported?.passwordHash ?? null });
        const [outcome] = await importAndTrack([copy]);
        expect(outcome?.passwordImported).toBe(true);
        const result = await context.provider.auth.signIn({ email: copy.email, password: context.password });
        expect(result.status).toBe('authenticated');
      },
      {
        when: () => {
          const hashes = context.provider.capabilities.passwordHashes;
          return (
            !context.quirks.importedHashesNotVerified &&
            hashes.exportable.some((algorithm) => hashes.importable.includes(algorithm))
          );
        },
      },
    );

    contractTest(
      context,
      'transfer.import-skips-existing',
      ['transfer.importUsers', 'users.list'],
      async () => {
        const user = portable();
        await importAndTrack([user]);
        const again = await importAndTrack([user]);
        expect(again[0]?.status).toBe('skipped');
        const all = await collect(context.provider.users.list());
        expect(
          all.filter((candidate) => candidate.email?.toLowerCase() === user.email.toLowerCase()),
        ).toHaveLength(1);
      },
    );

    contractTest(context, 'transfer.import-conflict-fails-when-asked', ['transfer.importUsers'], async () => {
      const user = portable();
      await importAndTrack([user]);
      const again = await importAndTrack([user], { onConflict: 'fail' });
      expect(again[0]?.status).toBe('failed');
      expect(again[0]?.errorCode).toBe('USER_ALREADY_EXISTS');
    });

    contractTest(
      context,
      'transfer.import-totp-secret-keeps-factor',
      ['transfer.importUsers', 'transfer.exportUsers', 'users.create', 'auth.signIn', 'auth.completeMfa'],
      async () => {
        const source = await context.createUser();
        const exported = await exportedFor(source.email as string);
        const secret = new Secret({ size: 20 }).base32;
        const copy = portable({
          passwordHash: exported?.passwordHash ?? null,
          mfaFactors: [{ type: 'totp', secret, label: 'imported' }],
        });
        const [outcome] = await importAndTrack([copy]);
        expect(outcome?.factorsImported).toBe(1);
        const first = await context.provider.auth.signIn({ email: copy.email, password: context.password });
        expect(first.status).toBe('mfa_required');
        if (first.status !== 'mfa_required') return;
        const done = await context.provider.auth.completeMfa({
          challenge: first.challenge,
          code: context.totp(secret),
        });
        expect(done.status).toBe('authenticated');
      },
      {
        when: () => {
          const capabilities = context.provider.capabilities;
          return (
            capabilities.totpSecrets.importable &&
            !context.quirks.importedHashesNotVerified &&
            capabilities.passwordHashes.exportable.some((algorithm) =>
              capabilities.passwordHashes.importable.includes(algorithm),
            )
          );
        },
      },
    );

    contractTest(context, 'transfer.import-unusable-hash-warns', ['transfer.importUsers'], async () => {
      const importable = context.provider.capabilities.passwordHashes.importable;
      const algorithm = (['md5', 'sha1', 'hmac-sha512'] as const).find(
        (candidate) => !importable.includes(candidate),
      );
      if (!algorithm) return;
      const [outcome] = await importAndTrack([
        portable({ passwordHash: { algorithm, phc: `$${algorithm}$c2FsdA$aGFzaGhhc2hoYXNo` } }),
      ]);
      expect(outcome?.status).toBe('created');
      expect(outcome?.passwordImported).toBe(false);
      expect(outcome?.warnings.join(' ')).toContain(algorithm);
    });
  });
}
