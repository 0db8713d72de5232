import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

const base64url = (value: string) => Buffer.from(value).toString('base64url');

/** Local verification of the tokens the provider issues, and refusal of forged ones. */
export function tokensContract(context: ContractContext): void {
  describe('tokens', () => {
    const signedIn = async () => {
      const user = await context.createUser();
      const result = await context.provider.auth.signIn({
        email: user.email as string,
        password: context.password,
      });
      if (result.status !== 'authenticated') throw new Error('expected authenticated');
      return { user, tokens: result.tokens };
    };
    const verifyAccess = (token: string) => context.provider.tokens.verifyAccessToken(token);
    const requires = ['users.create', 'auth.signIn', 'tokens.verifyAccessToken'] as const;

    contractTest(context, 'tokens.verify-access-token', requires, async () => {
      const { user, tokens } = await signedIn();
      const verified = await verifyAccess(tokens.accessToken);
      expect(verified.subject).toBe(user.id);
      expect(verified.issuer.length).toBeGreaterThan(0);
      expect(verified.expiresAt.getTime()).toBeGreaterThan(Date.now());
    });

    contractTest(
      context,
      'tokens.verify-id-token',
      ['users.create', 'auth.signIn', 'tokens.verifyIdToken'],
      async () => {
        const { user, tokens } = await signedIn();
        expect(tokens.idToken).toBeTruthy();
        const verified = await context.provider.tokens.verifyIdToken(tokens.idToken as string);
        expect(verified.subject).toBe(user.id);
        expect(String(verified.claims.email).toLowerCase()).toBe((user.email as string).toLowerCase());
      },
    );

    contractTest(context, 'tokens.tampered-signature-rejected', requires, async () => {
      const { tokens } = await signedIn();
      const [header, payload, signature] = tokens.accessToken.split('.') as [string, string, string];
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      await expectIdentityError(verifyAccess(`${header}.${payload}.${flipped}`), 'TOKEN_INVALID');
    });

    contractTest(context, 'tokens.tampered-payload-rejected', requires, async () => {
      const { tokens } = await signedIn();
      const [header, payload, signature] = tokens.accessToken.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = base64url(JSON.stringify({ ...claims, sub: 'someone-else', groups: ['admin'] }));
      await expectIdentityError(verifyAccess(`${header}.${forged}.${signature}`), 'TOKEN_INVALID');
    });

    contractTest(context, 'tokens.alg-none-rejected', requires, async () => {
      const { tokens } = await signedIn();
      const payload = tokens.accessToken.split('.')[1] as string;
      const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      await expectIdentityError(verifyAccess(`${header}.${payload}.`), ['TOKEN_INVALID', 'INVALID_INPUT']);
    });

    contractTest(context, 'tokens.garbage-rejected', ['tokens.verifyAccessToken'], async () => {
      await expectIdentityError(verifyAccess('not-a-jwt'), 'TOKEN_INVALID');
    });

    contractTest(
      context,
      'tokens.id-token-is-not-an-access-token',
      requires,
      async () => {
        const { tokens } = await signedIn();
        if (!tokens.idToken) return;
        await expectIdentityError(verifyAccess(tokens.idToken), 'TOKEN_INVALID');
      },
      { when: () => !context.quirks.idTokenAcceptedAsAccessToken },
    );
  });
}
