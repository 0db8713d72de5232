import type { MfaFactor, MfaFactorType, MfaOperations } from '@idport/core';
import { plainProfile } from './map-okta-user';
import type { OktaContext } from './okta-context';
import { oktaIdentityError } from './okta-errors';
import { getOktaUser } from './okta-users';

interface OktaFactorLike {
  id?: string;
  factorType?: string;
  provider?: string;
  status?: string;
  created?: Date | string;
  _embedded?: Record<string, unknown>;
}

const factorTypes: Record<string, MfaFactorType> = {
  'token:software:totp': 'totp',
  sms: 'sms',
  email: 'email',
};

/** Okta factor → port factor (never its secret). Null for factor kinds the port does not know. */
export function mapOktaFactor(factor: OktaFactorLike): MfaFactor | null {
  const type = factorTypes[String(factor.factorType)];
  if (!type) return null;
  const created = factor.created ? new Date(factor.created) : null;
  return {
    id: String(factor.id),
    type,
    label:
      factor.provider === 'GOOGLE'
        ? 'Google Authenticator'
        : factor.provider === 'OKTA'
          ? 'Okta Verify'
          : null,
    confirmed: factor.status === 'ACTIVE',
    createdAt: created && !Number.isNaN(created.getTime()) ? created : null,
  };
}

/** Every factor of a user the port knows. */
export async function listOktaFactors(context: OktaContext, userId: string): Promise<MfaFactor[]> {
  const collection = await context.client.userFactorApi.listFactors({ userId });
  const factors: MfaFactor[] = [];
  for await (const factor of collection) {
    const mapped = factor ? mapOktaFactor(factor as unknown as OktaFactorLike) : null;
    if (mapped) factors.push(mapped);
  }
  return factors;
}

/** TOTP enrollment through the Factors API (an admin call: no user access token needed). */
export function createOktaMfa(context: OktaContext): Partial<MfaOperations> {
  const { client, options } = context;
  return {
    listFactors: ({ userId }) => listOktaFactors(context, userId),

    async enrollTotp({ userId }) {
      const user = await getOktaUser(context, userId);
      const factor = (await client.userFactorApi.enrollFactor({
        userId: String(user.id),
        body: { factorType: 'token:software:totp', provider: options.totpProvider } as never,
      })) as unknown as OktaFactorLike;
      const activation = (factor._embedded?.activation ?? {}) as { sharedSecret?: unknown };
      if (typeof activation.sharedSecret !== 'string') {
        throw oktaIdentityError('PROVIDER_ERROR', 'Okta returned no TOTP shared secret for the enrollment');
      }
      const secret = activation.sharedSecret.toUpperCase();
      const account = String(plainProfile(user).login ?? plainProfile(user).email ?? user.id);
      const label = `${encodeURIComponent(options.totpIssuer)}:${encodeURIComponent(account)}`;
      const query = new URLSearchParams({
        secret: secret.replace(/=+$/, ''),
        issuer: options.totpIssuer,
        algorithm: 'SHA1',
        digits: '6',
        period: '30',
      });
      return { factorId: String(factor.id), secret, otpauthUri: `otpauth://totp/${label}?${query}` };
    },

    async confirmEnrollment({ userId, factorId, code }) {
      const factor = await client.userFactorApi.activateFactor({
        userId,
        factorId,
        body: { passCode: code } as never,
      });
      const mapped = mapOktaFactor(factor as unknown as OktaFactorLike);
      return {
        factor: mapped ?? { id: factorId, type: 'totp', label: null, confirmed: true, createdAt: null },
        recoveryCodes: [],
      };
    },

    async removeFactor({ userId, factorId }) {
      await client.userFactorApi.unenrollFactor({ userId, factorId });
    },
  };
}
