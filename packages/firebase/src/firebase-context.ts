import type { TokenVerifier } from '@idport/core';
import type { BaseAuth } from 'firebase-admin/auth';
import type { FirebaseProviderOptions } from './firebase-provider-options';
import type { IdentityToolkitClient } from './identity-toolkit-client';

/** What every operation group of the adapter works with. */
export interface FirebaseContext {
  /** firebase-admin Auth, scoped to the tenant when one is configured. */
  readonly auth: BaseAuth;
  readonly rest: IdentityToolkitClient;
  readonly verifier: TokenVerifier;
  readonly options: FirebaseProviderOptions;
  /** True when talking to the Auth emulator. */
  readonly emulator: boolean;
  /** TOTP is declared: a real project whose settings say it has TOTP enabled. */
  readonly totpEnabled: boolean;
}
