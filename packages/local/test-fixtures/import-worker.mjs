// Imports users with a TOTP factor each, one transaction per user, until killed. Used by
// the crash-consistency test in local-provider.test.ts.
import { createLocalProvider } from '../dist/index.js';

const provider = await createLocalProvider({
  database: process.argv[2],
  passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 },
});
for (let batch = 0; ; batch += 1) {
  const users = Array.from({ length: 50 }, (_, index) => ({
    sourceId: `source-${batch}-${index}`,
    email: `crash-${batch}-${index}@example.com`,
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
  }));
  await provider.transfer.importUsers(users);
  if (batch === 2) process.stdout.write('progress\n');
}
