// Writes to a local provider file in every way it can until it is killed: sign-ups,
// creates, TOTP enrollment, groups, sign-ins, refreshes, imports, deletes. Used by
// bench/crash-loop.mjs, which kills it with SIGKILL at random moments.
import { createLocalProvider } from '../dist/index.js';

const provider = await createLocalProvider({
  database: process.argv[2],
  passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 },
  signUp: { requireConfirmation: false },
});
const password = 'Crash-Loop-Password-1';
const run = `${process.pid}-${Date.now()}`;
process.stdout.write('ready\n');
for (let step = 0; ; step += 1) {
  const email = `crash-${run}-${step}@example.com`;
  const user = await provider.users.create({ email, password, attributes: { step } });
  const group = await provider.groups.create({ name: `group-${run}-${step}` });
  await provider.groups.addMember({ groupId: group.id, userId: user.id });
  const enrollment = await provider.mfa.enrollTotp({ userId: user.id });
  await provider.mfa.removeFactor({ userId: user.id, factorId: enrollment.factorId });
  const result = await provider.auth.signIn({ email, password });
  if (result.status === 'authenticated' && result.tokens.refreshToken) {
    await provider.auth.refresh({ refreshToken: result.tokens.refreshToken });
  }
  await provider.transfer.importUsers(
    Array.from({ length: 20 }, (_, index) => ({
      sourceId: `${step}-${index}`,
      email: `imported-${run}-${step}-${index}@example.com`,
      emailVerified: true,
      phoneNumber: null,
      givenName: null,
      familyName: null,
      displayName: null,
      enabled: true,
      createdAt: null,
      attributes: {},
      groups: ['imported'],
      passwordHash: null,
      mfaFactors: [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: null }],
    })),
  );
  if (step % 3 === 0) await provider.users.delete(user.id);
}
