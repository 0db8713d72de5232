import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IdentityError } from '../errors/identity-error';
import type { IdentityProvider } from '../port/identity-provider';
import { withRetry } from '../retry/with-retry';
import type { IdentityAdapter } from './identity-adapter';
import type { IdentityConfig } from './identity-config';

/** Providers with a package of ours. Others need `config.adapters`. */
export const builtInProviders = ['local', 'firebase', 'cognito', 'keycloak', 'auth0', 'okta'] as const;

function configurationError(message: string, field?: string, cause?: unknown): IdentityError {
  return new IdentityError({ code: 'CONFIGURATION_ERROR', message, field, cause });
}

/** Loads `packageName` from the application, or explains which package to install. Exported for tests. */
export async function importAdapterPackage(
  provider: string,
  packageName = `@idport/${provider}`,
): Promise<IdentityAdapter> {
  let module: { identityAdapter?: IdentityAdapter };
  // Resolve from the application first (its main script, then the working directory):
  // with strict installs (pnpm) the app, not @idport/core, depends on the adapter package.
  const bases = [process.argv[1] ? dirname(process.argv[1]) : undefined, process.cwd()].filter(
    (base): base is string => base !== undefined,
  );
  let loaded: { identityAdapter?: IdentityAdapter } | undefined;
  for (const base of bases) {
    try {
      const resolved = createRequire(join(base, 'noop.js')).resolve(packageName);
      loaded = await import(pathToFileURL(resolved).href);
      break;
    } catch {
      // Try the next base, then a plain import from core's own location.
    }
  }
  try {
    module = loaded ?? (await import(packageName));
  } catch (error) {
    throw configurationError(
      `provider "${provider}" needs the ${packageName} package: install it next to @idport/core`,
      'provider',
      error,
    );
  }
  if (!module.identityAdapter) {
    throw configurationError(`${packageName} does not export identityAdapter`, 'provider');
  }
  return module.identityAdapter;
}

async function resolveAdapter(config: IdentityConfig): Promise<IdentityAdapter> {
  const custom = config.adapters?.[config.provider];
  if (custom) return typeof custom === 'function' ? (await custom()).identityAdapter : custom;
  if (!(builtInProviders as readonly string[]).includes(config.provider)) {
    throw configurationError(
      `unknown provider "${config.provider}": use one of ${builtInProviders.join(', ')} or register it in adapters`,
      'provider',
    );
  }
  return importAdapterPackage(config.provider);
}

/**
 * Creates the provider named by `config.provider`: loads its package lazily, validates the
 * settings with the adapter's schema (errors name the field, never its value) and wraps it
 * with retries for idempotent operations.
 */
export async function createIdentityProvider(config: IdentityConfig): Promise<IdentityProvider> {
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.provider !== 'string' ||
    !config.provider
  ) {
    throw configurationError('config.provider must name a provider', 'provider');
  }
  const adapter = await resolveAdapter(config);
  const parsed = adapter.settingsSchema.safeParse(config.settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String).join('.');
    const field = path ? `settings.${path}` : 'settings';
    throw configurationError(
      `invalid ${config.provider} settings: ${field} ${issue?.message.replace(/^Invalid input: /, '') ?? 'is invalid'}`,
      field,
    );
  }
  const provider = await adapter.create(parsed.data, { onEvent: config.onEvent });
  return config.retry === false ? provider : withRetry(provider, config.retry ?? {});
}
