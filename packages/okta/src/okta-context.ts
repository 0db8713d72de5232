import type { RateLimiter, TokenVerifier } from '@idport/core';
import type { Client } from '@okta/okta-sdk-nodejs';
import type { OktaOAuthClient } from './okta-oauth-client';
import type { OktaProviderOptions } from './okta-provider-options';

/** What the operation groups of the Okta adapter share. */
export interface OktaContext {
  readonly options: OktaProviderOptions;
  /** The Okta management SDK client (cache off, so reads after writes are never stale). */
  readonly client: Client;
  readonly oauth: OktaOAuthClient;
  readonly accessTokens: TokenVerifier;
  readonly idTokens: TokenVerifier;
  /** Paces `transfer.importUsers` under the org's `/api/v1/users` budget. */
  readonly importLimiter: RateLimiter;
}
