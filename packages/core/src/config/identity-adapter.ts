import type { IdentityEventListener } from '../events/identity-event';
import type { IdentityProvider } from '../port/identity-provider';

/** The part of a zod schema the loader uses, so adapters may bring their own zod copy. */
export interface SettingsSchema<Settings> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: Settings }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** What the adapter receives besides its settings. */
export interface AdapterContext {
  onEvent?: IdentityEventListener;
}

/**
 * What every adapter package exports as `identityAdapter`, so `createIdentityProvider`
 * can load it by provider id without core depending on it.
 */
export interface IdentityAdapter<Settings = unknown> {
  readonly provider: string;
  readonly settingsSchema: SettingsSchema<Settings>;
  create(settings: Settings, context: AdapterContext): IdentityProvider | Promise<IdentityProvider>;
}
