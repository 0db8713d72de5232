import type { AttributeType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue, User } from '@idport/core';

/** What the user-returning Cognito calls have in common (AdminGetUser, ListUsers, GetUser). */
export interface CognitoUserRecord {
  Username?: string;
  Attributes?: AttributeType[];
  UserAttributes?: AttributeType[];
  Enabled?: boolean;
  UserStatus?: string;
  UserCreateDate?: Date;
  UserLastModifiedDate?: Date;
  UserMFASettingList?: string[];
  PreferredMfaSetting?: string;
  MFAOptions?: UserType['MFAOptions'];
}

/**
 * Attributes with a field of their own in {@link User}, or that Cognito manages itself
 * (verification flags, linked identities): not repeated in `attributes`, so an exported
 * user can be imported again without writing attributes no pool accepts.
 */
const mappedAttributes = new Set([
  'sub',
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'given_name',
  'family_name',
  'name',
  'identities',
]);

/** Cognito attribute list → name/value record. */
export function attributeRecord(attributes: readonly AttributeType[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const attribute of attributes ?? []) {
    if (attribute.Name !== undefined && attribute.Value !== undefined)
      record[attribute.Name] = attribute.Value;
  }
  return record;
}

/** The attributes of a record, whichever field the call used. */
export function attributesOf(record: CognitoUserRecord): Record<string, string> {
  return attributeRecord(record.UserAttributes ?? record.Attributes);
}

/**
 * Cognito user → port {@link User}. The id is the `sub` (stable, never reused); custom
 * attributes lose their `custom:` prefix; other standard attributes (locale, address, ...)
 * keep their names. Cognito stores every attribute as a string, so values come back as strings.
 */
export function mapCognitoUser(record: CognitoUserRecord): User {
  const attributes = attributesOf(record);
  const extra: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (mappedAttributes.has(name)) continue;
    extra[name.startsWith('custom:') ? name.slice('custom:'.length) : name] = value;
  }
  const id = attributes.sub ?? record.Username;
  if (!id) throw new TypeError('Cognito user without sub or Username');
  return {
    id,
    email: attributes.email ?? null,
    emailVerified: attributes.email_verified === 'true',
    phoneNumber: attributes.phone_number ?? null,
    givenName: attributes.given_name ?? null,
    familyName: attributes.family_name ?? null,
    displayName: attributes.name ?? null,
    enabled: record.Enabled ?? true,
    createdAt: record.UserCreateDate ?? null,
    updatedAt: record.UserLastModifiedDate ?? null,
    attributes: extra,
    raw: record,
  };
}
