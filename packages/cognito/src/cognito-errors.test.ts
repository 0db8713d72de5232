import { IdentityError, isSafeForEndUser } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { type CognitoErrorContext, mapCognitoError } from './cognito-errors';

/** An error shaped like the AWS SDK's service exceptions. */
function awsError(name: string, message: string, status = 400) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

describe('mapCognitoError', () => {
  it.each<[string, string, CognitoErrorContext, string]>([
    // Sign-in: unknown user, wrong password (both spellings) look the same.
    ['NotAuthorizedException', 'Incorrect username or password.', 'signIn', 'INVALID_CREDENTIALS'],
    ['UserNotFoundException', 'User does not exist.', 'signIn', 'INVALID_CREDENTIALS'],
    ['InvalidPasswordException', 'Invalid password', 'signIn', 'INVALID_CREDENTIALS'],
    ['NotAuthorizedException', 'User is disabled.', 'signIn', 'USER_DISABLED'],
    [
      'NotAuthorizedException',
      'Unable to verify secret hash for client abc',
      'signIn',
      'CONFIGURATION_ERROR',
    ],
    [
      'NotAuthorizedException',
      'USER_PASSWORD_AUTH flow not enabled for this client',
      'signIn',
      'CONFIGURATION_ERROR',
    ],
    [
      'NotAuthorizedException',
      'Client abc is configured for secret but secret was not received',
      'refresh',
      'CONFIGURATION_ERROR',
    ],
    ['NotAuthorizedException', 'Password attempts exceeded', 'signIn', 'TOO_MANY_ATTEMPTS'],
    ['UserNotConfirmedException', 'User is not confirmed.', 'signIn', 'USER_NOT_CONFIRMED'],
    [
      'PasswordResetRequiredException',
      'Password reset required for the user',
      'signIn',
      'PASSWORD_RESET_REQUIRED',
    ],
    // Setting a password: the policy speaks.
    ['InvalidPasswordException', 'Password did not conform with policy', 'user', 'WEAK_PASSWORD'],
    ['InvalidPasswordException', 'Password did not conform with policy', 'signUp', 'WEAK_PASSWORD'],
    ['InvalidPasswordException', 'Password did not conform with policy', 'newPassword', 'WEAK_PASSWORD'],
    ['PasswordHistoryPolicyViolationException', 'reused', 'user', 'WEAK_PASSWORD'],
    // Challenges and codes.
    ['CodeMismatchException', 'Invalid code received for user', 'challenge', 'INVALID_MFA_CODE'],
    ['ExpiredCodeException', 'Invalid code provided', 'challenge', 'MFA_CHALLENGE_EXPIRED'],
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'challenge',
      'MFA_CHALLENGE_EXPIRED',
    ],
    [
      'CodeMismatchException',
      'Invalid verification code provided',
      'confirmSignUp',
      'INVALID_CONFIRMATION_CODE',
    ],
    ['ExpiredCodeException', 'Invalid code provided', 'confirmSignUp', 'INVALID_CONFIRMATION_CODE'],
    ['UserNotFoundException', 'User does not exist.', 'confirmSignUp', 'INVALID_CONFIRMATION_CODE'],
    ['EnableSoftwareTokenMFAException', 'Code mismatch', 'enrollment', 'INVALID_MFA_CODE'],
    ['CodeMismatchException', 'Incorrect confirmation code', 'enrollment', 'INVALID_MFA_CODE'],
    // Tokens.
    ['NotAuthorizedException', 'Refresh Token has expired', 'refresh', 'TOKEN_EXPIRED'],
    ['NotAuthorizedException', 'Refresh Token has been revoked', 'refresh', 'TOKEN_INVALID'],
    ['NotAuthorizedException', 'Invalid Refresh Token', 'refresh', 'TOKEN_INVALID'],
    ['UnsupportedTokenTypeException', 'Unsupported token', 'revoke', 'TOKEN_INVALID'],
    // Administration.
    ['UserNotFoundException', 'User does not exist.', 'user', 'USER_NOT_FOUND'],
    [
      'UsernameExistsException',
      'An account with the given email already exists.',
      'user',
      'USER_ALREADY_EXISTS',
    ],
    ['AliasExistsException', 'An account with the email already exists.', 'user', 'USER_ALREADY_EXISTS'],
    ['GroupExistsException', 'A group with the name already exists.', 'group', 'GROUP_ALREADY_EXISTS'],
    ['ResourceNotFoundException', 'Group not found.', 'group', 'GROUP_NOT_FOUND'],
    ['ResourceNotFoundException', 'User pool eu-west-1_x does not exist.', 'group', 'CONFIGURATION_ERROR'],
    ['ResourceNotFoundException', 'User pool client x does not exist.', 'signIn', 'CONFIGURATION_ERROR'],
    ['NotAuthorizedException', 'User not authorized', 'user', 'USER_NOT_FOUND'],
    ['SoftwareTokenMFANotFoundException', 'Software Token MFA not found', 'enrollment', 'FACTOR_NOT_FOUND'],
    // Limits and the platform.
    ['TooManyRequestsException', 'Too many requests', 'user', 'RATE_LIMITED'],
    ['LimitExceededException', 'Attempt limit exceeded', 'user', 'TOO_MANY_ATTEMPTS'],
    ['TooManyFailedAttemptsException', 'Too many failed attempts', 'challenge', 'TOO_MANY_ATTEMPTS'],
    ['InvalidParameterException', '1 validation error detected', 'user', 'INVALID_INPUT'],
    [
      'AccessDeniedException',
      'not authorized to perform: cognito-idp:AdminGetUser',
      'user',
      'CONFIGURATION_ERROR',
    ],
    [
      'CredentialsProviderError',
      'Could not load credentials from any providers',
      'user',
      'CONFIGURATION_ERROR',
    ],
    ['Unsupported', 'Cognito Local unsupported feature', 'user', 'UNSUPPORTED_OPERATION'],
  ])('%s (%s) in %s → %s', (name, message, context, code) => {
    expect(mapCognitoError(awsError(name, message), context).code).toBe(code);
  });

  it('treats unknown 5xx answers and network failures as PROVIDER_UNAVAILABLE', () => {
    expect(mapCognitoError(awsError('UnknownError', '', 500), 'user').code).toBe('PROVIDER_UNAVAILABLE');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9229'), { code: 'ECONNREFUSED' });
    expect(mapCognitoError(refused, 'signIn').code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapCognitoError(awsError('SomethingNew', 'x'), 'user').code).toBe('PROVIDER_ERROR');
  });

  it('makes unknown user and wrong password indistinguishable to end users', () => {
    const unknown = mapCognitoError(awsError('UserNotFoundException', 'User does not exist.'), 'signIn');
    const wrong = mapCognitoError(
      awsError('NotAuthorizedException', 'Incorrect username or password.'),
      'signIn',
    );
    expect(unknown.code).toBe(wrong.code);
    expect(isSafeForEndUser(unknown)).toBe(true);
    expect(unknown.message).not.toMatch(/exist/i);
  });

  it('keeps vendor text, which may name the user, out of the message', () => {
    const error = mapCognitoError(
      awsError('UserNotFoundException', 'User ada@example.com does not exist.'),
      'user',
    );
    expect(error.message).not.toContain('ada@example.com');
    expect(error.vendorCode).toBe('UserNotFoundException');
    expect(error.status).toBe(400);
    expect(JSON.stringify(error.toJSON())).not.toContain('ada@example.com');
  });

  it('passes IdentityErrors through unchanged', () => {
    const original = new IdentityError({ code: 'INVALID_INPUT', message: 'x' });
    expect(mapCognitoError(original, 'user')).toBe(original);
  });
});
