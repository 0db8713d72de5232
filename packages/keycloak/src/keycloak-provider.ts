import {
  type AdapterContext,
  defineIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type IdentityProvider,
} from '@idport/core';
import { keycloakAuth } from './keycloak-auth';
import { keycloakCapabilities } from './keycloak-capabilities';
import { createKeycloakContext } from './keycloak-context';
import { mapKeycloakError } from './keycloak-errors';
import { keycloakGroups } from './keycloak-groups';
import { keycloakMfa } from './keycloak-mfa';
import {
  type KeycloakProviderOptions,
  type KeycloakProviderSettings,
  keycloakProviderOptionsSchema,
} from './keycloak-provider-options';
import { keycloakTokens } from './keycloak-tokens';
import { keycloakTransfer } from './keycloak-transfer';
import { keycloakUsers } from './keycloak-users';

function parseSettings(settings: KeycloakProviderSettings): KeycloakProviderOptions {
  const parsed = keycloakProviderOptionsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    // The message names the field only: zod's text could quote a secret's value.
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'keycloak',
      field,
      message: `Invalid Keycloak setting: ${field || 'settings'}`,
    });
  }
  return parsed.data;
}

function build(options: KeycloakProviderOptions, context: AdapterContext = {}): IdentityProvider {
  const shared = createKeycloakContext(options);
  return defineIdentityProvider({
    provider: 'keycloak',
    capabilities: keycloakCapabilities(options),
    implementation: {
      auth: keycloakAuth(shared),
      mfa: keycloakMfa(shared),
      users: keycloakUsers(shared),
      groups: keycloakGroups(shared),
      tokens: keycloakTokens(options),
      transfer: keycloakTransfer(shared),
    },
    mapError: (error) => mapKeycloakError(error),
    ...(context.onEvent ? { onEvent: context.onEvent } : {}),
    close: async () => shared.close(),
  });
}

/**
 * Creates the Keycloak provider: the admin client for users, groups, MFA and imports; the
 * realm's token endpoint for sign-in; local JWT verification against the realm's JWKS.
 */
export function createKeycloakProvider(settings: KeycloakProviderSettings): IdentityProvider {
  return build(parseSettings(settings));
}

/** The adapter entry `createIdentityProvider({ provider: 'keycloak', ... })` loads. */
export const identityAdapter: IdentityAdapter<KeycloakProviderOptions> = {
  provider: 'keycloak',
  settingsSchema: keycloakProviderOptionsSchema,
  create: (settings, context) => build(settings, context),
};
