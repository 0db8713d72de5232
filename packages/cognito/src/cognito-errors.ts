import { IdentityError, type IdentityErrorCode } from '@idport/core';

/**
 * Where a Cognito error happened. The same exception means different things in different
 * calls: `InvalidPasswordException` is a weak password when setting one, but cognito-local
 * also answers it for a wrong password at sign-in, where it must look exactly like an
 * unknown user (no enumeration).
 */
export type CognitoErrorContext =
  | 'signIn'
  | 'challenge'
  | 'newPassword'
  | 'refresh'
  | 'revoke'
  | 'signUp'
  | 'confirmSignUp'
  | 'enrollment'
  | 'user'
  | 'group';

type Rule = IdentityErrorCode | ((context: CognitoErrorContext, message: string) => IdentityErrorCode);

const sessionExpired = /session/i;

function notAuthorized(context: CognitoErrorContext, message: string): IdentityErrorCode {
  // Real Cognito words these; the texts are stable and documented in its API reference.
  // The app client itself is wrong (secret, allowed flows): never show it as bad credentials.
  if (/secret|flow not enabled|client/i.test(message)) return 'CONFIGURATION_ERROR';
  if (/user is disabled/i.test(message)) return 'USER_DISABLED';
  if (/attempts exceeded/i.test(message)) return 'TOO_MANY_ATTEMPTS';
  switch (context) {
    case 'signIn':
      return 'INVALID_CREDENTIALS';
    case 'challenge':
    case 'newPassword':
      return sessionExpired.test(message) ? 'MFA_CHALLENGE_EXPIRED' : 'INVALID_MFA_CODE';
    case 'refresh':
      return /expired/i.test(message) ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
    case 'revoke':
    case 'enrollment':
      return 'TOKEN_INVALID';
    case 'confirmSignUp':
      return 'INVALID_CONFIRMATION_CODE';
    case 'user':
      // cognito-local answers NotAuthorizedException for an unknown user in attribute updates.
      return /not authorized/i.test(message) ? 'USER_NOT_FOUND' : 'PROVIDER_ERROR';
    default:
      return 'PROVIDER_ERROR';
  }
}

function codeMismatch(context: CognitoErrorContext): IdentityErrorCode {
  return context === 'challenge' || context === 'enrollment'
    ? 'INVALID_MFA_CODE'
    : 'INVALID_CONFIRMATION_CODE';
}

/**
 * Cognito exception name → IdentityError code. The README's error table is this table.
 * Anything not listed becomes PROVIDER_ERROR (or PROVIDER_UNAVAILABLE for 5xx and network).
 */
export const cognitoErrorRules: Readonly<Record<string, Rule>> = {
  NotAuthorizedException: notAuthorized,
  UserNotFoundException: (context) =>
    context === 'signIn'
      ? 'INVALID_CREDENTIALS'
      : context === 'confirmSignUp'
        ? 'INVALID_CONFIRMATION_CODE'
        : 'USER_NOT_FOUND',
  // Real Cognito: a password that breaks the policy. cognito-local: also a wrong password at sign-in.
  InvalidPasswordException: (context) => (context === 'signIn' ? 'INVALID_CREDENTIALS' : 'WEAK_PASSWORD'),
  PasswordHistoryPolicyViolationException: 'WEAK_PASSWORD',
  UsernameExistsException: 'USER_ALREADY_EXISTS',
  AliasExistsException: 'USER_ALREADY_EXISTS',
  GroupExistsException: 'GROUP_ALREADY_EXISTS',
  ResourceNotFoundException: (context, message) =>
    context === 'group' && /group/i.test(message) ? 'GROUP_NOT_FOUND' : 'CONFIGURATION_ERROR',
  CodeMismatchException: (context) => codeMismatch(context),
  // Real Cognito's answer to a wrong first code in VerifySoftwareToken.
  EnableSoftwareTokenMFAException: 'INVALID_MFA_CODE',
  ExpiredCodeException: (context) =>
    context === 'challenge' ? 'MFA_CHALLENGE_EXPIRED' : 'INVALID_CONFIRMATION_CODE',
  SoftwareTokenMFANotFoundException: 'FACTOR_NOT_FOUND',
  MFAMethodNotFoundException: 'FACTOR_NOT_FOUND',
  PasswordResetRequiredException: 'PASSWORD_RESET_REQUIRED',
  UserNotConfirmedException: 'USER_NOT_CONFIRMED',
  TooManyRequestsException: 'RATE_LIMITED',
  LimitExceededException: 'TOO_MANY_ATTEMPTS',
  TooManyFailedAttemptsException: 'TOO_MANY_ATTEMPTS',
  UnsupportedTokenTypeException: 'TOKEN_INVALID',
  InvalidParameterException: 'INVALID_INPUT',
  InvalidUserPoolConfigurationException: 'CONFIGURATION_ERROR',
  InvalidEmailRoleAccessPolicyException: 'CONFIGURATION_ERROR',
  InvalidSmsRoleAccessPolicyException: 'CONFIGURATION_ERROR',
  InvalidSmsRoleTrustRelationshipException: 'CONFIGURATION_ERROR',
  UnauthorizedException: 'CONFIGURATION_ERROR',
  UnsupportedOperationException: 'UNSUPPORTED_OPERATION',
  // cognito-local answers HTTP 500 `CognitoLocal#Unsupported` for what it does not implement.
  Unsupported: 'UNSUPPORTED_OPERATION',
  // AWS credential and signature problems: the deployment is wrong, not the request.
  AccessDeniedException: 'CONFIGURATION_ERROR',
  UnrecognizedClientException: 'CONFIGURATION_ERROR',
  InvalidSignatureException: 'CONFIGURATION_ERROR',
  ExpiredTokenException: 'CONFIGURATION_ERROR',
  CredentialsProviderError: 'CONFIGURATION_ERROR',
  InternalErrorException: 'PROVIDER_UNAVAILABLE',
  TimeoutError: 'PROVIDER_UNAVAILABLE',
};

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface AwsErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The HTTP status of an AWS SDK error, when it got that far. */
function statusOf(error: AwsErrorShape): number | undefined {
  return typeof error.$metadata?.httpStatusCode === 'number' ? error.$metadata.httpStatusCode : undefined;
}

/** Messages by code: never the vendor's text, which can name the user. */
const messages: Readonly<Record<IdentityErrorCode, string>> = {
  INVALID_CREDENTIALS: 'The email or password is incorrect',
  USER_NOT_FOUND: 'No such user',
  USER_ALREADY_EXISTS: 'A user with this email or username exists',
  GROUP_NOT_FOUND: 'No such group',
  GROUP_ALREADY_EXISTS: 'A group with this name exists',
  FACTOR_NOT_FOUND: 'No such MFA factor',
  WEAK_PASSWORD: 'The password does not meet the user pool password policy',
  INVALID_MFA_CODE: 'The MFA code is incorrect',
  MFA_CHALLENGE_EXPIRED: 'The sign-in challenge has expired; sign in again',
  MFA_ENROLLMENT_REQUIRED: 'An MFA factor must be enrolled first',
  USER_DISABLED: 'The user is disabled',
  USER_NOT_CONFIRMED: 'The user has not confirmed the sign-up',
  INVALID_CONFIRMATION_CODE: 'The confirmation code is incorrect or expired',
  PASSWORD_RESET_REQUIRED: 'The password must be reset',
  TOO_MANY_ATTEMPTS: 'Too many attempts; try again later',
  TOKEN_EXPIRED: 'The token has expired',
  TOKEN_INVALID: 'The token is not valid',
  RATE_LIMITED: 'Cognito is throttling requests',
  PROVIDER_UNAVAILABLE: 'Cognito could not be reached',
  PROVIDER_ERROR: 'Cognito answered with an unexpected error',
  INVALID_INPUT: 'Cognito refused a parameter',
  CONFIGURATION_ERROR: 'The Cognito pool, app client or AWS credentials are misconfigured',
  UNSUPPORTED_OPERATION: 'The Cognito peer does not support this call',
};

/**
 * Turns an AWS SDK error into an IdentityError. The message never repeats the vendor's text
 * (it can carry usernames); the original stays in `cause`, redacted by IdentityError.
 * INVALID_CREDENTIALS carries no vendor code: cognito-local answers a wrong password and an
 * unknown user with different exceptions, and the error must not tell them apart.
 */
export function mapCognitoError(error: unknown, context: CognitoErrorContext): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as AwsErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const message = typeof shape.message === 'string' ? shape.message : '';
  const status = statusOf(shape);
  const rule = cognitoErrorRules[name];
  let code: IdentityErrorCode;
  if (rule !== undefined) {
    code = typeof rule === 'function' ? rule(context, message) : rule;
  } else if (typeof shape.code === 'string' && networkCodes.has(shape.code)) {
    code = 'PROVIDER_UNAVAILABLE';
  } else if (status !== undefined && status >= 500) {
    code = 'PROVIDER_UNAVAILABLE';
  } else {
    code = 'PROVIDER_ERROR';
  }
  return new IdentityError({
    code,
    provider: 'cognito',
    message: code === 'PROVIDER_ERROR' ? `${messages[code]} (${name})` : messages[code],
    status,
    vendorCode: code === 'INVALID_CREDENTIALS' ? undefined : name,
    cause: error,
  });
}
