import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeValue, CreateUserInput, UpdateUserInput } from '@idport/core';

/** Standard Cognito attributes that may be written under their own name through `attributes`. */
const standardAttributes = new Set([
  'address',
  'birthdate',
  'gender',
  'locale',
  'middle_name',
  'nickname',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
]);

/** Port attribute key → Cognito attribute name: standard names stay, the rest become `custom:`. */
export function cognitoAttributeName(key: string): string {
  if (key.startsWith('custom:') || standardAttributes.has(key)) return key;
  return `custom:${key}`;
}

/** Cognito stores strings only. */
function asString(value: Exclude<AttributeValue, null>): string {
  return typeof value === 'string' ? value : String(value);
}

/** The attribute changes of a create or update: values to set and names to delete. */
export interface AttributeChanges {
  readonly set: AttributeType[];
  readonly remove: string[];
}

/** Port user fields → Cognito attributes. `null` means delete (updates only). */
export function attributeChanges(input: CreateUserInput | UpdateUserInput): AttributeChanges {
  const set: AttributeType[] = [];
  const remove: string[] = [];
  const put = (name: string, value: AttributeValue | undefined) => {
    if (value === undefined) return;
    if (value === null) remove.push(name);
    else set.push({ Name: name, Value: asString(value) });
  };
  put('email', input.email);
  put('email_verified', input.emailVerified);
  put('phone_number', input.phoneNumber);
  put('given_name', input.givenName);
  put('family_name', input.familyName);
  put('name', input.displayName);
  for (const [key, value] of Object.entries(input.attributes ?? {})) put(cognitoAttributeName(key), value);
  return { set, remove };
}
