import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { IdentityError } from '@idport/core';
import { createOktaFake, defaultOktaOrg } from '@idport/fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaProvider } from './okta-provider';

/**
 * Management through an API service app (the SDK's `PrivateKey` mode: client_credentials with
 * a private-key-JWT assertion at the org authorization server) instead of an API token. This
 * file runs its own fake: the app's public key must be registered on the org.
 */
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'idport-test-key';
const fake = createOktaFake({
  specCheck: 'enforce',
  org: {
    ...defaultOktaOrg,
    serviceApps: [
      {
        clientId: 'idport-service',
        publicKeys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256' }],
        scopes: ['okta.users.manage', 'okta.groups.read'],
      },
    ],
  },
});
let url = '';
beforeAll(async () => {
  url = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

const serviceApp = (scopes: string[]) => ({
  clientId: 'idport-service',
  privateKey: JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid }),
  keyId: kid,
  scopes,
});

describe('okta provider: management through a service app (private key JWT)', () => {
  it('manages users with a client_credentials token and is refused what its scopes do not allow', async () => {
    const provider = createOktaProvider({
      orgUrl: url,
      serviceApp: serviceApp(['okta.users.manage', 'okta.groups.read']),
      clientId: 'idport-app',
      clientSecret: 'idport-app-secret',
    });
    const user = await provider.users.create({
      email: `service-${randomUUID()}@example.com`,
      password: 'Correct-Horse-9-Battery!',
    });
    expect((await provider.users.get(user.id)).email).toBe(user.email);
    expect(await provider.groups.listForUser(user.id)).toEqual([]);
    const failure = await provider.groups.create({ name: 'not-allowed' }).catch((error: unknown) => error);
    expect((failure as IdentityError).code).toBe('CONFIGURATION_ERROR');
    expect((failure as IdentityError).vendorCode).toBe('E0000006');
    expect(fake.server.violations()).toEqual([]);
  });

  it('maps a key the org does not know to CONFIGURATION_ERROR without echoing the key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const privateJwk = JSON.stringify({ ...other.export({ format: 'jwk' }), kid });
    const provider = createOktaProvider({
      orgUrl: url,
      serviceApp: { ...serviceApp(['okta.users.manage']), privateKey: privateJwk },
      clientId: 'idport-app',
    });
    const failure = await provider.users.get('00u-anyone').catch((error: unknown) => error);
    expect(IdentityError.isInstance(failure)).toBe(true);
    expect((failure as IdentityError).code).toBe('CONFIGURATION_ERROR');
    expect(JSON.stringify((failure as IdentityError).toJSON())).not.toContain(JSON.parse(privateJwk).d);
  });
});
