import { z } from 'zod';
import type { OperationName } from '../capabilities/operation-name';
import {
  attributesSchema,
  challengeSchema,
  emailSchema,
  identifierSchema,
  nameFieldSchema,
  oneTimeCodeSchema,
  passwordSchema,
  phoneNumberSchema,
  providerOptionsSchema,
  scopesSchema,
  textSchema,
  tokenSchema,
} from './input-schemas';

/** One positional argument: its name (used as the field name in errors) and schema. */
export interface ArgumentSchema {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly optional?: boolean;
}

const mfaSubject = { userId: identifierSchema, accessToken: tokenSchema.optional() };
const pageOptions = z
  .strictObject({ pageSize: z.number().int().min(1).optional(), cursor: textSchema(4096).min(1).optional() })
  .optional();
const membership = z.strictObject({ groupId: identifierSchema, userId: identifierSchema });

/** A user as `transfer.importUsers` accepts it; the migration engine checks each one alone. */
export const portableUserSchema = z.object({
  sourceId: identifierSchema,
  email: emailSchema,
  emailVerified: z.boolean(),
  phoneNumber: phoneNumberSchema.nullable(),
  givenName: nameFieldSchema.nullable(),
  familyName: nameFieldSchema.nullable(),
  displayName: nameFieldSchema.nullable(),
  enabled: z.boolean(),
  createdAt: z.coerce.date().nullable(),
  attributes: attributesSchema,
  groups: z.array(textSchema(256).min(1)).max(100),
  passwordHash: z
    .object({ algorithm: z.string().min(1).max(64), phc: z.string().min(1).max(4096) })
    .nullable(),
  mfaFactors: z
    .array(
      z.discriminatedUnion('type', [
        z.object({
          type: z.literal('totp'),
          secret: z.string().regex(/^[A-Z2-7]+=*$/i, 'must be base32'),
          label: nameFieldSchema.nullable(),
        }),
        z.object({ type: z.literal('sms'), phoneNumber: phoneNumberSchema }),
        z.object({ type: z.literal('email'), email: emailSchema }),
      ]),
    )
    .max(20),
});

/**
 * Schemas of every operation's arguments. The facade checks them before any adapter code
 * runs, so every adapter answers bad input the same way: INVALID_INPUT naming the field.
 * Objects are strict where a typo would silently drop a setting.
 */
export const operationInputSchemas: Record<OperationName, readonly ArgumentSchema[]> = {
  'auth.signIn': [
    {
      name: 'input',
      schema: z.strictObject({
        email: emailSchema,
        password: passwordSchema,
        scopes: scopesSchema.optional(),
        providerOptions: providerOptionsSchema.optional(),
      }),
    },
  ],
  'auth.completeMfa': [
    {
      name: 'input',
      schema: z.strictObject({
        challenge: challengeSchema,
        factorId: identifierSchema.optional(),
        code: oneTimeCodeSchema,
      }),
    },
  ],
  'auth.completeNewPassword': [
    { name: 'input', schema: z.strictObject({ challenge: challengeSchema, newPassword: passwordSchema }) },
  ],
  'auth.refresh': [{ name: 'input', schema: z.strictObject({ refreshToken: tokenSchema }) }],
  'auth.revoke': [{ name: 'input', schema: z.strictObject({ token: tokenSchema }) }],
  'auth.signOut': [{ name: 'input', schema: z.strictObject({ userId: identifierSchema }) }],
  'auth.signUp': [
    {
      name: 'input',
      schema: z.strictObject({
        email: emailSchema,
        password: passwordSchema,
        givenName: nameFieldSchema.optional(),
        familyName: nameFieldSchema.optional(),
        displayName: nameFieldSchema.optional(),
      }),
    },
  ],
  'auth.confirmSignUp': [
    { name: 'input', schema: z.strictObject({ email: emailSchema, code: oneTimeCodeSchema }) },
  ],
  'mfa.listFactors': [{ name: 'subject', schema: z.strictObject(mfaSubject) }],
  'mfa.enrollTotp': [
    { name: 'input', schema: z.strictObject({ ...mfaSubject, label: nameFieldSchema.min(1).optional() }) },
  ],
  'mfa.confirmEnrollment': [
    {
      name: 'input',
      schema: z.strictObject({ ...mfaSubject, factorId: identifierSchema, code: oneTimeCodeSchema }),
    },
  ],
  'mfa.removeFactor': [
    { name: 'input', schema: z.strictObject({ ...mfaSubject, factorId: identifierSchema }) },
  ],
  'mfa.generateRecoveryCodes': [{ name: 'subject', schema: z.strictObject(mfaSubject) }],
  'users.create': [
    {
      name: 'input',
      schema: z.strictObject({
        email: emailSchema,
        password: passwordSchema.optional(),
        emailVerified: z.boolean().optional(),
        phoneNumber: phoneNumberSchema.optional(),
        givenName: nameFieldSchema.optional(),
        familyName: nameFieldSchema.optional(),
        displayName: nameFieldSchema.optional(),
        attributes: attributesSchema.optional(),
        providerOptions: providerOptionsSchema.optional(),
      }),
    },
  ],
  'users.get': [{ name: 'userId', schema: identifierSchema }],
  'users.findByEmail': [{ name: 'email', schema: emailSchema }],
  'users.update': [
    { name: 'userId', schema: identifierSchema },
    {
      name: 'input',
      schema: z.strictObject({
        email: emailSchema.optional(),
        emailVerified: z.boolean().optional(),
        phoneNumber: phoneNumberSchema.nullable().optional(),
        givenName: nameFieldSchema.nullable().optional(),
        familyName: nameFieldSchema.nullable().optional(),
        displayName: nameFieldSchema.nullable().optional(),
        attributes: attributesSchema.optional(),
        providerOptions: providerOptionsSchema.optional(),
      }),
    },
  ],
  'users.setPassword': [
    { name: 'userId', schema: identifierSchema },
    { name: 'password', schema: passwordSchema },
    { name: 'options', schema: z.strictObject({ temporary: z.boolean().optional() }), optional: true },
  ],
  'users.disable': [{ name: 'userId', schema: identifierSchema }],
  'users.enable': [{ name: 'userId', schema: identifierSchema }],
  'users.delete': [{ name: 'userId', schema: identifierSchema }],
  'users.list': [{ name: 'options', schema: pageOptions, optional: true }],
  'groups.list': [{ name: 'options', schema: pageOptions, optional: true }],
  'groups.create': [
    {
      name: 'input',
      schema: z.strictObject({
        name: textSchema(128)
          .min(1, 'must not be empty')
          .refine((value) => value.trim() === value, 'must not start or end with whitespace'),
        description: textSchema(1024).optional(),
      }),
    },
  ],
  'groups.delete': [{ name: 'groupId', schema: identifierSchema }],
  'groups.addMember': [{ name: 'input', schema: membership }],
  'groups.removeMember': [{ name: 'input', schema: membership }],
  'groups.listForUser': [{ name: 'userId', schema: identifierSchema }],
  'tokens.verifyAccessToken': [{ name: 'token', schema: tokenSchema }],
  'tokens.verifyIdToken': [
    { name: 'token', schema: tokenSchema },
    { name: 'options', schema: z.strictObject({ nonce: textSchema(512).optional() }), optional: true },
  ],
  'transfer.exportUsers': [{ name: 'options', schema: pageOptions, optional: true }],
  'transfer.importUsers': [
    { name: 'users', schema: z.array(portableUserSchema).max(10000) },
    {
      name: 'options',
      schema: z.strictObject({
        onConflict: z.enum(['skip', 'fail']).optional(),
        sendInvitation: z.boolean().optional(),
      }),
      optional: true,
    },
  ],
};
