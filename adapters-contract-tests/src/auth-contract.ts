import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

/** Sign-in, refresh, revocation, sign-out, sign-up and password changes. */
export function authContract(context: ContractContext): void {
  describe('auth', () => {
    const signIn = (email: string, password = context.password) =>
      context.provider.auth.signIn({ email, password });

    contractTest(context, 'auth.sign-in-returns-tokens', ['users.create', 'auth.signIn'], async () => {
      const user = await context.createUser();
      const result = await signIn(user.email as string);
      expect(result.status).toBe('authenticated');
      if (result.status !== 'authenticated') return;
      expect(result.user.id).toBe(user.id);
      expect(result.tokens.accessToken.length).toBeGreaterThan(20);
      expect(result.tokens.tokenType).toBe('Bearer');
      expect(result.tokens.expiresAt.getTime()).toBeGreaterThan(Date.now());
    });

    contractTest(
      context,
      'auth.wrong-password-is-invalid-credentials',
      ['users.create', 'auth.signIn'],
      async () => {
        const user = await context.createUser();
        await expectIdentityError(
          signIn(user.email as string, context.otherPassword()),
          'INVALID_CREDENTIALS',
        );
      },
    );

    contractTest(
      context,
      'auth.unknown-email-looks-like-wrong-password',
      ['users.create', 'auth.signIn'],
      async () => {
        const user = await context.createUser();
        const wrongPassword = await expectIdentityError(
          signIn(user.email as string, context.otherPassword()),
          'INVALID_CREDENTIALS',
        );
        const unknownEmail = await expectIdentityError(
          signIn(context.uniqueEmail('nobody'), context.otherPassword()),
          'INVALID_CREDENTIALS',
        );
        // Same code, same message, same retryability: nothing tells an attacker the account exists.
        expect(unknownEmail.message).toBe(wrongPassword.message);
        expect(unknownEmail.retryable).toBe(wrongPassword.retryable);
      },
    );

    contractTest(context, 'auth.email-is-case-insensitive', ['users.create', 'auth.signIn'], async () => {
      const user = await context.createUser();
      const result = await signIn((user.email as string).toUpperCase());
      expect(result.status).toBe('authenticated');
    });

    contractTest(
      context,
      'auth.disabled-user-cannot-sign-in',
      ['users.create', 'users.disable', 'users.enable', 'auth.signIn'],
      async () => {
        const user = await context.createUser();
        await context.provider.users.disable(user.id);
        await expectIdentityError(signIn(user.email as string), ['USER_DISABLED', 'INVALID_CREDENTIALS']);
        await context.provider.users.enable(user.id);
        expect((await signIn(user.email as string)).status).toBe('authenticated');
      },
      { when: () => !context.quirks.disabledUsersCanSignIn },
    );

    const signedInTokens = async () => {
      const user = await context.createUser();
      const result = await signIn(user.email as string);
      if (result.status !== 'authenticated') throw new Error('expected authenticated');
      return { user, tokens: result.tokens };
    };

    contractTest(
      context,
      'auth.refresh-returns-working-tokens',
      ['users.create', 'auth.signIn', 'auth.refresh'],
      async () => {
        const { user, tokens } = await signedInTokens();
        expect(tokens.refreshToken).toBeTruthy();
        const refreshed = await context.provider.auth.refresh({
          refreshToken: tokens.refreshToken as string,
        });
        expect(refreshed.accessToken.length).toBeGreaterThan(20);
        expect(refreshed.refreshToken).toBeTruthy();
        if (context.supports('tokens.verifyAccessToken')) {
          const verified = await context.provider.tokens.verifyAccessToken(refreshed.accessToken);
          expect(verified.subject).toBe(user.id);
        }
      },
    );

    contractTest(
      context,
      'auth.refresh-rotation-matches-manifest',
      ['users.create', 'auth.signIn', 'auth.refresh'],
      async () => {
        const { tokens } = await signedInTokens();
        const first = tokens.refreshToken as string;
        const refreshed = await context.provider.auth.refresh({ refreshToken: first });
        if (context.provider.capabilities.refreshTokenRotation) {
          expect(refreshed.refreshToken).not.toBe(first);
        } else {
          // Without rotation the old token keeps working and is handed back.
          expect((await context.provider.auth.refresh({ refreshToken: first })).accessToken).toBeTruthy();
        }
      },
    );

    contractTest(
      context,
      'auth.refresh-reuse-revokes-session',
      ['users.create', 'auth.signIn', 'auth.refresh'],
      async () => {
        const { tokens } = await signedInTokens();
        const stolen = tokens.refreshToken as string;
        const legitimate = await context.provider.auth.refresh({ refreshToken: stolen });
        await expectIdentityError(context.provider.auth.refresh({ refreshToken: stolen }), 'TOKEN_INVALID');
        // The reuse revoked the whole session: the token issued by the first refresh is dead too.
        await expectIdentityError(
          context.provider.auth.refresh({ refreshToken: legitimate.refreshToken as string }),
          'TOKEN_INVALID',
        );
      },
      { when: () => context.provider.capabilities.refreshTokenRotation },
    );

    contractTest(context, 'auth.refresh-with-garbage-is-token-invalid', ['auth.refresh'], async () => {
      await expectIdentityError(
        context.provider.auth.refresh({ refreshToken: 'definitely-not-a-refresh-token-0123456789' }),
        ['TOKEN_INVALID', 'TOKEN_EXPIRED'],
      );
    });

    contractTest(
      context,
      'auth.revoke-stops-refresh',
      ['users.create', 'auth.signIn', 'auth.refresh', 'auth.revoke'],
      async () => {
        const { tokens } = await signedInTokens();
        await context.provider.auth.revoke({ token: tokens.refreshToken as string });
        await expectIdentityError(
          context.provider.auth.refresh({ refreshToken: tokens.refreshToken as string }),
          'TOKEN_INVALID',
        );
      },
      { when: () => !context.quirks.revokeDoesNotStopRefresh },
    );

    contractTest(
      context,
      'auth.sign-out-stops-refresh',
      ['users.create', 'auth.signIn', 'auth.refresh', 'auth.signOut'],
      async () => {
        const { user, tokens } = await signedInTokens();
        await context.provider.auth.signOut({ userId: user.id });
        await expectIdentityError(
          context.provider.auth.refresh({ refreshToken: tokens.refreshToken as string }),
          'TOKEN_INVALID',
        );
      },
      { when: () => !context.quirks.revokeDoesNotStopRefresh },
    );

    contractTest(context, 'auth.revoke-unknown-token-is-quiet', ['auth.revoke'], async () => {
      await expect(
        context.provider.auth.revoke({ token: 'unknown-token-0123456789abcdef' }),
      ).resolves.toBeUndefined();
    });

    contractTest(
      context,
      'auth.sign-up-then-confirm',
      ['auth.signUp', 'auth.confirmSignUp', 'auth.signIn'],
      async () => {
        const email = context.uniqueEmail('signup');
        const { user, confirmationRequired } = await context.provider.auth.signUp({
          email,
          password: context.password,
          givenName: 'Ada',
        });
        context.track(user);
        expect(user.email?.toLowerCase()).toBe(email.toLowerCase());
        if (confirmationRequired) {
          await expectIdentityError(signIn(email), 'USER_NOT_CONFIRMED');
          const code = await context.options.backdoor?.readSignUpCode?.(email);
          expect(code, 'the backdoor must read sign-up codes').toBeTruthy();
          await context.provider.auth.confirmSignUp({ email, code: code as string });
        }
        expect((await signIn(email)).status).toBe('authenticated');
      },
    );

    contractTest(
      context,
      'auth.confirm-sign-up-wrong-code',
      ['auth.signUp', 'auth.confirmSignUp'],
      async () => {
        const email = context.uniqueEmail('signup');
        const { user, confirmationRequired } = await context.provider.auth.signUp({
          email,
          password: context.password,
        });
        context.track(user);
        if (!confirmationRequired) return;
        const real = await context.options.backdoor?.readSignUpCode?.(email);
        const wrong = real === '000000' ? '111111' : '000000';
        await expectIdentityError(
          context.provider.auth.confirmSignUp({ email, code: wrong }),
          'INVALID_CONFIRMATION_CODE',
        );
      },
    );

    contractTest(context, 'auth.sign-up-existing-email', ['users.create', 'auth.signUp'], async () => {
      const user = await context.createUser();
      await expectIdentityError(
        context.provider.auth.signUp({ email: user.email as string, password: context.password }),
        'USER_ALREADY_EXISTS',
      );
    });

    contractTest(
      context,
      'auth.temporary-password-requires-new-password',
      ['users.create', 'users.setPassword', 'auth.signIn', 'auth.completeNewPassword'],
      async () => {
        const user = await context.createUser();
        const temporary = context.otherPassword();
        await context.provider.users.setPassword(user.id, temporary, { temporary: true });
        const first = await signIn(user.email as string, temporary);
        expect(first.status).toBe('new_password_required');
        if (first.status !== 'new_password_required') return;
        const chosen = `${context.password}-Chosen-3`;
        const done = await context.provider.auth.completeNewPassword({
          challenge: first.challenge,
          newPassword: chosen,
        });
        expect(done.status).toBe('authenticated');
        expect((await signIn(user.email as string, chosen)).status).toBe('authenticated');
        await expectIdentityError(signIn(user.email as string, temporary), 'INVALID_CREDENTIALS');
      },
    );

    contractTest(
      context,
      'auth.set-password-replaces-old',
      ['users.create', 'users.setPassword', 'auth.signIn'],
      async () => {
        const user = await context.createUser();
        const next = context.otherPassword();
        await context.provider.users.setPassword(user.id, next);
        expect((await signIn(user.email as string, next)).status).toBe('authenticated');
        await expectIdentityError(signIn(user.email as string, context.password), 'INVALID_CREDENTIALS');
      },
    );

    contractTest(
      context,
      'auth.weak-password-refused',
      ['users.create'],
      async () => {
        const email = context.uniqueEmail('weak');
        await expectIdentityError(context.provider.users.create({ email, password: 'abc' }), 'WEAK_PASSWORD');
        if (context.supports('users.findByEmail'))
          expect(await context.provider.users.findByEmail(email)).toBeNull();
      },
      { when: () => !context.quirks.noPasswordPolicy },
    );

    contractTest(
      context,
      'auth.user-without-password-cannot-sign-in',
      ['users.create', 'auth.signIn'],
      async () => {
        const user = await context.createUser({ password: null });
        await expectIdentityError(signIn(user.email as string), [
          'INVALID_CREDENTIALS',
          'PASSWORD_RESET_REQUIRED',
        ]);
      },
    );
  });
}
