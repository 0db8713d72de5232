import { z } from 'zod';

/** C0 and C1 control characters and the unicode line/paragraph separators. */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Free text shown to people (names, labels): bounded, no control characters. */
export function textSchema(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .refine((value) => !hasControlCharacter(value), 'must not contain control characters');
}

/** An id issued by a provider. */
export const identifierSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256)
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace');

export const emailSchema = z
  .string()
  .max(254)
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters')
  .pipe(z.email('must be a valid email address'));

/** Passwords may hold any printable unicode; policy (length, strength) is the provider's. */
export const passwordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1024)
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters');

export const oneTimeCodeSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .refine((value) => /^[A-Za-z0-9-]+$/.test(value), 'must contain only letters, digits and dashes');

/** Tokens are bounded in size before any parsing: a 1 MB "JWT" is refused cheaply. */
export const tokenSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(16384)
  .refine((value) => /^[\x21-\x7e]+$/.test(value), 'must be printable ASCII without spaces');

export const phoneNumberSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number');

const attributeKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'must be a letter followed by letters, digits, _ . : -')
  .refine((key) => !forbiddenKeys.has(key), 'is a reserved name');

const attributeValueSchema = z.union([textSchema(2048), z.number().finite(), z.boolean(), z.null()]);

/**
 * Refuses objects with own `__proto__`/`constructor`/`prototype` keys (as `JSON.parse`
 * makes them) before the record schema runs, which would otherwise drop them silently:
 * a caller sending them is told, not quietly corrected.
 */
const withoutReservedKeys = z.custom<unknown>(
  (value) =>
    typeof value !== 'object' || value === null || !Object.keys(value).some((key) => forbiddenKeys.has(key)),
  { message: 'must not contain the keys __proto__, constructor or prototype' },
);

export const attributesSchema = withoutReservedKeys.pipe(
  z
    .record(attributeKeySchema, attributeValueSchema)
    .refine((record) => Object.keys(record).length <= 50, 'must have at most 50 entries'),
);

export const providerOptionsSchema = withoutReservedKeys.pipe(
  z.record(attributeKeySchema, withoutReservedKeys.pipe(z.record(attributeKeySchema, z.unknown()))),
);

export const challengeSchema = z.object({
  session: z.string().min(1, 'must not be empty').max(16384),
  expiresAt: z.coerce.date().nullable().optional().default(null),
});

export const scopesSchema = z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/)).max(100);

export const nameFieldSchema = textSchema(256);
