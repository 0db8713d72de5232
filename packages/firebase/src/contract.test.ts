import { runIdentityProviderContract } from '@idport/contract-tests';
import { inject } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');

if (host) {
  const backdoor = emulatorBackdoor(host);
  runIdentityProviderContract({
    name: 'firebase (Auth emulator)',
    createProvider: async () => createEmulatorProvider(host),
    backdoor: {
      deleteUser: (userId) => backdoor.deleteUser(userId),
    },
    skip: {
      'tokens.alg-none-rejected':
        'emulator mode: the emulator issues only unsigned (alg none) tokens, so this mode accepts them by configuration; production mode refuses them (firebase-token-verifier.test.ts)',
      'tokens.tampered-payload-rejected':
        'emulator mode: unsigned emulator tokens carry no signature to break; production mode verifies RS256 signatures against Google JWKS (firebase-token-verifier.test.ts)',
      'groups.unknown-group':
        'groups are a custom claim (groupModel custom-claims): a group exists once it has a member, so any name is a valid group for addMember',
    },
    quirks: {
      // The emulator moves tokensValidAfterTime but keeps honouring old refresh tokens.
      revokeDoesNotStopRefresh: true,
      // The emulator stores imported hashes without ever checking them at sign-in.
      importedHashesNotVerified: true,
      // Firebase has one token: the ID token is also the bearer (access) token.
      idTokenAcceptedAsAccessToken: true,
    },
  });
}
