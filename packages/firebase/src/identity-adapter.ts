import type { IdentityAdapter } from '@idport/core';
import { createFirebaseProvider } from './firebase-provider';
import { type FirebaseProviderOptions, firebaseProviderOptionsSchema } from './firebase-provider-options';

/** What `createIdentityProvider({ provider: 'firebase', settings })` loads. */
export const identityAdapter: IdentityAdapter<FirebaseProviderOptions> = {
  provider: 'firebase',
  settingsSchema: firebaseProviderOptionsSchema,
  create: (settings, context) => createFirebaseProvider(settings, context),
};
