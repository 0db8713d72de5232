import { z } from 'zod';

const base64Schema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'must be base64');

/**
 * The project's password hash parameters (Firebase console → Authentication → Users →
 * ⋮ → Password hash parameters). Needed to export hashes another system can verify.
 */
export const firebaseHashConfigSchema = z.strictObject({
  /** `base64_signer_key`. A secret: never logged. */
  signerKey: base64Schema,
  /** `base64_salt_separator`. */
  saltSeparator: base64Schema,
  /** `rounds` (1–8). */
  rounds: z.number().int().min(1).max(8),
  /** `mem_cost` (1–14). */
  memoryCost: z.number().int().min(1).max(14),
});

/** A service-account key as Google issues it (only the fields firebase-admin reads). */
const serviceAccountObjectSchema = z.looseObject({
  project_id: z.string().min(1).optional(),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
});

/**
 * Settings of the Firebase adapter. Exactly one way to authenticate the Admin SDK is
 * used: `serviceAccountFile`, `serviceAccount` (JSON text or object), or — when neither is
 * given and no emulator is used — Google Application Default Credentials.
 */
export const firebaseProviderOptionsSchema = z
  .strictObject({
    /** Google Cloud / Firebase project id. */
    projectId: z
      .string()
      .regex(/^[a-z][a-z0-9-]{3,62}$/, 'must be a Firebase project id (lowercase letters, digits, dashes)'),
    /** Path of a service-account key file. */
    serviceAccountFile: z.string().min(1).optional(),
    /** A service-account key: its JSON text or the parsed object. Never logged. */
    serviceAccount: z.union([z.string().min(2), serviceAccountObjectSchema]).optional(),
    /** The project's Web API key; needed for password sign-in, refresh and MFA against Google. */
    webApiKey: z.string().min(1).max(256).optional(),
    /** Identity Platform tenant: every call is scoped to it. */
    tenantId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,128}$/, 'must be an Identity Platform tenant id')
      .optional(),
    /**
     * `host:port` of a Firebase Auth emulator. Switches on emulator mode, in which the
     * emulator's unsigned tokens are accepted; never set it in production.
     */
    emulatorHost: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'must be host:port')
      .optional(),
    /** Custom claim holding the user's groups (string array). */
    groupsClaim: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a claim name')
      .default('groups'),
    /** Password hash parameters, for `transfer.exportUsers` with hashes. */
    hashConfig: firebaseHashConfigSchema.optional(),
    /**
     * The project has TOTP second factors enabled (Identity Platform, `multiFactorConfig`
     * with a TOTP provider config). Declares TOTP enrollment and sign-in, except in
     * emulator mode: the emulator has no TOTP, so there the setting changes nothing.
     */
    totp: z.boolean().default(false),
    /**
     * Issuer shown by authenticator apps for TOTP factors (`otpauth://totp/<issuer>:...`);
     * default: the project id. The Key URI format forbids a colon in it.
     */
    totpIssuer: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^:\p{Cc}]+$/u, 'must not contain a colon or control characters')
      .optional(),
  })
  .superRefine((settings, context) => {
    if (settings.serviceAccountFile !== undefined && settings.serviceAccount !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['serviceAccount'],
        message: 'give either serviceAccount or serviceAccountFile, not both',
      });
    }
    if (settings.emulatorHost === undefined && settings.webApiKey === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['webApiKey'],
        message: 'is required unless emulatorHost is set',
      });
    }
  });

/** Settings accepted by {@link createFirebaseProvider} (before defaults). */
export type FirebaseProviderSettings = z.input<typeof firebaseProviderOptionsSchema>;

/** Settings after validation and defaults. */
export type FirebaseProviderOptions = z.output<typeof firebaseProviderOptionsSchema>;

/** The project's scrypt parameters. */
export type FirebaseHashConfig = z.output<typeof firebaseHashConfigSchema>;

/** `providerOptions.firebase` accepted by `users.create` and `users.update`. */
export const firebaseUserProviderOptionsSchema = z.strictObject({
  /** The uid to create the user with (create only). */
  uid: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')
    .optional(),
  /**
   * Phone numbers to enroll as SMS second factors (replaces the enrolled list on update).
   * Firebase requires a verified email for MFA.
   */
  mfaPhoneNumbers: z
    .array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number'))
    .max(10)
    .optional(),
  photoUrl: z.url().max(2048).nullable().optional(),
});

/** `providerOptions.firebase` accepted by `auth.signIn`. */
export const firebaseSignInProviderOptionsSchema = z.strictObject({
  /** Which SMS factor receives the code when the user has several (default: the first). */
  smsFactorId: z.string().min(1).max(256).optional(),
  /**
   * App-verification token for the SMS (reCAPTCHA on the web, Play Integrity, ...).
   * Production Firebase refuses to send an MFA SMS without one; the emulator needs none.
   */
  recaptchaToken: z.string().min(1).max(8192).optional(),
  /** reCAPTCHA Enterprise response, when the project uses reCAPTCHA Enterprise for SMS. */
  captchaResponse: z.string().min(1).max(8192).optional(),
});
