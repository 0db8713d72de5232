const secretKeyPattern =
  /pass(word)?|secret|token|hash|salt|otp|totp|code|credential|authorization|cookie|key|session|assertion|signature/i;

const jwtPattern = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const bearerPattern = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// PHC-style hashes of every family we handle: bcrypt, argon2, (firebase-)scrypt, pbkdf2,
// salted digests and HMACs.
const phcPattern =
  /\$(2[abxy]|argon2(id|i|d)?|(firebase-)?scrypt|pbkdf2[-a-z0-9]*|sha(1|256|384|512)|md5|hmac-[a-z0-9]+)\$[^\s"']+/gi;

/** Replaces anything that looks like a token, bearer header or password hash inside free text. */
export function redactText(text: string): string {
  return text
    .replace(jwtPattern, '[redacted-jwt]')
    .replace(bearerPattern, '$1 [redacted]')
    .replace(phcPattern, '[redacted-hash]');
}

/**
 * Returns a copy of `value` safe to log: values under secret-looking keys are replaced,
 * tokens and hashes inside strings are masked, depth and size are bounded so a hostile
 * vendor body cannot blow up a log line.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[truncated]';
  if (typeof value === 'string') return redactText(value.length > 2000 ? `${value.slice(0, 2000)}…` : value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 100)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    copy[key] = secretKeyPattern.test(key) ? '[redacted]' : redactSecrets(item, depth + 1);
  }
  return copy;
}
