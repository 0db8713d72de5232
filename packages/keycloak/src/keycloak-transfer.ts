import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IdentityError,
  type ImportOutcome,
  type PageIterable,
  type PortableMfaFactor,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { KeycloakContext } from './keycloak-context';
import { fromPortableHash, toPortableHash } from './keycloak-hash-formats';
import { totpCredentialData } from './keycloak-mfa';
import { decodeBase32, encodeBase32 } from './keycloak-totp';
import { keycloakDefaultPageSize } from './keycloak-users';
import { mapKeycloakUser, reservedAttributes, toPortAttributes } from './map-keycloak-user';
import { decodeUsersCursor, encodeUsersCursor, pageFromWindow } from './users-cursor';

/** Users per partialImport call. Keycloak imports a call in one transaction; 500 keeps it short. */
export const keycloakImportBatch = 500;

interface ExportedCredential {
  type?: string;
  userLabel?: string;
  secretData?: string;
  credentialData?: string;
}

/** TOTP secrets of exported OTP credentials, as base32 (Keycloak stores raw or BASE32-encoded). */
function exportedFactors(credentials: readonly ExportedCredential[]): PortableMfaFactor[] {
  const factors: PortableMfaFactor[] = [];
  for (const credential of credentials) {
    if (credential.type !== 'otp' || !credential.secretData || !credential.credentialData) continue;
    try {
      const secret = (JSON.parse(credential.secretData) as { value?: string }).value;
      const data = JSON.parse(credential.credentialData) as Record<string, unknown>;
      if (typeof secret !== 'string' || data.subType === 'hotp') continue;
      if (data.algorithm !== undefined && data.algorithm !== 'HmacSHA1') continue;
      const base32 = data.secretEncoding === 'BASE32' ? secret : encodeBase32(Buffer.from(secret, 'utf8'));
      factors.push({ type: 'totp', secret: base32, label: credential.userLabel ?? null });
    } catch {
      // An unreadable credential is left out rather than exported wrong.
    }
  }
  return factors;
}

function portableFrom(
  user: UserRepresentation,
  groups: string[],
  credentials: readonly ExportedCredential[],
): PortableUser {
  const mapped = mapKeycloakUser(user);
  const password = credentials.find((credential) => credential.type === 'password');
  return {
    sourceId: mapped.id,
    email: mapped.email ?? '',
    emailVerified: mapped.emailVerified,
    phoneNumber: mapped.phoneNumber,
    givenName: mapped.givenName,
    familyName: mapped.familyName,
    displayName: mapped.displayName,
    enabled: mapped.enabled,
    createdAt: mapped.createdAt,
    attributes: toPortAttributes(user.attributes as Record<string, unknown> | undefined),
    groups,
    passwordHash:
      password?.secretData && password.credentialData
        ? toPortableHash({ secretData: password.secretData, credentialData: password.credentialData })
        : null,
    mfaFactors: exportedFactors(credentials),
  };
}

/** Reads users from a `kc.sh export` file, or a folder of `<realm>-users-N.json` files. */
async function readRealmExport(path: string, realm: string): Promise<UserRepresentation[]> {
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path))
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(path, name))
    : [path];
  const users: UserRepresentation[] = [];
  for (const file of files) {
    const document = JSON.parse(await readFile(file, 'utf8')) as {
      realm?: string;
      users?: UserRepresentation[];
    };
    if (document.realm !== undefined && document.realm !== realm) continue;
    users.push(...(document.users ?? []));
  }
  return users.filter((user) => !(user as { serviceAccountClientId?: string }).serviceAccountClientId);
}

/** Export (admin API, or a realm export for hashes and OTP secrets) and import through partialImport. */
export function keycloakTransfer(context: KeycloakContext): Partial<TransferOperations> {
  const exportFromFile = (pageSize: number, cursor: string | null): PageIterable<PortableUser> => {
    const path = context.options.realmExportPath as string;
    // Read once per export run, so a fresh `kc.sh export` is picked up by the next run.
    let exportFile: Promise<UserRepresentation[]> | null = null;
    return paginate(async (cursorText) => {
      exportFile ??= readRealmExport(path, context.options.realm).catch((error: unknown) => {
        throw new IdentityError({
          code: 'CONFIGURATION_ERROR',
          provider: 'keycloak',
          field: 'realmExportPath',
          message: 'The realm export could not be read',
          cause: error,
        });
      });
      const users = await exportFile;
      const offset = decodeUsersCursor(cursorText).offset;
      const slice = users.slice(offset, offset + pageSize);
      return {
        items: slice.map((user) =>
          portableFrom(
            user,
            (user.groups ?? []).map((path) => path.split('/').pop() ?? path),
            (user.credentials ?? []) as ExportedCredential[],
          ),
        ),
        nextCursor:
          offset + slice.length < users.length
            ? encodeUsersCursor({
                offset: offset + slice.length,
                lastUsername: slice[slice.length - 1]?.username ?? null,
              })
            : null,
      };
    }, cursor);
  };

  const exportFromApi = (pageSize: number, start: string | null): PageIterable<PortableUser> =>
    paginate(async (cursorText) => {
      const cursor = decodeUsersCursor(cursorText);
      const windowStart = Math.max(0, cursor.offset - pageSize);
      const requested = pageSize * 2 + 1;
      const window = await context.admin('user', (client) =>
        client.users.find({ first: windowStart, max: requested, briefRepresentation: false }),
      );
      const { items, nextCursor } = pageFromWindow(window, windowStart, requested, cursor, pageSize);
      const portable: PortableUser[] = [];
      for (const user of items) {
        const groups = await context.admin('user', (client) =>
          client.users.listGroups({ id: String(user.id), briefRepresentation: true }),
        );
        // The admin API never returns secretData: no hash, no OTP secret from this path.
        portable.push(
          portableFrom(
            user,
            groups.map((group) => String(group.name)),
            [],
          ),
        );
      }
      return { items: portable, nextCursor: nextCursor ? encodeUsersCursor(nextCursor) : null };
    }, start);

  return {
    exportUsers(options) {
      const pageSize = options?.pageSize ?? keycloakDefaultPageSize;
      const cursor = options?.cursor ?? null;
      if (cursor !== null) decodeUsersCursor(cursor);
      return context.options.realmExportPath
        ? exportFromFile(pageSize, cursor)
        : exportFromApi(pageSize, cursor);
    },

    async importUsers(users, options) {
      const onConflict = options?.onConflict ?? 'skip';
      const outcomes: ImportOutcome[] = [];
      const existingGroups = new Set<string>();
      for (let first = 0; ; first += 100) {
        const page = await context.admin('group', (client) =>
          client.groups.find({ first, max: 100, briefRepresentation: true }),
        );
        for (const group of page) existingGroups.add(String(group.name));
        if (page.length < 100) break;
      }
      for (let offset = 0; offset < users.length; offset += keycloakImportBatch) {
        const batch = users.slice(offset, offset + keycloakImportBatch);
        const prepared = batch.map((user) => {
          const warnings: string[] = [];
          if (options?.sendInvitation) warnings.push('Keycloak partial import sends no invitation email');
          const credentials: Record<string, unknown>[] = [];
          let passwordImported = false;
          if (user.passwordHash) {
            const converted = fromPortableHash(user.passwordHash);
            if ('reason' in converted) warnings.push(`${user.passwordHash.algorithm}: ${converted.reason}`);
            else {
              credentials.push({ type: 'password', ...converted });
              passwordImported = true;
            }
          }
          let factorsImported = 0;
          for (const factor of user.mfaFactors) {
            if (factor.type !== 'totp') {
              warnings.push(`${factor.type} factors cannot be imported into Keycloak`);
              continue;
            }
            if (!decodeBase32(factor.secret)) {
              warnings.push('a TOTP secret is not valid base32 and was not imported');
              continue;
            }
            credentials.push({
              type: 'otp',
              ...(factor.label === null ? {} : { userLabel: factor.label }),
              secretData: JSON.stringify({ value: factor.secret.replace(/=+$/, '').toUpperCase() }),
              credentialData: totpCredentialData,
            });
            factorsImported += 1;
          }
          const attributes: Record<string, string[]> = {};
          for (const [key, value] of Object.entries(user.attributes)) {
            if (value !== null) attributes[key] = [String(value)];
          }
          if (user.displayName) attributes[reservedAttributes.displayName] = [user.displayName];
          if (user.phoneNumber) attributes[reservedAttributes.phoneNumber] = [user.phoneNumber];
          const groups = user.groups.filter((name) => {
            if (existingGroups.has(name)) return true;
            warnings.push(`group "${name}" does not exist in the realm; membership not imported`);
            return false;
          });
          const representation: Record<string, unknown> = {
            username: user.email.toLowerCase(),
            email: user.email.toLowerCase(),
            emailVerified: user.emailVerified,
            enabled: user.enabled,
            attributes,
            credentials,
            groups: groups.map((name) => `/${name}`),
          };
          if (user.givenName) representation.firstName = user.givenName;
          if (user.familyName) representation.lastName = user.familyName;
          if (user.createdAt) representation.createdTimestamp = user.createdAt.getTime();
          return { user, representation, warnings, passwordImported, factorsImported };
        });
        // SKIP keeps existing users untouched and reports them, so `onConflict: 'fail'` can be
        // reported per user instead of Keycloak's FAIL aborting the whole batch.
        const result = (await context.admin('user', (client) =>
          client.realms.partialImport({
            realm: context.options.realm,
            rep: { ifResourceExists: 'SKIP', users: prepared.map((item) => item.representation) } as never,
          }),
        )) as { results?: { action: string; resourceType: string; resourceName: string; id?: string }[] };
        const byUsername = new Map(
          (result.results ?? [])
            .filter((entry) => entry.resourceType === 'USER')
            .map((entry) => [entry.resourceName.toLowerCase(), entry]),
        );
        for (const item of prepared) {
          const entry = byUsername.get(item.user.email.toLowerCase());
          if (entry?.action === 'ADDED' || entry?.action === 'OVERWRITTEN') {
            outcomes.push({
              sourceId: item.user.sourceId,
              status: 'created',
              userId: entry.id ?? null,
              passwordImported: item.passwordImported,
              factorsImported: item.factorsImported,
              errorCode: null,
              warnings: item.warnings,
            });
          } else {
            const failed = onConflict === 'fail' || !entry;
            outcomes.push({
              sourceId: item.user.sourceId,
              status: failed ? 'failed' : 'skipped',
              userId: entry?.id ?? null,
              passwordImported: false,
              factorsImported: 0,
              errorCode: entry ? (failed ? 'USER_ALREADY_EXISTS' : null) : 'PROVIDER_ERROR',
              warnings: item.warnings,
            });
          }
        }
      }
      return outcomes;
    },
  };
}
