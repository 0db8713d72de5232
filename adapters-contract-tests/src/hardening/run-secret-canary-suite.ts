import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { IdentityProvider } from '@idport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractContext } from '../contract-context';
import type { ContractOptions } from '../contract-options';

/**
 * The canary run: passwords, tokens, TOTP seeds and password hashes set to unique canary
 * strings, driven through success and failure paths. Every result (except the one that
 * legitimately hands a secret to its owner), every thrown error, and everything written to
 * stdout/stderr during the run is rendered with JSON.stringify and util.inspect and
 * searched. Prints where it looked and how many bytes; the target is zero canaries.
 */
export function runSecretCanarySuite(options: ContractOptions): void {
  const context = new ContractContext({ ...options, throughRetry: false });
  const canaries = new Map<string, string>();
  const rendered: { where: string; text: string }[] = [];
  const canary = (label: string) => {
    const value = `Canary${label}${randomBytes(6).toString('hex')}Aa1!`;
    canaries.set(value, label);
    return value;
  };
  const look = (where: string, value: unknown) => {
    let json = '';
    try {
      json = JSON.stringify(value) ?? '';
    } catch {
      json = '';
    }
    rendered.push({ where, text: `${json}\n${inspect(value, { depth: 12, showHidden: true })}` });
  };
  const attempt = async (where: string, action: () => Promise<unknown>, resultMayHoldSecrets = false) => {
    try {
      const result = await action();
      if (!resultMayHoldSecrets) look(`${where} → result`, result);
      return result;
    } catch (error) {
      look(`${where} → error`, error);
      look(`${where} → error.cause`, (error as Error).cause);
      look(`${where} → String(error)`, String(error));
      return undefined;
    }
  };

  let restore: (() => void) | undefined;
  describe(`secret canaries: ${options.name}`, () => {
    beforeAll(async () => {
      await context.open();
      // Everything written to the console during the run is searched too.
      const stdout = process.stdout.write.bind(process.stdout);
      const stderr = process.stderr.write.bind(process.stderr);
      const capture =
        (where: string, original: typeof stdout) =>
        (chunk: unknown, ...rest: unknown[]) => {
          rendered.push({ where, text: String(chunk) });
          return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        };
      process.stdout.write = capture('stdout', stdout) as typeof process.stdout.write;
      process.stderr.write = capture('stderr', stderr) as typeof process.stderr.write;
      restore = () => {
        process.stdout.write = stdout;
        process.stderr.write = stderr;
      };
    }, 60_000);
    afterAll(async () => {
      restore?.();
      await context.close();
    }, 60_000);

    it('no canary appears in any result, error or log line', { timeout: 300_000 }, async () => {
      const provider: IdentityProvider = context.provider;
      const supports = (operation: Parameters<ContractContext['supports']>[0]) => context.supports(operation);
      const password = canary('Password');
      const wrongPassword = canary('WrongPassword');
      const email = context.uniqueEmail('canary');

      if (supports('users.create')) {
        const user = await attempt('users.create', () =>
          provider.users.create({ email, password, emailVerified: true }),
        );
        if (user) context.track(user as never);
        await attempt('users.create duplicate', () => provider.users.create({ email, password }));
        await attempt('users.create weak', () =>
          provider.users.create({ email: context.uniqueEmail('weak'), password: 'abc' }),
        );
      }
      let refreshToken: string | null = null;
      let accessToken: string | null = null;
      if (supports('auth.signIn')) {
        await attempt('auth.signIn wrong password', () =>
          provider.auth.signIn({ email, password: wrongPassword }),
        );
        await attempt('auth.signIn unknown email', () =>
          provider.auth.signIn({ email: context.uniqueEmail('nobody'), password: wrongPassword }),
        );
        const result = (await attempt(
          'auth.signIn',
          () => provider.auth.signIn({ email, password }),
          true,
        )) as { status: string; tokens?: { refreshToken: string | null; accessToken: string } } | undefined;
        refreshToken = result?.tokens?.refreshToken ?? null;
        accessToken = result?.tokens?.accessToken ?? null;
        if (refreshToken) canaries.set(refreshToken, 'refresh token');
        if (accessToken) canaries.set(accessToken, 'access token');
      }
      if (accessToken && supports('tokens.verifyAccessToken')) {
        const tampered = `${accessToken.slice(0, -4)}AAAA`;
        await attempt('tokens.verifyAccessToken tampered', () => provider.tokens.verifyAccessToken(tampered));
        await attempt('tokens.verifyIdToken with an access token', () =>
          provider.tokens.verifyIdToken(accessToken as string),
        );
      }
      if (refreshToken && supports('auth.revoke')) {
        await attempt('auth.revoke', () => provider.auth.revoke({ token: refreshToken as string }));
      }
      if (refreshToken && supports('auth.refresh')) {
        await attempt('auth.refresh revoked or rotated', () =>
          provider.auth.refresh({ refreshToken: refreshToken as string }),
        );
        await attempt('auth.refresh garbage', () =>
          provider.auth.refresh({ refreshToken: `${refreshToken}x` }),
        );
      }
      const user = supports('users.findByEmail')
        ? await provider.users.findByEmail(email).catch(() => null)
        : null;
      if (user && supports('mfa.enrollTotp')) {
        const enrollment = (await attempt(
          'mfa.enrollTotp',
          () => provider.mfa.enrollTotp({ userId: user.id, accessToken: accessToken ?? undefined }),
          true,
        )) as { secret: string; factorId: string } | undefined;
        if (enrollment) {
          canaries.set(enrollment.secret, 'TOTP seed');
          await attempt('mfa.confirmEnrollment wrong code', () =>
            provider.mfa.confirmEnrollment({
              userId: user.id,
              accessToken: accessToken ?? undefined,
              factorId: enrollment.factorId,
              code: '000000',
            }),
          );
          if (supports('mfa.listFactors')) {
            await attempt('mfa.listFactors', () =>
              provider.mfa.listFactors({ userId: user.id, accessToken: accessToken ?? undefined }),
            );
          }
        }
      }
      if (user && supports('users.setPassword')) {
        const next = canary('NewPassword');
        await attempt('users.setPassword', () => provider.users.setPassword(user.id, next));
        await attempt('users.setPassword weak', () => provider.users.setPassword(user.id, 'abc'));
      }
      if (supports('transfer.importUsers')) {
        const hash = `$md5$${Buffer.from(canary('Salt')).toString('base64')}$${Buffer.from(canary('Hash')).toString('base64')}`;
        canaries.set(hash, 'password hash');
        const seed = 'JBSWY3DPEHPK3PXPCANARYSEED234567';
        canaries.set(seed, 'imported TOTP seed');
        const outcomes = await attempt('transfer.importUsers', () =>
          provider.transfer.importUsers([
            {
              sourceId: 'canary-source',
              email: context.uniqueEmail('canary-import'),
              emailVerified: true,
              phoneNumber: null,
              givenName: null,
              familyName: null,
              displayName: null,
              enabled: true,
              createdAt: null,
              attributes: {},
              groups: [],
              passwordHash: { algorithm: 'md5', phc: hash },
              mfaFactors: [{ type: 'totp', secret: seed, label: null }],
            },
          ]),
        );
        for (const outcome of (outcomes as { userId?: string | null }[] | undefined) ?? []) {
          if (outcome.userId) context.track({ id: outcome.userId } as never);
        }
      }
      if (user && supports('users.get')) await attempt('users.get', () => provider.users.get(user.id));

      const found: string[] = [];
      let bytes = 0;
      for (const { where, text } of rendered) {
        bytes += text.length;
        for (const [value, label] of canaries) {
          if (text.includes(value)) found.push(`${label} in ${where}`);
        }
      }
      console.log(
        `secret canaries against ${options.name}: ${canaries.size} canaries, searched ${rendered.length} renderings (${bytes} bytes): ${found.length} found`,
      );
      expect(found).toEqual([]);
    });
  });
}
