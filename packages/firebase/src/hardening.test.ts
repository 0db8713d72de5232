import { runHostileInputSuite } from '@idport/contract-tests';
import { inject } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');

// Random, hostile arguments to every operation must end in a result or an IdentityError:
// no crash, no raw firebase-admin or REST error, no polluted prototype.
if (host) {
  const backdoor = emulatorBackdoor(host);
  runHostileInputSuite({
    name: 'firebase (Auth emulator)',
    createProvider: async () => {
      await backdoor.reset();
      return createEmulatorProvider(host);
    },
    backdoor: { deleteUser: (userId) => backdoor.deleteUser(userId) },
  });
}
