import { isUtf8 } from 'node:buffer';
import { hasDuplicateJsonKey } from './find-duplicate-json-key';

const base64UrlAlphabet = /^[A-Za-z0-9_-]*$/;

/** Why a segment could not be decoded; the caller turns it into a TokenVerificationError. */
export type SegmentProblem = 'malformed' | 'duplicate_json_key';

/**
 * Whether a string is unpadded base64url (RFC 7515 §2). Node's decoder skips characters outside
 * the alphabet, so without this check `a.b.c` and `a.b!.c` would decode alike.
 */
export function isBase64Url(segment: string): boolean {
  return segment.length % 4 !== 1 && base64UrlAlphabet.test(segment);
}

/**
 * Decodes a JOSE header or JWT payload: strict base64url, strict UTF-8, JSON, a plain object,
 * no member name twice. Returns the object, or the problem found.
 */
export function decodeJsonSegment(segment: string): Record<string, unknown> | SegmentProblem {
  if (segment.length === 0 || !isBase64Url(segment)) return 'malformed';
  const bytes = Buffer.from(segment, 'base64url');
  // Node replaces invalid UTF-8 with U+FFFD silently; refuse it instead.
  if (!isUtf8(bytes)) return 'malformed';
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'malformed';
  if (hasDuplicateJsonKey(text, value)) return 'duplicate_json_key';
  return value as Record<string, unknown>;
}
