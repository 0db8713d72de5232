import { IdentityError, type IdentityProvider } from '@idport/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmulatorProvider } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');
const password = 'Correct-Horse-9-Battery!';

async function createTenant(): Promise<string> {
  const response = await fetch(
    `http://${host}/identitytoolkit.googleapis.com/v2/projects/demo-test/tenants`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer owner' },
      body: JSON.stringify({
        displayName: 'idport',
        allowPasswordSignup: true,
        enableEmailLinkSignin: false,
      }),
    },
  );
  const body = (await response.json()) as { name?: string };
  if (!response.ok || !body.name) throw new Error(`emulator tenant creation answered ${response.status}`);
  return body.name.split('/').at(-1) as string;
}

describe.skipIf(!host)('firebase with an Identity Platform tenant (emulator)', () => {
  let tenantProvider: IdentityProvider;
  let projectProvider: IdentityProvider;
  let tenantId: string;

  beforeAll(async () => {
    tenantId = await createTenant();
    tenantProvider = createEmulatorProvider(host, { tenantId });
    projectProvider = createEmulatorProvider(host);
  });
  afterAll(async () => {
    await tenantProvider.close();
    await projectProvider.close();
  });

  it('keeps users, sign-in and tokens inside the tenant', async () => {
    const email = `tenant-${Date.now()}@example.com`;
    const user = await tenantProvider.users.create({ email, password });
    expect(await projectProvider.users.findByEmail(email)).toBeNull();
    const projectSignIn = await projectProvider.auth
      .signIn({ email, password })
      .catch((error: unknown) => error);
    expect(IdentityError.isInstance(projectSignIn) && projectSignIn.code).toBe('INVALID_CREDENTIALS');

    const result = await tenantProvider.auth.signIn({ email, password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    expect(result.user.id).toBe(user.id);
    const verified = await tenantProvider.tokens.verifyIdToken(result.tokens.idToken as string);
    expect((verified.claims.firebase as { tenant?: string }).tenant).toBe(tenantId);
    // A project-level verifier refuses the tenant's token, and the reverse.
    const refused = await projectProvider.tokens
      .verifyIdToken(result.tokens.idToken as string)
      .catch((error) => error);
    expect(IdentityError.isInstance(refused) && refused.code).toBe('TOKEN_INVALID');
    const refreshed = await tenantProvider.auth.refresh({
      refreshToken: result.tokens.refreshToken as string,
    });
    expect((await tenantProvider.tokens.verifyAccessToken(refreshed.accessToken)).subject).toBe(user.id);
  });
});
