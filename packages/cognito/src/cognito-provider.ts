import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AdapterContext,
  defineIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type IdentityProvider,
} from '@idport/core';
import { createCognitoAuth } from './cognito-auth';
import { cognitoCapabilities } from './cognito-capabilities';
import { createCognitoContext } from './cognito-context';
import { mapCognitoError } from './cognito-errors';
import { createCognitoGroups } from './cognito-groups';
import { createCognitoMfa } from './cognito-mfa';
import {
  type CognitoProviderOptions,
  cognitoProviderOptionsSchema,
  type ResolvedCognitoProviderOptions,
} from './cognito-provider-options';
import { createCognitoTokens } from './cognito-tokens';
import { createCognitoTransfer } from './cognito-transfer';
import { createCognitoUsers } from './cognito-users';

function build(settings: ResolvedCognitoProviderOptions, adapterContext: AdapterContext): IdentityProvider {
  const local = (settings.peer ?? (settings.endpoint ? 'cognito-local' : 'aws')) === 'cognito-local';
  if (local && !settings.endpoint) {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'cognito',
      field: 'settings.endpoint',
      message: 'invalid cognito settings: settings.endpoint is required with peer cognito-local',
    });
  }
  const client = new CognitoIdentityProviderClient({
    region: settings.region,
    endpoint: settings.endpoint,
    maxAttempts: settings.maxAttempts,
    // cognito-local checks no signature; fixed dummy keys keep tests free of AWS configuration.
    // Against AWS the default provider chain applies.
    ...(local ? { credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' } } : {}),
  });
  const context = createCognitoContext(client, settings, local);
  const users = createCognitoUsers(context);
  const tokens = createCognitoTokens(context);
  const groups = createCognitoGroups(context);
  return defineIdentityProvider({
    provider: 'cognito',
    capabilities: cognitoCapabilities({ local, refreshTokenRotation: settings.refreshTokenRotation }),
    implementation: {
      auth: createCognitoAuth(context, users),
      mfa: createCognitoMfa(context, { users, verifyAccessToken: tokens.verifyAccessToken }),
      users,
      groups,
      tokens,
      transfer: createCognitoTransfer(context, users, groups),
    },
    mapError: (error) => mapCognitoError(error, 'user'),
    onEvent: adapterContext.onEvent,
    close: async () => client.destroy(),
  });
}

/**
 * Creates an idport provider for an Amazon Cognito user pool (or cognito-local). Settings are
 * validated; a bad one throws CONFIGURATION_ERROR naming the field, never its value.
 */
export function createCognitoProvider(
  settings: CognitoProviderOptions,
  context: AdapterContext = {},
): IdentityProvider {
  const parsed = cognitoProviderOptionsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String).join('.');
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'cognito',
      field: path ? `settings.${path}` : 'settings',
      message: `invalid cognito settings: settings.${path} ${issue?.message ?? 'is invalid'}`,
    });
  }
  return build(parsed.data, context);
}

/** What `createIdentityProvider({ provider: 'cognito', settings })` loads. */
export const identityAdapter: IdentityAdapter<ResolvedCognitoProviderOptions> = {
  provider: 'cognito',
  settingsSchema: cognitoProviderOptionsSchema,
  create: (settings, context) => build(settings, context),
};
