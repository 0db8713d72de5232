import type { MfaRequiredResult, User } from '@idport/core';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

const enrollment = ['users.create', 'auth.signIn', 'mfa.enrollTotp', 'mfa.confirmEnrollment'] as const;

/** TOTP enrollment, MFA sign-in, replay protection, recovery codes. */
export function mfaContract(context: ContractContext): void {
  describe('mfa', () => {
    /** A user with a confirmed TOTP factor. The confirmation used the current step's code. */
    const enrolledUser = async (): Promise<{
      user: User;
      accessToken: string;
      secret: string;
      factorId: string;
      recoveryCodes: readonly string[];
    }> => {
      const { user, accessToken } = await context.signedInUser();
      const started = await context.provider.mfa.enrollTotp({ userId: user.id, accessToken, label: 'phone' });
      const confirmed = await context.provider.mfa.confirmEnrollment({
        userId: user.id,
        accessToken,
        factorId: started.factorId,
        code: context.totp(started.secret),
      });
      return {
        user,
        accessToken,
        secret: started.secret,
        factorId: confirmed.factor.id,
        recoveryCodes: confirmed.recoveryCodes,
      };
    };

    const challengeFor = async (user: User): Promise<MfaRequiredResult> => {
      const result = await context.provider.auth.signIn({
        email: user.email as string,
        password: context.password,
      });
      expect(result.status).toBe('mfa_required');
      return result as MfaRequiredResult;
    };

    contractTest(context, 'mfa.enroll-returns-secret-and-uri', enrollment, async () => {
      const { user, accessToken } = await context.signedInUser();
      const started = await context.provider.mfa.enrollTotp({ userId: user.id, accessToken });
      expect(started.secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      expect(started.otpauthUri.startsWith('otpauth://totp/')).toBe(true);
      expect(new URL(started.otpauthUri).searchParams.get('secret')).toBe(started.secret.replace(/=+$/, ''));
    });

    contractTest(context, 'mfa.confirm-with-wrong-code-fails', enrollment, async () => {
      const { user, accessToken } = await context.signedInUser();
      const started = await context.provider.mfa.enrollTotp({ userId: user.id, accessToken });
      const right = context.totp(started.secret);
      const wrong = right === '000000' ? '111111' : '000000';
      await expectIdentityError(
        context.provider.mfa.confirmEnrollment({
          userId: user.id,
          accessToken,
          factorId: started.factorId,
          code: wrong,
        }),
        'INVALID_MFA_CODE',
      );
      // An unconfirmed factor must not be demanded at sign-in.
      const result = await context.provider.auth.signIn({
        email: user.email as string,
        password: context.password,
      });
      expect(result.status).toBe('authenticated');
    });

    contractTest(context, 'mfa.confirmed-factor-is-listed', [...enrollment, 'mfa.listFactors'], async () => {
      const { user, accessToken, factorId } = await enrolledUser();
      const factors = await context.provider.mfa.listFactors({ userId: user.id, accessToken });
      const totp = factors.find((factor) => factor.id === factorId);
      expect(totp?.type).toBe('totp');
      expect(totp?.confirmed).toBe(true);
      expect(JSON.stringify(factors)).not.toMatch(/secret/i);
    });

    contractTest(
      context,
      'mfa.sign-in-requires-second-factor',
      [...enrollment, 'auth.completeMfa'],
      async () => {
        const { user } = await enrolledUser();
        const challenge = await challengeFor(user);
        expect(challenge.factors.some((factor) => factor.type === 'totp')).toBe(true);
        expect(challenge.challenge.session.length).toBeGreaterThan(0);
      },
    );

    contractTest(context, 'mfa.complete-with-valid-code', [...enrollment, 'auth.completeMfa'], async () => {
      const { user, secret, factorId } = await enrolledUser();
      const challenge = await challengeFor(user);
      const totpFactor = challenge.factors.find((factor) => factor.type === 'totp');
      const result = await context.provider.auth.completeMfa({
        challenge: challenge.challenge,
        factorId: totpFactor?.id ?? factorId,
        code: context.totp(secret, 1),
      });
      expect(result.status).toBe('authenticated');
      if (result.status === 'authenticated') expect(result.user.id).toBe(user.id);
    });

    contractTest(context, 'mfa.complete-with-wrong-code', [...enrollment, 'auth.completeMfa'], async () => {
      const { user, secret } = await enrolledUser();
      const challenge = await challengeFor(user);
      const right = context.totp(secret, 1);
      await expectIdentityError(
        context.provider.auth.completeMfa({
          challenge: challenge.challenge,
          code: right === '000000' ? '111111' : '000000',
        }),
        'INVALID_MFA_CODE',
      );
    });

    contractTest(context, 'mfa.forged-challenge-rejected', ['auth.completeMfa'], async () => {
      await expectIdentityError(
        context.provider.auth.completeMfa({
          challenge: { session: 'forged-session-0123456789abcdefghijklmnop', expiresAt: null },
          code: '123456',
        }),
        ['MFA_CHALLENGE_EXPIRED', 'INVALID_MFA_CODE'],
      );
    });

    contractTest(
      context,
      'mfa.code-cannot-be-replayed',
      [...enrollment, 'auth.completeMfa'],
      async () => {
        const { user, secret } = await enrolledUser();
        const code = context.totp(secret, 1);
        const first = await challengeFor(user);
        expect((await context.provider.auth.completeMfa({ challenge: first.challenge, code })).status).toBe(
          'authenticated',
        );
        const second = await challengeFor(user);
        await expectIdentityError(
          context.provider.auth.completeMfa({ challenge: second.challenge, code }),
          'INVALID_MFA_CODE',
        );
      },
      { when: () => !context.quirks.totpReplayAllowed },
    );

    contractTest(
      context,
      'mfa.removed-factor-no-longer-required',
      [...enrollment, 'mfa.removeFactor'],
      async () => {
        const { user, accessToken, factorId } = await enrolledUser();
        await context.provider.mfa.removeFactor({ userId: user.id, accessToken, factorId });
        const result = await context.provider.auth.signIn({
          email: user.email as string,
          password: context.password,
        });
        expect(result.status).toBe('authenticated');
      },
    );

    contractTest(context, 'mfa.remove-unknown-factor', ['users.create', 'mfa.removeFactor'], async () => {
      const { user, accessToken } = await context.signedInUser();
      await expectIdentityError(
        context.provider.mfa.removeFactor({ userId: user.id, accessToken, factorId: 'no-such-factor-0000' }),
        'FACTOR_NOT_FOUND',
      );
    });

    contractTest(
      context,
      'mfa.recovery-code-works-once',
      [...enrollment, 'auth.completeMfa'],
      async () => {
        const { user, recoveryCodes } = await enrolledUser();
        expect(recoveryCodes.length).toBeGreaterThan(0);
        const code = recoveryCodes[0] as string;
        const first = await challengeFor(user);
        const recoveryFactor = first.factors.find((factor) => factor.type === 'recovery_code');
        const result = await context.provider.auth.completeMfa({
          challenge: first.challenge,
          factorId: recoveryFactor?.id,
          code,
        });
        expect(result.status).toBe('authenticated');
        const second = await challengeFor(user);
        await expectIdentityError(
          context.provider.auth.completeMfa({
            challenge: second.challenge,
            factorId: recoveryFactor?.id,
            code,
          }),
          'INVALID_MFA_CODE',
        );
      },
      { when: () => context.provider.capabilities.mfaFactorTypes.includes('recovery_code') },
    );

    contractTest(
      context,
      'mfa.regenerated-recovery-codes-replace-old',
      [...enrollment, 'auth.completeMfa', 'mfa.generateRecoveryCodes'],
      async () => {
        const { user, accessToken, recoveryCodes } = await enrolledUser();
        const fresh = await context.provider.mfa.generateRecoveryCodes({ userId: user.id, accessToken });
        expect(fresh.length).toBeGreaterThan(0);
        expect(fresh).not.toContain(recoveryCodes[0]);
        const challenge = await challengeFor(user);
        await expectIdentityError(
          context.provider.auth.completeMfa({
            challenge: challenge.challenge,
            code: recoveryCodes[0] as string,
          }),
          'INVALID_MFA_CODE',
        );
        const accepted = await context.provider.auth.completeMfa({
          challenge: challenge.challenge,
          code: fresh[0] as string,
        });
        expect(accepted.status).toBe('authenticated');
      },
    );
  });
}
