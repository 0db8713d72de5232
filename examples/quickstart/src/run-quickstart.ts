import { collect, endUserMessage, type IdentityProvider } from '@idport/core';
import { authenticatorCode } from './authenticator-app';

/**
 * The main job, written once against the port: it runs unchanged whichever provider the
 * configuration names. `log` receives one line per step, never a secret.
 */
export async function runQuickstart(provider: IdentityProvider, log: (line: string) => void): Promise<void> {
  const email = `ada-${Date.now()}@example.com`;
  const password = 'Analytical-Engine-1843';

  const { user, confirmationRequired } = await provider.auth.signUp({ email, password, givenName: 'Ada' });
  log(`signed up ${user.email} (id ${user.id}${confirmationRequired ? ', confirmation required' : ''})`);

  const first = await provider.auth.signIn({ email, password });
  if (first.status !== 'authenticated') throw new Error(`unexpected sign-in status ${first.status}`);
  log('signed in with a password');

  const enrollment = await provider.mfa.enrollTotp({
    userId: user.id,
    accessToken: first.tokens.accessToken,
    label: 'phone',
  });
  const confirmed = await provider.mfa.confirmEnrollment({
    userId: user.id,
    accessToken: first.tokens.accessToken,
    factorId: enrollment.factorId,
    code: authenticatorCode(enrollment.otpauthUri),
  });
  log(`enrolled a TOTP factor (${confirmed.recoveryCodes.length} recovery codes issued)`);

  try {
    await provider.auth.signIn({ email, password: 'a-wrong-password' });
  } catch (error) {
    log(`a wrong password is refused: "${endUserMessage(error)}"`);
  }

  const second = await provider.auth.signIn({ email, password });
  if (second.status !== 'mfa_required') throw new Error(`expected an MFA challenge, got ${second.status}`);
  log(`second sign-in asks for a second factor (${second.factors.map((factor) => factor.type).join(', ')})`);
  // The next period's code: the one used for enrollment may not be used twice.
  const done = await provider.auth.completeMfa({
    challenge: second.challenge,
    code: authenticatorCode(enrollment.otpauthUri, 1),
  });
  if (done.status !== 'authenticated') throw new Error(`unexpected MFA status ${done.status}`);
  log('passed TOTP MFA');

  const refreshed = await provider.auth.refresh({ refreshToken: done.tokens.refreshToken ?? '' });
  log(`refreshed the tokens (access token valid until ${refreshed.expiresAt.toISOString()})`);

  const verified = await provider.tokens.verifyAccessToken(refreshed.accessToken);
  log(`verified the access token: subject ${verified.subject}, issuer ${verified.issuer}`);

  const users = await collect(provider.users.list({ pageSize: 50 }));
  log(`listed users: ${users.map((listed) => listed.email).join(', ')}`);

  await provider.auth.signOut({ userId: user.id });
  log('signed out of every session');
}
