/** Kinds of second factor the port knows. */
export type MfaFactorType = 'totp' | 'sms' | 'email' | 'recovery_code';

/** An enrolled (or pending) second factor. Never carries its secret. */
export interface MfaFactor {
  readonly id: string;
  readonly type: MfaFactorType;
  readonly label: string | null;
  /** False while enrollment waits for its first code. */
  readonly confirmed: boolean;
  readonly createdAt: Date | null;
}

/** Result of `mfa.enrollTotp`: show the URI as a QR code, then confirm with a first code. */
export interface TotpEnrollment {
  readonly factorId: string;
  /** Base32 shared secret. Show once; never log. */
  readonly secret: string;
  /** `otpauth://totp/...` for authenticator apps. */
  readonly otpauthUri: string;
}

/** Result of `mfa.confirmEnrollment`. */
export interface ConfirmedEnrollment {
  readonly factor: MfaFactor;
  /** Single-use recovery codes, shown once, when the provider issues them. */
  readonly recoveryCodes: readonly string[];
}

/** Who an MFA management call acts for. Some vendors need the user's own access token. */
export interface MfaSubject {
  userId: string;
  /** Required by vendors whose enrollment API is user-scoped (Cognito, Firebase). */
  accessToken?: string;
}
