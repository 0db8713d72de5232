import { randomBytes } from 'node:crypto';
import {
  type AdapterContext,
  createTokenVerifier,
  defineIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type IdentityProvider,
} from '@idport/core';
import type { JSONWebKeySet } from 'jose';
import { createLocalAuth } from './local-auth';
import { localCapabilities } from './local-capabilities';
import type { LocalContext } from './local-context';
import { openLocalDatabase } from './local-database';
import { mapLocalError } from './local-errors';
import { createLocalGroups } from './local-groups';
import { createLocalMfa } from './local-mfa';
import {
  type LocalProviderOptions,
  type LocalProviderSettings,
  localProviderOptionsSchema,
} from './local-provider-options';
import { LocalSessions } from './local-sessions';
import { createLocalTokens } from './local-tokens';
import { createLocalTransfer } from './local-transfer';
import { createLocalUsers } from './local-users';
import { hashPassword } from './scrypt-password-hasher';
import { SigningKeys, signingAlgorithm } from './signing-keys';

/** Operations only the embedded provider has. */
export interface LocalAdministration {
  /** Signs new tokens with a fresh key; tokens signed before stay valid until they expire. */
  rotateSigningKey(): Promise<void>;
  /** The public keys, for verifiers outside this process (serve it as `/.well-known/jwks.json`). */
  jwks(): JSONWebKeySet;
}

/** The embedded provider: the port plus {@link LocalAdministration}. */
export interface LocalIdentityProvider extends IdentityProvider {
  readonly local: LocalAdministration;
}

function build(options: LocalProviderOptions, context: AdapterContext): Promise<LocalIdentityProvider> {
  const database = openLocalDatabase(options.database, { pageCacheKib: options.pageCacheKib });
  const now = options.now ?? (() => new Date());
  const keys = new SigningKeys(database, now, options.accessTokenTtlSeconds);
  const localContext: LocalContext = {
    database,
    options,
    now,
    keys,
    verifier: createTokenVerifier({
      provider: 'local',
      issuer: options.issuer,
      audience: options.audience,
      keys: { jwks: () => keys.jwks() },
      algorithms: [signingAlgorithm],
      groupClaims: ['groups'],
    }),
    dummyPasswordHash: hashPassword(randomBytes(16).toString('hex'), options.passwordHashing),
  };
  const sessions = new LocalSessions(localContext);
  return keys.ensureActiveKey().then(() => {
    const provider = defineIdentityProvider({
      provider: 'local',
      capabilities: localCapabilities,
      implementation: {
        auth: createLocalAuth(localContext, sessions),
        mfa: createLocalMfa(localContext),
        users: createLocalUsers(localContext, sessions),
        groups: createLocalGroups(localContext),
        tokens: createLocalTokens(localContext, sessions),
        transfer: createLocalTransfer(localContext),
      },
      mapError: mapLocalError,
      onEvent: context.onEvent,
      close: async () => {
        await localContext.dummyPasswordHash.catch(() => undefined);
        database.close();
      },
    });
    return Object.freeze({
      ...provider,
      close: provider.close,
      local: {
        rotateSigningKey: async () => {
          await keys.rotate();
        },
        jwks: () => keys.jwks(),
      },
    });
  });
}

/**
 * Creates the embedded provider. With no settings it keeps everything in memory; give
 * `database: './idport.db'` to persist across restarts.
 */
export async function createLocalProvider(
  settings: LocalProviderSettings = {},
  context: AdapterContext = {},
): Promise<LocalIdentityProvider> {
  const parsed = localProviderOptionsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `settings.${(issue?.path ?? []).map(String).join('.')}`;
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'local',
      field,
      message: `invalid local settings: ${field} ${issue?.message ?? 'is invalid'}`,
    });
  }
  return build(parsed.data, context);
}

/** Lets `createIdentityProvider({ provider: 'local' })` load this package. */
export const identityAdapter: IdentityAdapter<LocalProviderOptions> = {
  provider: 'local',
  settingsSchema: localProviderOptionsSchema,
  create: (settings, context) => build(settings, context),
};
