import { randomUUID } from 'node:crypto';
import { IdentityError, type IdentityProvider, supportsOperation, withRetry } from '@idport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultProxy } from './fault-proxy';

/** Options of {@link runFaultCampaign}. */
export interface FaultCampaignOptions {
  name: string;
  /** A provider whose traffic goes through the fault proxy. */
  createProvider: () => Promise<IdentityProvider>;
  /** The proxy (started by the caller, in front of the peer). */
  proxy: () => FaultProxy;
  /** Scenarios to run (each: create, get, update, list, sign in, delete). Default 30. */
  iterations?: number;
  password?: string;
}

type Verdict = 'succeeded' | 'typed failure' | 'wrong outcome';

/**
 * Operations through faults: idempotent ones go through `withRetry` and must succeed;
 * non-idempotent ones may fail, but only with a typed, retryable IdentityError, and must
 * never double-apply (checked at the end with faults off: one account per email).
 * Prints calls, faults injected, successes, typed failures and wrong outcomes (target 0).
 */
export function runFaultCampaign(options: FaultCampaignOptions): void {
  let provider: IdentityProvider;
  const password = options.password ?? 'Fault-Campaign-Password-7!';
  const tally: Record<Verdict, number> = { succeeded: 0, 'typed failure': 0, 'wrong outcome': 0 };
  const wrong: string[] = [];
  const emails: string[] = [];

  describe(`fault campaign: ${options.name}`, () => {
    beforeAll(async () => {
      provider = withRetry(await options.createProvider(), {
        baseDelayMs: 50,
        maxAttempts: 6,
        maxDelayMs: 2000,
      });
    }, 60_000);
    afterAll(async () => {
      await provider?.close();
    });

    it('survives 429, 503, latency, resets and truncated bodies with no wrong outcome', {
      timeout: 900_000,
    }, async () => {
      const supports = (operation: Parameters<typeof supportsOperation>[1]) =>
        supportsOperation(provider.capabilities, operation);
      const judge = async <T>(
        label: string,
        action: () => Promise<T>,
        expectation: { idempotent: boolean; acceptableCodes?: readonly string[] },
      ): Promise<T | undefined> => {
        try {
          const result = await action();
          tally.succeeded += 1;
          return result;
        } catch (error) {
          const typed = IdentityError.isInstance(error);
          const acceptable =
            typed && (error.retryable || (expectation.acceptableCodes ?? []).includes(error.code));
          if (acceptable) {
            tally['typed failure'] += 1;
          } else {
            tally['wrong outcome'] += 1;
            wrong.push(`${label}: ${typed ? `${error.code} ${error.message}` : String(error)}`);
          }
          return undefined;
        }
      };

      const iterations = options.iterations ?? 30;
      for (let index = 0; index < iterations; index += 1) {
        const email = `idport-fault-${randomUUID().slice(0, 8)}-${index}@example.com`;
        emails.push(email);
        const user = await judge(
          'users.create',
          () => provider.users.create({ email, password, emailVerified: true }),
          {
            idempotent: false,
          },
        );
        if (!user) continue;
        await judge('users.get', () => provider.users.get(user.id), { idempotent: true });
        if (supports('users.update')) {
          await judge('users.update', () => provider.users.update(user.id, { givenName: `Run${index}` }), {
            idempotent: true,
          });
        }
        if (supports('auth.signIn')) {
          await judge('auth.signIn', () => provider.auth.signIn({ email, password }), { idempotent: false });
        }
        if (supports('users.list')) {
          await judge(
            'users.list',
            async () => {
              for await (const page of provider.users.list({ pageSize: 10 }).pages()) return page;
              return null;
            },
            { idempotent: true },
          );
        }
        // A delete whose response was lost is retried and finds the user gone: that is success.
        await judge('users.delete', () => provider.users.delete(user.id), {
          idempotent: true,
          acceptableCodes: ['USER_NOT_FOUND'],
        });
      }

      // Faults off: count accounts per email. More than one is a double-applied create.
      options.proxy().setRate(0);
      let duplicates = 0;
      for (const email of emails) {
        let accounts = 0;
        for await (const listed of provider.users.list({ pageSize: 100 })) {
          if (listed.email?.toLowerCase() === email) accounts += 1;
        }
        if (accounts > 1) duplicates += 1;
        const left = await provider.users.findByEmail(email);
        if (left) await provider.users.delete(left.id).catch(() => undefined);
      }
      tally['wrong outcome'] += duplicates;
      if (duplicates > 0) wrong.push(`${duplicates} emails with more than one account`);

      const { stats } = options.proxy();
      const faults = Object.entries(stats.faults)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
      console.log(
        `fault campaign against ${options.name}: ${stats.requests} calls, ${Object.values(stats.faults).reduce((a, b) => a + b, 0)} faults injected (${faults}); ` +
          `${tally.succeeded} operations succeeded, ${tally['typed failure']} typed failures, ${tally['wrong outcome']} wrong outcomes`,
      );
      expect(wrong).toEqual([]);
    });
  });
}
