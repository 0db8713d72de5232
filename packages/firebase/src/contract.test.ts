import { runIdentityProviderContract } from '@idport/contract-tests';
import { createIdentityProvider, loadConfig } from '@idport/core';
import { inject } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';
import { identityAdapter } from './identity-adapter';

const host = inject('firebaseEmulatorHost');

const emulatorSkips = {
  'tokens.alg-none-rejected':
    'emulator mode: the emulator issues only unsigned (alg none) tokens, so this mode accepts them by configuration; production mode refuses them (firebase-token-verifier.test.ts)',
  'tokens.tampered-payload-rejected':
    'emulator mode: unsigned emulator tokens carry no signature to break; production mode verifies RS256 signatures against Google JWKS (firebase-token-verifier.test.ts)',
} as const;

const customClaimGroupSkips = {
  'groups.unknown-group':
    'groups are a custom claim (groupModel custom-claims): a group exists once it has a member, so any name is a valid group for addMember',
} as const;

if (host) {
  const backdoor = emulatorBackdoor(host);
  runIdentityProviderContract({
    name: 'firebase (Auth emulator)',
    // Each behaviour group starts from an empty emulator (groups run one after another).
    createProvider: async () => {
      await backdoor.reset();
      return createEmulatorProvider(host);
    },
    backdoor: { deleteUser: (userId) => backdoor.deleteUser(userId) },
    skip: { ...emulatorSkips, ...customClaimGroupSkips },
    quirks: {
      // The emulator moves tokensValidAfterTime but keeps honouring old refresh tokens.
      revokeDoesNotStopRefresh: true,
      // The emulator stores imported hashes without ever checking them at sign-in.
      importedHashesNotVerified: true,
      // Firebase has one token: the ID token is also the bearer (access) token.
      idTokenAcceptedAsAccessToken: true,
    },
  });
} else if (process.env.IDPORT_FIREBASE_PROJECT_ID) {
  // A real project, configured the way applications configure it: IDPORT_FIREBASE_*
  // variables (PROJECT_ID, WEB_API_KEY, SERVICE_ACCOUNT_FILE, TENANT_ID) read by loadConfig.
  runIdentityProviderContract({
    name: `firebase (project ${process.env.IDPORT_FIREBASE_PROJECT_ID})`,
    createProvider: async () =>
      createIdentityProvider({
        ...(await loadConfig({ env: { ...process.env, IDPORT_PROVIDER: 'firebase' } })),
        adapters: { firebase: identityAdapter },
        retry: false,
      }),
    skip: customClaimGroupSkips,
    quirks: { idTokenAcceptedAsAccessToken: true },
  });
}
