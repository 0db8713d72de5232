import type { AuthClient } from '@auth0/auth0-auth-js';
import type { TokenVerifier, User } from '@idport/core';
import type { ManagementClient } from 'auth0';
import type { Auth0ProviderOptions } from './auth0-provider-options';

/** What every operation group of the adapter shares. */
export interface Auth0Context {
  readonly options: Auth0ProviderOptions;
  readonly management: ManagementClient;
  readonly authentication: AuthClient;
  /** The fetch every HTTP call goes through (the custom one in tests, the global one otherwise). */
  readonly fetch: typeof fetch;
  readonly accessTokens: TokenVerifier;
  readonly idTokens: TokenVerifier;
  /** Key sealing pending TOTP enrollments into their factor id (derived from the M2M secret). */
  readonly enrollmentKey: Buffer;
  /** Reads a user by id through the Management API. */
  getUser(userId: string): Promise<User>;
}
