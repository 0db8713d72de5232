import { readFileSync } from 'node:fs';
import {
  type AdapterContext,
  defineIdentityProvider,
  IdentityError,
  type IdentityProvider,
} from '@idport/core';
import { type App, type Credential, cert, deleteApp, initializeApp } from 'firebase-admin/app';
import { type BaseAuth, getAuth } from 'firebase-admin/auth';
import { createFirebaseAuthOperations } from './firebase-auth-operations';
import { firebaseCapabilities } from './firebase-capabilities';
import type { FirebaseContext } from './firebase-context';
import { mapFirebaseError } from './firebase-errors';
import { createFirebaseGroupOperations } from './firebase-group-operations';
import { createFirebaseMfaOperations } from './firebase-mfa-operations';
import {
  type FirebaseProviderOptions,
  type FirebaseProviderSettings,
  firebaseProviderOptionsSchema,
} from './firebase-provider-options';
import { createFirebaseTokenVerifier } from './firebase-token-verifier';
import { createFirebaseTransferOperations } from './firebase-transfer-operations';
import { createFirebaseUserOperations } from './firebase-user-operations';
import { createIdentityToolkitClient, type IdentityToolkitEndpoints } from './identity-toolkit-client';

const provider = 'firebase';
let appCounter = 0;

function configurationError(message: string, field?: string): IdentityError {
  return new IdentityError({ code: 'CONFIGURATION_ERROR', provider, message, field });
}

function readCredential(options: FirebaseProviderOptions): Credential | undefined {
  let account: unknown = options.serviceAccount;
  if (options.serviceAccountFile !== undefined) {
    try {
      account = JSON.parse(readFileSync(options.serviceAccountFile, 'utf8'));
    } catch {
      // The file's content is a secret: the error names the setting only.
      throw configurationError(
        'settings.serviceAccountFile cannot be read as a JSON key file',
        'settings.serviceAccountFile',
      );
    }
  } else if (typeof account === 'string') {
    try {
      account = JSON.parse(account);
    } catch {
      throw configurationError('settings.serviceAccount is not valid JSON', 'settings.serviceAccount');
    }
  }
  if (account === undefined) return undefined;
  try {
    return cert(account as Parameters<typeof cert>[0]);
  } catch {
    throw configurationError(
      'settings.serviceAccount is not a service-account key',
      'settings.serviceAccount',
    );
  }
}

/**
 * firebase-admin reads the emulator address from the process environment on every call,
 * so the setting and the variable must agree: a production configuration silently talking
 * to an emulator (or the reverse) is refused.
 */
function applyEmulatorEnvironment(options: FirebaseProviderOptions): void {
  const current = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  if (options.emulatorHost === undefined) {
    if (current) {
      throw configurationError(
        'FIREBASE_AUTH_EMULATOR_HOST is set but settings.emulatorHost is not: refusing to mix emulator and production',
        'emulatorHost',
      );
    }
    return;
  }
  if (current && current !== options.emulatorHost) {
    throw configurationError(
      'FIREBASE_AUTH_EMULATOR_HOST names another emulator than settings.emulatorHost',
      'emulatorHost',
    );
  }
  process.env.FIREBASE_AUTH_EMULATOR_HOST = options.emulatorHost;
}

/**
 * Where the adapter's own HTTP calls go when not where the settings say. Only tests set
 * them, to run the production code path (signed tokens, TOTP) against a local fake of
 * Google's APIs; applications never do, so the option is not exported from the package.
 */
export interface FirebaseConnections {
  /** Base URLs of Identity Toolkit and Secure Token. */
  readonly endpoints?: IdentityToolkitEndpoints;
  /** JWKS that signs the ID tokens (production: Google's securetoken JWKS). */
  readonly jwksUri?: string;
}

/**
 * Creates the Firebase Authentication / Identity Platform provider: firebase-admin for user
 * management, the Identity Toolkit REST API for password sign-in, SMS and TOTP MFA and refresh.
 */
export function createFirebaseProvider(
  settings: FirebaseProviderSettings,
  adapterContext: AdapterContext = {},
): IdentityProvider {
  return createFirebaseProviderWithConnections(settings, adapterContext, {});
}

/** {@link createFirebaseProvider} with {@link FirebaseConnections} (tests). */
export function createFirebaseProviderWithConnections(
  settings: FirebaseProviderSettings,
  adapterContext: AdapterContext,
  connections: FirebaseConnections,
): IdentityProvider {
  const parsed = firebaseProviderOptionsSchema.safeParse(settings);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    const field = path ? `settings.${path}` : 'settings';
    throw configurationError(
      `invalid firebase settings: ${field} ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
      field,
    );
  }
  const options = parsed.data;
  applyEmulatorEnvironment(options);
  const emulator = options.emulatorHost !== undefined;
  // The emulator has no TOTP, so the setting declares it only for a real project.
  const totpEnabled = options.totp && !emulator;
  const credential = emulator ? undefined : readCredential(options);

  appCounter += 1;
  // A named app per provider, so several configurations can live in one process.
  const app: App = initializeApp(
    { projectId: options.projectId, ...(credential ? { credential } : {}) },
    `idport-firebase-${appCounter}`,
  );
  const rootAuth = getAuth(app);
  const auth: BaseAuth =
    options.tenantId === undefined ? rootAuth : rootAuth.tenantManager().authForTenant(options.tenantId);

  const context: FirebaseContext = {
    auth,
    options,
    emulator,
    totpEnabled,
    rest: createIdentityToolkitClient({
      // The emulator accepts any key; Google needs the project's Web API key.
      apiKey: options.webApiKey ?? 'emulator',
      emulatorHost: options.emulatorHost,
      endpoints: connections.endpoints,
      tenantId: options.tenantId,
    }),
    verifier: createFirebaseTokenVerifier({
      projectId: options.projectId,
      tenantId: options.tenantId,
      groupsClaim: options.groupsClaim,
      emulator,
      jwksUri: connections.jwksUri,
    }),
  };

  return defineIdentityProvider({
    provider,
    capabilities: firebaseCapabilities({
      emulator,
      hashConfig: options.hashConfig !== undefined,
      totp: totpEnabled,
    }),
    implementation: {
      auth: createFirebaseAuthOperations(context),
      mfa: createFirebaseMfaOperations(context),
      users: createFirebaseUserOperations(context),
      groups: createFirebaseGroupOperations(context),
      tokens: {
        verifyAccessToken: (token) => context.verifier.verify(token),
        verifyIdToken: (token, verifyOptions) => context.verifier.verify(token, verifyOptions),
      },
      transfer: createFirebaseTransferOperations(context),
    },
    mapError: mapFirebaseError,
    onEvent: adapterContext.onEvent,
    close: () => deleteApp(app),
  });
}
