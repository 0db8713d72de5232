import type { TokenVerifier } from '@idport/core';
import type { Database } from 'better-sqlite3';
import type { LocalProviderOptions } from './local-provider-options';
import type { SigningKeys } from './signing-keys';

/** What every operation group of the embedded provider shares. */
export interface LocalContext {
  readonly database: Database;
  readonly options: LocalProviderOptions;
  readonly now: () => Date;
  readonly keys: SigningKeys;
  readonly verifier: TokenVerifier;
  /** A hash of a random password with the configured cost, verified for unknown emails. */
  readonly dummyPasswordHash: Promise<string>;
}

/** Row of the `users` table. */
export interface UserRow {
  seq: number;
  id: string;
  email: string;
  email_verified: number;
  phone_number: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  attributes: string;
  enabled: number;
  confirmed: number;
  password_hash: string | null;
  password_change_required: number;
  created_at: number;
  updated_at: number;
}
