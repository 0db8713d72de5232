import {
  IdentityError,
  type IdentityProvider,
  type SignInInput,
  type SignInResult,
  supportsOperation,
} from '@idport/core';

/** Options of {@link createMigratingProvider}. */
export interface MigratingProviderOptions {
  /** The provider users are leaving. Needs `auth.signIn`. */
  from: IdentityProvider;
  /** The provider users are moving to. Needs `users.findByEmail`, `users.create`, `auth.signIn`. */
  to: IdentityProvider;
  /** Called once per user migrated at sign-in (e.g. to record it or delete them at the source later). */
  onMigrated?: (details: { email: string; targetUserId: string }) => void | Promise<void>;
}

/**
 * Lazy ("trickle") migration as a provider: everything goes to the target, except that a
 * sign-in for someone the target does not know yet is tried at the source and, when the
 * source accepts the password, the user is created at the target with that password and
 * signed in there. The vendor-neutral counterpart of Auth0's custom-database migration,
 * Cognito's UserMigration trigger and Okta's password-import hook.
 *
 * A user whose source sign-in needs MFA is not migrated here (the password alone cannot
 * carry their factor safely): they get the source's challenge and move with the bulk run,
 * which carries TOTP secrets where the vendors allow it.
 */
export function createMigratingProvider(options: MigratingProviderOptions): IdentityProvider {
  const { from, to } = options;
  for (const operation of ['users.findByEmail', 'users.create', 'auth.signIn'] as const) {
    if (!supportsOperation(to.capabilities, operation)) {
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        provider: to.provider,
        message: `lazy migration needs ${operation} at the target`,
      });
    }
  }
  const inFlight = new Map<string, Promise<SignInResult | null>>();

  const migrateOnce = async (input: SignInInput): Promise<SignInResult | null> => {
    if (await to.users.findByEmail(input.email)) return null;
    let sourceResult: SignInResult;
    try {
      sourceResult = await from.auth.signIn({ email: input.email, password: input.password });
    } catch (error) {
      // Whatever the source says (unknown user, wrong password), the caller sees the target's answer.
      if (IdentityError.isInstance(error) && error.code !== 'INVALID_CREDENTIALS') throw error;
      return null;
    }
    if (sourceResult.status !== 'authenticated') return sourceResult;
    const profile = sourceResult.user;
    const created = await to.users.create({
      email: profile.email ?? input.email,
      password: input.password,
      emailVerified: profile.emailVerified,
      ...(profile.givenName ? { givenName: profile.givenName } : {}),
      ...(profile.familyName ? { familyName: profile.familyName } : {}),
      ...(profile.displayName ? { displayName: profile.displayName } : {}),
      ...(profile.phoneNumber ? { phoneNumber: profile.phoneNumber } : {}),
      attributes: { ...profile.attributes },
    });
    await options.onMigrated?.({ email: input.email.trim().toLowerCase(), targetUserId: created.id });
    return to.auth.signIn(input);
  };

  const migrate = async (input: SignInInput): Promise<SignInResult | null> => {
    const email = input.email.trim().toLowerCase();
    // Concurrent first sign-ins of one user wait for the migration in progress, then sign
    // in at the target with their own password: the user is created once.
    const running = inFlight.get(email);
    if (running) {
      await running.catch(() => undefined);
      return to.auth.signIn(input);
    }
    const work = migrateOnce(input);
    inFlight.set(email, work);
    try {
      return await work;
    } finally {
      inFlight.delete(email);
    }
  };

  return Object.freeze({
    ...to,
    provider: to.provider,
    auth: Object.freeze({
      ...to.auth,
      async signIn(input: SignInInput): Promise<SignInResult> {
        try {
          return await to.auth.signIn(input);
        } catch (error) {
          if (!IdentityError.isInstance(error) || error.code !== 'INVALID_CREDENTIALS') throw error;
          const migrated = await migrate(input);
          if (migrated) return migrated;
          throw error;
        }
      },
    }),
  });
}
