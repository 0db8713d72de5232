import { randomUUID } from 'node:crypto';
import type { ConfirmedEnrollment, MfaFactor, MfaOperations, MfaSubject, TotpEnrollment } from '@idport/core';
import type { LocalContext } from './local-context';
import { localError } from './local-errors';
import { requireUserRow } from './local-user-rows';
import { digest, randomRecoveryCode } from './random-token';
import { generateTotpSecret, matchTotpStep, totpUri } from './totp';

interface FactorRow {
  id: string;
  user_id: string;
  type: string;
  label: string | null;
  secret: string;
  confirmed: number;
  last_used_step: number;
  created_at: number;
}

/** The pseudo-factor id under which a user's unused recovery codes are listed. */
export const recoveryCodesFactorId = 'recovery-codes';
const maxFactorsPerUser = 5;

function mapFactor(row: FactorRow): MfaFactor {
  return {
    id: row.id,
    type: 'totp',
    label: row.label,
    confirmed: row.confirmed === 1,
    createdAt: new Date(row.created_at),
  };
}

/** Confirmed TOTP factors of a user. */
export function confirmedTotpFactors(context: LocalContext, userId: string): MfaFactor[] {
  const rows = context.database
    .prepare(
      "SELECT * FROM mfa_factors WHERE user_id = ? AND type = 'totp' AND confirmed = 1 ORDER BY created_at",
    )
    .all(userId) as FactorRow[];
  return rows.map(mapFactor);
}

/** How many unused recovery codes a user has. */
export function unusedRecoveryCodeCount(context: LocalContext, userId: string): number {
  const row = context.database
    .prepare('SELECT COUNT(*) AS count FROM recovery_codes WHERE user_id = ? AND used_at IS NULL')
    .get(userId) as { count: number };
  return row.count;
}

/**
 * Accepts a TOTP code once: the matched time step must be newer than the last accepted
 * one, so a code seen over a shoulder cannot be replayed within its window.
 */
function acceptTotp(context: LocalContext, row: FactorRow, code: string): boolean {
  const step = matchTotpStep(row.secret, code, context.now());
  if (step === null || step <= row.last_used_step) return false;
  const result = context.database
    .prepare('UPDATE mfa_factors SET last_used_step = ? WHERE id = ? AND last_used_step < ?')
    .run(step, row.id, step);
  return result.changes === 1;
}

/** Checks a second-factor answer: a TOTP code (of the given or any confirmed factor) or a recovery code. */
export function verifySecondFactor(
  context: LocalContext,
  userId: string,
  code: string,
  factorId?: string,
): boolean {
  const { database, now } = context;
  if (factorId === recoveryCodesFactorId || /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(code)) {
    const result = database
      .prepare(
        'UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL',
      )
      .run(now().getTime(), userId, digest(code.toLowerCase()));
    return result.changes === 1;
  }
  const rows = database
    .prepare(
      `SELECT * FROM mfa_factors WHERE user_id = ? AND type = 'totp' AND confirmed = 1 ${factorId ? 'AND id = ?' : ''}`,
    )
    .all(...(factorId ? [userId, factorId] : [userId])) as FactorRow[];
  return rows.some((row) => acceptTotp(context, row, code));
}

function replaceRecoveryCodes(context: LocalContext, userId: string): string[] {
  const codes = Array.from({ length: context.options.mfa.recoveryCodeCount }, randomRecoveryCode);
  context.database.transaction(() => {
    context.database.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    const insert = context.database.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)');
    for (const code of codes) insert.run(userId, digest(code));
  })();
  return codes;
}

/** TOTP enrollment and recovery codes on the local store. */
export function createLocalMfa(context: LocalContext): MfaOperations {
  const { database, now, options } = context;

  return {
    async listFactors({ userId }: MfaSubject): Promise<MfaFactor[]> {
      requireUserRow(context, userId);
      const rows = database
        .prepare('SELECT * FROM mfa_factors WHERE user_id = ? ORDER BY created_at')
        .all(userId) as FactorRow[];
      const factors = rows.map(mapFactor);
      if (unusedRecoveryCodeCount(context, userId) > 0) {
        factors.push({
          id: recoveryCodesFactorId,
          type: 'recovery_code',
          label: null,
          confirmed: true,
          createdAt: null,
        });
      }
      return factors;
    },

    async enrollTotp({ userId, label }: MfaSubject & { label?: string }): Promise<TotpEnrollment> {
      const user = requireUserRow(context, userId);
      const count = database
        .prepare('SELECT COUNT(*) AS count FROM mfa_factors WHERE user_id = ?')
        .get(userId) as {
        count: number;
      };
      if (count.count >= maxFactorsPerUser) {
        throw localError('INVALID_INPUT', `A user may have at most ${maxFactorsPerUser} factors`, 'userId');
      }
      const secret = generateTotpSecret();
      const factorId = randomUUID();
      database
        .prepare(
          "INSERT INTO mfa_factors (id, user_id, type, label, secret, confirmed, created_at) VALUES (?, ?, 'totp', ?, ?, 0, ?)",
        )
        .run(factorId, userId, label ?? null, secret, now().getTime());
      return { factorId, secret, otpauthUri: totpUri(secret, options.mfa.totpIssuer, user.email) };
    },

    async confirmEnrollment({
      userId,
      factorId,
      code,
    }: MfaSubject & { factorId: string; code: string }): Promise<ConfirmedEnrollment> {
      requireUserRow(context, userId);
      const row = database
        .prepare('SELECT * FROM mfa_factors WHERE id = ? AND user_id = ?')
        .get(factorId, userId) as FactorRow | undefined;
      if (!row) throw localError('FACTOR_NOT_FOUND', 'The user has no factor with this id');
      if (!acceptTotp(context, row, code)) throw localError('INVALID_MFA_CODE', 'The code is not valid');
      database.prepare('UPDATE mfa_factors SET confirmed = 1 WHERE id = ?').run(factorId);
      // The first confirmed factor comes with recovery codes, so losing the phone is not losing the account.
      const recoveryCodes =
        unusedRecoveryCodeCount(context, userId) === 0 ? replaceRecoveryCodes(context, userId) : [];
      return { factor: mapFactor({ ...row, confirmed: 1 }), recoveryCodes };
    },

    async removeFactor({ userId, factorId }: MfaSubject & { factorId: string }): Promise<void> {
      requireUserRow(context, userId);
      database.transaction(() => {
        if (factorId === recoveryCodesFactorId) {
          database.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
          return;
        }
        const result = database
          .prepare('DELETE FROM mfa_factors WHERE id = ? AND user_id = ?')
          .run(factorId, userId);
        if (result.changes === 0) throw localError('FACTOR_NOT_FOUND', 'The user has no factor with this id');
        // Recovery codes only make sense as a fallback for a factor that still exists.
        if (confirmedTotpFactors(context, userId).length === 0) {
          database.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
        }
      })();
    },

    async generateRecoveryCodes({ userId }: MfaSubject): Promise<string[]> {
      requireUserRow(context, userId);
      if (confirmedTotpFactors(context, userId).length === 0) {
        throw localError('MFA_ENROLLMENT_REQUIRED', 'Recovery codes need a confirmed factor first');
      }
      return replaceRecoveryCodes(context, userId);
    },
  };
}
