import { FakeHttpError } from '../framework/fake-http';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The Management API's error body: `{statusCode, error, message, errorCode}`. */
export function managementErrorBody(
  status: number,
  message: string,
  errorCode?: string,
): Record<string, unknown> {
  return {
    statusCode: status,
    error: reasonPhrases[status] ?? 'Error',
    message,
    ...(errorCode ? { errorCode } : {}),
  };
}

/** Throws a Management API error. */
export function managementError(status: number, message: string, errorCode?: string): never {
  throw new FakeHttpError(status, managementErrorBody(status, message, errorCode));
}

/** Throws an Authentication API (OAuth) error: `{error, error_description}` plus extra fields. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
): never {
  throw new FakeHttpError(status, { error, error_description: description, ...extra });
}
