import { randomUUID } from 'node:crypto';
import { IdentityError, type MfaFactor, type MfaOperations } from '@idport/core';
import type { KeycloakContext } from './keycloak-context';
import { generateTotpSecret, verifyTotpCode } from './keycloak-totp';
import { writableRepresentation } from './keycloak-users';

/** Keycloak's `credentialData` for a TOTP credential whose secret is stored base32-encoded. */
export const totpCredentialData = JSON.stringify({
  subType: 'totp',
  digits: 6,
  counter: 0,
  period: 30,
  algorithm: 'HmacSHA1',
  secretEncoding: 'BASE32',
});

/** The OTP credentials of a user, as factors (Keycloak never returns their secrets). */
export async function otpCredentials(context: KeycloakContext, userId: string): Promise<MfaFactor[]> {
  const credentials = await context.admin('user', (client) => client.users.getCredentials({ id: userId }));
  return credentials
    .filter((credential) => credential.type === 'otp' && credential.id)
    .map((credential) => ({
      id: String(credential.id),
      type: 'totp' as const,
      label: credential.userLabel ?? null,
      confirmed: true,
      createdAt: typeof credential.createdDate === 'number' ? new Date(credential.createdDate) : null,
    }));
}

interface PendingEnrollment {
  readonly userId: string;
  readonly secret: string;
  readonly label: string | null;
  readonly expiresAt: number;
}

const pendingLifetimeMs = 10 * 60 * 1000;
const maxPending = 10_000;

/**
 * TOTP through the admin API. Keycloak has no "start enrollment" call: the adapter makes the
 * secret, checks the first code itself, and only then writes an `otp` credential with the
 * secret (user representation `credentials`, `secretEncoding: BASE32`). Pending secrets live
 * in this provider instance for 10 minutes (docs/decisions/0402-keycloak-totp-enrollment.md).
 */
export function keycloakMfa(context: KeycloakContext): Partial<MfaOperations> {
  const pending = new Map<string, PendingEnrollment>();
  const prune = () => {
    const now = Date.now();
    for (const [id, enrollment] of pending) if (enrollment.expiresAt < now) pending.delete(id);
  };
  const notFound = () =>
    new IdentityError({ code: 'FACTOR_NOT_FOUND', provider: 'keycloak', message: 'No such factor' });

  return {
    listFactors: ({ userId }) => otpCredentials(context, userId),
    async enrollTotp({ userId, label }) {
      const user = await context.getUser(userId);
      prune();
      if (pending.size >= maxPending) {
        throw new IdentityError({
          code: 'RATE_LIMITED',
          provider: 'keycloak',
          message: 'Too many pending enrollments',
        });
      }
      const secret = generateTotpSecret();
      const factorId = `pending-${randomUUID()}`;
      pending.set(factorId, {
        userId,
        secret,
        label: label ?? null,
        expiresAt: Date.now() + pendingLifetimeMs,
      });
      const issuer = context.options.realm;
      const account = user.email ?? user.username ?? userId;
      const otpauthUri =
        `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}` +
        `?secret=${secret}&digits=6&algorithm=SHA1&issuer=${encodeURIComponent(issuer)}&period=30`;
      return { factorId, secret, otpauthUri };
    },
    async confirmEnrollment({ userId, factorId, code }) {
      prune();
      const enrollment = pending.get(factorId);
      if (!enrollment || enrollment.userId !== userId) throw notFound();
      if (!verifyTotpCode(enrollment.secret, code)) {
        throw new IdentityError({
          code: 'INVALID_MFA_CODE',
          provider: 'keycloak',
          message: 'The one-time code is incorrect',
        });
      }
      const before = new Set((await otpCredentials(context, userId)).map((factor) => factor.id));
      const representation = writableRepresentation(await context.getUser(userId));
      representation.credentials = [
        {
          type: 'otp',
          ...(enrollment.label === null ? {} : { userLabel: enrollment.label }),
          secretData: JSON.stringify({ value: enrollment.secret }),
          credentialData: totpCredentialData,
        },
      ];
      await context.admin('user', (client) => client.users.update({ id: userId }, representation));
      pending.delete(factorId);
      const factor = (await otpCredentials(context, userId)).find((candidate) => !before.has(candidate.id));
      if (!factor) {
        throw new IdentityError({
          code: 'PROVIDER_ERROR',
          provider: 'keycloak',
          message: 'Keycloak did not store the OTP credential',
        });
      }
      return { factor, recoveryCodes: [] };
    },
    async removeFactor({ userId, factorId }) {
      const factors = await otpCredentials(context, userId);
      // Only OTP credentials: the password credential must never be removable through this call.
      if (!factors.some((factor) => factor.id === factorId)) throw notFound();
      await context.admin('factor', (client) =>
        client.users.deleteCredential({ id: userId, credentialId: factorId }),
      );
    },
  };
}
