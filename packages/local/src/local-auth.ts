import {
  type AuthOperations,
  type Challenge,
  type CompleteMfaInput,
  type CompleteNewPasswordInput,
  IdentityError,
  type SignInInput,
  type SignInResult,
  type SignUpInput,
  type SignUpResult,
} from '@idport/core';
import type { LocalContext, UserRow } from './local-context';
import { localError } from './local-errors';
import {
  confirmedTotpFactors,
  recoveryCodesFactorId,
  unusedRecoveryCodeCount,
  verifySecondFactor,
} from './local-mfa';
import type { LocalSessions } from './local-sessions';
import { findUserRowByEmail, requireUserRow } from './local-user-rows';
import { hashNewPassword, insertUserRow } from './local-users';
import { mapLocalUser } from './map-local-user';
import { digest, randomDigits, randomToken } from './random-token';
import { hashPassword, needsRehash, verifyPassword, verifyStoredPassword } from './scrypt-password-hasher';
import { SignInLockout } from './sign-in-lockout';

const maxChallengeAttempts = 5;
const maxConfirmationAttempts = 5;

/** Sign-in, MFA completion, sessions and self-service sign-up on the local store. */
export function createLocalAuth(context: LocalContext, sessions: LocalSessions): AuthOperations {
  const { database, now, options } = context;
  const lockout = new SignInLockout(context);

  const createChallenge = (userId: string, kind: 'mfa' | 'new_password'): Challenge => {
    const session = randomToken();
    const expiresAt = new Date(now().getTime() + options.mfa.challengeTtlSeconds * 1000);
    database
      .prepare('INSERT INTO mfa_challenges (token_hash, user_id, kind, expires_at) VALUES (?, ?, ?, ?)')
      .run(digest(session), userId, kind, expiresAt.getTime());
    return { session, expiresAt };
  };

  const readChallenge = (challenge: Challenge, kind: 'mfa' | 'new_password') => {
    const row = database
      .prepare('SELECT * FROM mfa_challenges WHERE token_hash = ? AND kind = ?')
      .get(digest(challenge.session), kind) as
      | { token_hash: string; user_id: string; expires_at: number; failed_attempts: number }
      | undefined;
    if (!row || row.expires_at <= now().getTime()) {
      throw localError('MFA_CHALLENGE_EXPIRED', 'The sign-in challenge has expired; sign in again');
    }
    return row;
  };

  /** After the password (and a forced change, if any): a second factor, or tokens. */
  const continueSignIn = async (user: UserRow): Promise<SignInResult> => {
    const factors = confirmedTotpFactors(context, user.id);
    if (factors.length > 0) {
      const challengeFactors = factors.map((factor) => ({
        id: factor.id,
        type: factor.type,
        label: factor.label,
      }));
      if (unusedRecoveryCodeCount(context, user.id) > 0) {
        challengeFactors.push({ id: recoveryCodesFactorId, type: 'recovery_code', label: null });
      }
      return {
        status: 'mfa_required',
        challenge: createChallenge(user.id, 'mfa'),
        factors: challengeFactors,
      };
    }
    return { status: 'authenticated', tokens: await sessions.start(user), user: mapLocalUser(user) };
  };

  return {
    async signIn({ email, password }: SignInInput): Promise<SignInResult> {
      const retryAfter = lockout.secondsLocked(email);
      if (retryAfter > 0) {
        throw new IdentityError({
          code: 'TOO_MANY_ATTEMPTS',
          provider: 'local',
          retryAfter,
          message: 'Too many failed sign-in attempts; try again later',
        });
      }
      const user = findUserRowByEmail(context, email);
      const dummy = async () => (await verifyPassword(password, await context.dummyPasswordHash)) && false;
      const stored = user?.password_hash;
      // Unknown users cost one scrypt verification too, so timing does not reveal which emails exist.
      // A hash imported from another provider (or an older, cheaper scrypt) may cost less than
      // the default: the dummy check runs alongside it, so such users answer no faster either.
      const valid = !stored
        ? await dummy()
        : needsRehash(stored, options.passwordHashing)
          ? (await Promise.all([verifyStoredPassword(password, stored), dummy()]))[0]
          : await verifyStoredPassword(password, stored);
      if (!user || !valid) {
        lockout.recordFailure(email);
        throw localError('INVALID_CREDENTIALS', 'The email or password is incorrect');
      }
      lockout.recordSuccess(email);
      if (user.confirmed !== 1) throw localError('USER_NOT_CONFIRMED', 'The sign-up has not been confirmed');
      if (user.enabled !== 1) throw localError('USER_DISABLED', 'The account is disabled');
      // Rehash-to-default: an imported or weaker hash is replaced by local's scrypt at the
      // first successful sign-in, so legacy hashes disappear as users come back.
      if (user.password_hash && needsRehash(user.password_hash, options.passwordHashing)) {
        const upgraded = await hashPassword(password, options.passwordHashing);
        database.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(upgraded, user.id);
      }
      if (user.password_change_required === 1) {
        return { status: 'new_password_required', challenge: createChallenge(user.id, 'new_password') };
      }
      return continueSignIn(user);
    },

    async completeMfa({ challenge, factorId, code }: CompleteMfaInput): Promise<SignInResult> {
      const row = readChallenge(challenge, 'mfa');
      const user = requireUserRow(context, row.user_id);
      if (user.enabled !== 1) throw localError('USER_DISABLED', 'The account is disabled');
      if (!verifySecondFactor(context, user.id, code, factorId)) {
        const attempts = row.failed_attempts + 1;
        if (attempts >= maxChallengeAttempts) {
          database.prepare('DELETE FROM mfa_challenges WHERE token_hash = ?').run(row.token_hash);
        } else {
          database
            .prepare('UPDATE mfa_challenges SET failed_attempts = ? WHERE token_hash = ?')
            .run(attempts, row.token_hash);
        }
        throw localError('INVALID_MFA_CODE', 'The verification code is incorrect');
      }
      // A challenge answers once: deleting it makes a replayed completion fail.
      const deleted = database.prepare('DELETE FROM mfa_challenges WHERE token_hash = ?').run(row.token_hash);
      if (deleted.changes === 0)
        throw localError('MFA_CHALLENGE_EXPIRED', 'The sign-in challenge was already used');
      return { status: 'authenticated', tokens: await sessions.start(user), user: mapLocalUser(user) };
    },

    async completeNewPassword({ challenge, newPassword }: CompleteNewPasswordInput): Promise<SignInResult> {
      const row = readChallenge(challenge, 'new_password');
      const hash = await hashNewPassword(context, newPassword, 'newPassword');
      const deleted = database.prepare('DELETE FROM mfa_challenges WHERE token_hash = ?').run(row.token_hash);
      if (deleted.changes === 0)
        throw localError('MFA_CHALLENGE_EXPIRED', 'The sign-in challenge was already used');
      database
        .prepare(
          'UPDATE users SET password_hash = ?, password_change_required = 0, updated_at = ? WHERE id = ?',
        )
        .run(hash, now().getTime(), row.user_id);
      return continueSignIn(requireUserRow(context, row.user_id));
    },

    async refresh({ refreshToken }: { refreshToken: string }) {
      return sessions.refresh(refreshToken);
    },

    async revoke({ token }: { token: string }): Promise<void> {
      if (token.split('.').length === 3) {
        // An access or ID token: revoke the session it belongs to, if it is one of ours.
        const verified = await context.verifier.verify(token).catch(() => null);
        const sessionId = verified?.claims.sid;
        if (typeof sessionId === 'string') sessions.revokeSession(sessionId);
        return;
      }
      sessions.revokeRefreshToken(token);
    },

    async signOut({ userId }: { userId: string }): Promise<void> {
      requireUserRow(context, userId);
      sessions.revokeAll(userId);
    },

    async signUp(input: SignUpInput): Promise<SignUpResult> {
      const passwordHash = await hashNewPassword(context, input.password);
      const requireConfirmation = options.signUp.requireConfirmation;
      const row = insertUserRow(context, {
        email: input.email,
        passwordHash,
        givenName: input.givenName,
        familyName: input.familyName,
        displayName: input.displayName,
        confirmed: !requireConfirmation,
      });
      if (requireConfirmation) {
        const code = randomDigits(6);
        database
          .prepare(
            'INSERT OR REPLACE INTO confirmation_codes (user_id, code_hash, expires_at) VALUES (?, ?, ?)',
          )
          .run(row.id, digest(code), now().getTime() + options.signUp.codeTtlSeconds * 1000);
        await options.deliver?.({ kind: 'sign_up_code', email: row.email, code });
      }
      return { user: mapLocalUser(row), confirmationRequired: requireConfirmation };
    },

    async confirmSignUp({ email, code }: { email: string; code: string }): Promise<void> {
      const user = findUserRowByEmail(context, email);
      const row = user
        ? (database.prepare('SELECT * FROM confirmation_codes WHERE user_id = ?').get(user.id) as
            | { code_hash: string; expires_at: number; failed_attempts: number }
            | undefined)
        : undefined;
      // Unknown email, no pending code and wrong code all answer alike: no enumeration.
      const invalid = () => localError('INVALID_CONFIRMATION_CODE', 'The confirmation code is not valid');
      if (!user || !row || row.expires_at <= now().getTime()) throw invalid();
      if (row.code_hash !== digest(code)) {
        if (row.failed_attempts + 1 >= maxConfirmationAttempts) {
          database.prepare('DELETE FROM confirmation_codes WHERE user_id = ?').run(user.id);
        } else {
          database
            .prepare('UPDATE confirmation_codes SET failed_attempts = failed_attempts + 1 WHERE user_id = ?')
            .run(user.id);
        }
        throw invalid();
      }
      database.transaction(() => {
        database.prepare('DELETE FROM confirmation_codes WHERE user_id = ?').run(user.id);
        database
          .prepare('UPDATE users SET confirmed = 1, email_verified = 1, updated_at = ? WHERE id = ?')
          .run(now().getTime(), user.id);
      })();
    },
  };
}
