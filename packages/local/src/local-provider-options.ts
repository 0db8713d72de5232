import { z } from 'zod';

/** A message the embedded provider would send (it has no mail server of its own). */
export interface LocalDelivery {
  readonly kind: 'sign_up_code';
  readonly email: string;
  /** The code itself: hand it to your mailer, never to a log. */
  readonly code: string;
}

/** Settings of `@idport/local`, validated by zod. */
export const localProviderOptionsSchema = z.strictObject({
  /** SQLite file path, or `:memory:` (the default) for a throwaway store. */
  database: z.string().min(1).default(':memory:'),
  /**
   * SQLite's page cache for the store, in KiB. The default, 16 MiB, is better-sqlite3's;
   * memory stays flat once the cache is full, whatever the number of users. Lower it where
   * memory is tight (a migration worker), raise it for a large, busy store.
   */
  pageCacheKib: z.number().int().min(256).max(1_048_576).default(16_384),
  /** `iss` of issued tokens. */
  issuer: z.string().min(1).default('urn:idport:local'),
  /** `aud` of issued tokens. */
  audience: z.string().min(1).default('idport'),
  accessTokenTtlSeconds: z.number().int().min(30).max(86_400).default(900),
  refreshTokenTtlSeconds: z
    .number()
    .int()
    .min(60)
    .max(365 * 86_400)
    .default(30 * 86_400),
  /**
   * scrypt cost. The default (N = 2^17, r = 8, p = 1, 128 MiB) is OWASP's recommendation
   * and takes ~350 ms on a 2-core machine. Lower only in tests; the floor is 2^10.
   */
  passwordHashing: z
    .strictObject({
      logN: z.number().int().min(10).max(20).default(17),
      blockSize: z.number().int().min(8).max(32).default(8),
      parallelization: z.number().int().min(1).max(16).default(1),
    })
    .default({ logN: 17, blockSize: 8, parallelization: 1 }),
  passwordPolicy: z
    .strictObject({
      minLength: z.number().int().min(6).max(128).default(10),
      /** Refuse passwords from the built-in list of the most common ones. */
      rejectCommon: z.boolean().default(true),
    })
    .default({ minLength: 10, rejectCommon: true }),
  lockout: z
    .strictObject({
      maxFailedAttempts: z.number().int().min(1).max(100).default(5),
      lockSeconds: z.number().int().min(1).max(86_400).default(900),
    })
    .default({ maxFailedAttempts: 5, lockSeconds: 900 }),
  mfa: z
    .strictObject({
      /** Issuer shown in authenticator apps. */
      totpIssuer: z.string().min(1).max(64).default('idport'),
      challengeTtlSeconds: z.number().int().min(30).max(3600).default(300),
      recoveryCodeCount: z.number().int().min(0).max(20).default(10),
    })
    .default({ totpIssuer: 'idport', challengeTtlSeconds: 300, recoveryCodeCount: 10 }),
  signUp: z
    .strictObject({
      /** Require the emailed code (`auth.confirmSignUp`) before the first sign-in. */
      requireConfirmation: z.boolean().default(true),
      codeTtlSeconds: z.number().int().min(60).max(86_400).default(900),
    })
    .default({ requireConfirmation: true, codeTtlSeconds: 900 }),
  /** Receives sign-up codes to send. Without it, sign-up codes are only in the audit of your mailer. */
  deliver: z
    .custom<(message: LocalDelivery) => void | Promise<void>>((value) => typeof value === 'function', {
      message: 'must be a function',
    })
    .optional(),
  /** Clock, for tests. */
  now: z
    .custom<() => Date>((value) => typeof value === 'function', { message: 'must be a function' })
    .optional(),
});

/** Settings as written by the user (defaults optional). */
export type LocalProviderSettings = z.input<typeof localProviderOptionsSchema>;
/** Settings after defaults. */
export type LocalProviderOptions = z.output<typeof localProviderOptionsSchema>;
