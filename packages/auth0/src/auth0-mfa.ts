import { IdentityError, type MfaFactor, type MfaFactorType, type MfaOperations } from '@idport/core';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';
import { openEnrollment, sealEnrollment } from './auth0-pending-enrollment';
import { newTotpSecret, verifyTotpCode } from './auth0-totp';

/** A pending enrollment must be confirmed within 15 minutes. */
const enrollmentLifetimeMs = 15 * 60 * 1000;

const methodTypes: Record<string, MfaFactorType> = {
  totp: 'totp',
  phone: 'sms',
  email: 'email',
  'recovery-code': 'recovery_code',
};

interface AuthenticationMethod {
  id: string;
  type: string;
  confirmed?: boolean;
  name?: string;
  created_at?: string;
}

function toFactor(method: AuthenticationMethod): MfaFactor | null {
  const type = methodTypes[method.type];
  if (!type) return null;
  return {
    id: method.id,
    type,
    label: method.name ?? null,
    confirmed: method.confirmed ?? true,
    createdAt: method.created_at ? new Date(method.created_at) : null,
  };
}

/**
 * Second factors through the Management API (authentication methods), so an administrator
 * enrolls a user without the user's password or an MFA-API token. `enrollTotp` creates the
 * secret here and seals it into the factor id; `confirmEnrollment` checks the first code and
 * only then stores the factor at Auth0, so an unconfirmed factor is never demanded at sign-in.
 */
export function createAuth0Mfa(context: Auth0Context): Partial<MfaOperations> {
  const { management } = context;
  const notFound = (error: unknown) =>
    mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });

  return {
    async listFactors({ userId }) {
      try {
        const page = await management.users.authenticationMethods.list(userId, { per_page: 100 });
        return (page.data as AuthenticationMethod[]).map(toFactor).filter((factor) => factor !== null);
      } catch (error) {
        throw notFound(error);
      }
    },

    async enrollTotp({ userId, label }) {
      const user = await context.getUser(userId);
      const secret = newTotpSecret();
      const factorId = sealEnrollment(context.enrollmentKey, {
        userId,
        secret,
        label: label ?? null,
        expiresAt: Date.now() + enrollmentLifetimeMs,
      });
      const issuer = encodeURIComponent(context.options.domain);
      const account = encodeURIComponent(user.email ?? userId);
      return {
        factorId,
        secret,
        otpauthUri: `otpauth://totp/${issuer}:${account}?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`,
      };
    },

    async confirmEnrollment({ userId, factorId, code }) {
      const pending = openEnrollment(context.enrollmentKey, factorId);
      if (!pending || pending.userId !== userId) {
        throw new IdentityError({
          code: 'FACTOR_NOT_FOUND',
          provider: 'auth0',
          message: 'No pending enrollment with this id',
        });
      }
      if (pending.expiresAt < Date.now()) {
        throw new IdentityError({
          code: 'MFA_CHALLENGE_EXPIRED',
          provider: 'auth0',
          message: 'The enrollment expired; start again',
        });
      }
      if (!verifyTotpCode(pending.secret, code)) {
        throw new IdentityError({
          code: 'INVALID_MFA_CODE',
          provider: 'auth0',
          message: 'The one-time code is not valid',
        });
      }
      try {
        const created = await management.users.authenticationMethods.create(userId, {
          type: 'totp',
          totp_secret: pending.secret,
          ...(pending.label ? { name: pending.label.slice(0, 20) } : {}),
        });
        // Auth0 keeps one recovery code per user; a fresh one is issued with the first factor.
        const recovery = await management.users.regenerateRecoveryCode(userId);
        return {
          factor: {
            id: String(created.id),
            type: 'totp',
            label: pending.label,
            confirmed: true,
            createdAt: created.created_at ? new Date(created.created_at) : new Date(),
          },
          recoveryCodes: recovery.recovery_code ? [recovery.recovery_code] : [],
        };
      } catch (error) {
        throw notFound(error);
      }
    },

    async removeFactor({ userId, factorId }) {
      try {
        await management.users.authenticationMethods.delete(userId, factorId);
      } catch (error) {
        const mapped = mapAuth0Error(error);
        if (mapped.status === 404 && mapped.vendorCode !== 'inexistent_user') {
          throw new IdentityError({
            code: 'FACTOR_NOT_FOUND',
            provider: 'auth0',
            message: 'The factor does not exist',
            status: 404,
            cause: error,
          });
        }
        throw mapped;
      }
    },

    async generateRecoveryCodes({ userId }) {
      try {
        const recovery = await management.users.regenerateRecoveryCode(userId);
        return recovery.recovery_code ? [recovery.recovery_code] : [];
      } catch (error) {
        throw notFound(error);
      }
    },
  };
}
