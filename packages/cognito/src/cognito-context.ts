import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoErrorContext, mapCognitoError } from './cognito-errors';
import type { ResolvedCognitoProviderOptions } from './cognito-provider-options';
import { secretHash } from './secret-hash';

/** What every operation group of the adapter shares. */
export interface CognitoContext {
  readonly client: CognitoIdentityProviderClient;
  readonly settings: ResolvedCognitoProviderOptions;
  /** True when the peer is cognito-local (manifest, token verification, workarounds). */
  readonly local: boolean;
  /**
   * Sends one command and maps its failure for the given context. Typed loosely on purpose:
   * each AWS command class carries its own output type, recovered by the caller's `Command`.
   */
  send<Output>(command: { readonly input: unknown }, context: CognitoErrorContext): Promise<Output>;
  /** SECRET_HASH for `username` when the client has a secret, else nothing. */
  secretHashFor(username: string): { SECRET_HASH?: string };
}

/** Builds the shared context. */
export function createCognitoContext(
  client: CognitoIdentityProviderClient,
  settings: ResolvedCognitoProviderOptions,
  local: boolean,
): CognitoContext {
  return {
    client,
    settings,
    local,
    async send<Output>(command: { readonly input: unknown }, context: CognitoErrorContext) {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the client's overloads need the concrete command type.
        return (await client.send(command as any)) as Output;
      } catch (error) {
        throw mapCognitoError(error, context);
      }
    },
    secretHashFor(username) {
      return settings.clientSecret
        ? { SECRET_HASH: secretHash(settings.clientSecret, username, settings.clientId) }
        : {};
    },
  };
}
