import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminListGroupsForUserCommand,
  type AdminListGroupsForUserCommandOutput,
  AdminSetUserPasswordCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type GroupOperations,
  IdentityError,
  type ImportOutcome,
  type ImportUsersOptions,
  type PortableMfaFactor,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import { attributeChanges } from './cognito-attributes';
import type { CognitoContext } from './cognito-context';
import type { CognitoUsers } from './cognito-users';
import { cognitoPageLimit } from './fill-page';
import { attributesOf, mapCognitoUser } from './map-cognito-user';
import { normalizeEmail } from './normalize-email';
import { randomPassword } from './random-password';

/** Users imported at once; AdminCreateUser shares a 50 requests/s quota per account and Region. */
const importConcurrency = 4;

/**
 * Export and import of users. Cognito never reveals password hashes or TOTP secrets, so
 * exported users carry neither; imports go through AdminCreateUser with the invitation
 * suppressed, and every imported user needs a password reset (Cognito cannot take a hash
 * through this API).
 */
export function createCognitoTransfer(
  context: CognitoContext,
  users: CognitoUsers,
  groups: Pick<GroupOperations, 'create'>,
): TransferOperations {
  const pool = { UserPoolId: context.settings.userPoolId };

  async function toPortable(listed: UserType): Promise<PortableUser> {
    const user = mapCognitoUser(listed);
    // ListUsers has no MFA settings nor groups: one read each per user.
    const detail = await context.send<AdminGetUserCommandOutput>(
      new AdminGetUserCommand({ ...pool, Username: user.id }),
      'user',
    );
    const groups: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await context.send<AdminListGroupsForUserCommandOutput>(
        new AdminListGroupsForUserCommand({
          ...pool,
          Username: detail.Username ?? user.id,
          Limit: 60,
          NextToken: nextToken,
        }),
        'group',
      );
      for (const group of page.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
      nextToken = page.NextToken;
    } while (nextToken);
    const attributes = attributesOf(detail);
    const mfaFactors: PortableMfaFactor[] = [];
    for (const setting of detail.UserMFASettingList ?? []) {
      if (setting === 'SMS_MFA' && attributes.phone_number) {
        mfaFactors.push({ type: 'sms', phoneNumber: attributes.phone_number });
      } else if (setting === 'EMAIL_OTP' && attributes.email) {
        mfaFactors.push({ type: 'email', email: attributes.email });
      }
      // SOFTWARE_TOKEN_MFA: Cognito never reveals the secret (manifest: totpSecrets.exportable false).
    }
    return {
      sourceId: user.id,
      email: user.email ?? '',
      emailVerified: user.emailVerified,
      phoneNumber: user.phoneNumber,
      givenName: user.givenName,
      familyName: user.familyName,
      displayName: user.displayName,
      enabled: user.enabled,
      createdAt: user.createdAt,
      attributes: user.attributes,
      groups,
      passwordHash: null,
      mfaFactors,
    };
  }

  /** Creates each missing group once per import, even with several workers asking at once. */
  function ensureGroup(name: string, known: Map<string, Promise<void>>): Promise<void> {
    let pending = known.get(name);
    if (!pending) {
      pending = groups.create({ name }).then(
        () => undefined,
        (error: unknown) => {
          if (IdentityError.isInstance(error) && error.code === 'GROUP_ALREADY_EXISTS') return;
          known.delete(name);
          throw error;
        },
      );
      known.set(name, pending);
    }
    return pending;
  }

  async function importOne(
    user: PortableUser,
    options: ImportUsersOptions | undefined,
    knownGroups: Map<string, Promise<void>>,
  ): Promise<ImportOutcome> {
    const warnings: string[] = [];
    if (user.passwordHash) {
      warnings.push(
        `password hash (${user.passwordHash.algorithm}) not imported: Cognito AdminCreateUser takes no hashes`,
      );
    }
    if (user.mfaFactors.length > 0) {
      const types = [...new Set(user.mfaFactors.map((factor) => factor.type))].join(', ');
      warnings.push(`MFA factors (${types}) not imported: Cognito takes no factor secrets`);
    }
    // Attributes the pool does not define (no such custom attribute) fail the whole user;
    // only the profile fields are sent, plus the custom attributes the caller chose to carry.
    const email = normalizeEmail(user.email);
    const { set } = attributeChanges({
      email,
      emailVerified: user.emailVerified,
      phoneNumber: user.phoneNumber ?? undefined,
      givenName: user.givenName ?? undefined,
      familyName: user.familyName ?? undefined,
      displayName: user.displayName ?? undefined,
      attributes: user.attributes,
    });
    let userId: string;
    try {
      const output = await context.send<{ User?: UserType }>(
        new AdminCreateUserCommand({
          ...pool,
          Username: email,
          UserAttributes: set,
          TemporaryPassword: randomPassword(),
          MessageAction: options?.sendInvitation ? undefined : 'SUPPRESS',
          DesiredDeliveryMediums: options?.sendInvitation ? ['EMAIL'] : undefined,
        }),
        'user',
      );
      userId = mapCognitoUser(output.User ?? {}).id;
    } catch (error) {
      const identityError = IdentityError.isInstance(error) ? error : undefined;
      if (identityError?.code === 'USER_ALREADY_EXISTS' && (options?.onConflict ?? 'skip') === 'skip') {
        const existing = await users.findByEmail(email);
        return outcome(user, 'skipped', existing?.id ?? null, null, ['a user with this email exists']);
      }
      return outcome(user, 'failed', null, identityError?.code ?? 'PROVIDER_ERROR', warnings);
    }
    try {
      if (!options?.sendInvitation) {
        // A confirmed user with an unknown password can use "forgot password"; a user left in
        // FORCE_CHANGE_PASSWORD with a suppressed invitation could never sign in.
        await context.send(
          new AdminSetUserPasswordCommand({
            ...pool,
            Username: userId,
            Password: randomPassword(),
            Permanent: true,
          }),
          'user',
        );
        warnings.push('password reset required');
      }
      for (const group of user.groups) {
        await ensureGroup(group, knownGroups);
        await context.send(
          new AdminAddUserToGroupCommand({ ...pool, GroupName: group, Username: userId }),
          'group',
        );
      }
      if (!user.enabled)
        await context.send(new AdminDisableUserCommand({ ...pool, Username: userId }), 'user');
    } catch (error) {
      const code = IdentityError.isInstance(error) ? error.code : 'PROVIDER_ERROR';
      return outcome(user, 'failed', userId, code, [...warnings, 'user created but not completed']);
    }
    return outcome(user, 'created', userId, null, warnings);
  }

  return {
    exportUsers(options) {
      const pageSize = options?.pageSize ?? cognitoPageLimit;
      return paginate<PortableUser>(async (cursor) => {
        const page = await users.listPage(pageSize, cursor);
        const items: PortableUser[] = [];
        for (const listed of page.items) items.push(await toPortable(listed));
        return { items, nextCursor: page.nextCursor };
      }, options?.cursor ?? null);
    },

    async importUsers(portableUsers, options) {
      const results: ImportOutcome[] = new Array(portableUsers.length);
      const knownGroups = new Map<string, Promise<void>>();
      let next = 0;
      const worker = async () => {
        while (next < portableUsers.length) {
          const index = next++;
          results[index] = await importOne(portableUsers[index]!, options, knownGroups);
        }
      };
      await Promise.all(Array.from({ length: Math.min(importConcurrency, portableUsers.length) }, worker));
      return results;
    },
  };
}

function outcome(
  user: PortableUser,
  status: ImportOutcome['status'],
  userId: string | null,
  errorCode: string | null,
  warnings: string[],
): ImportOutcome {
  return {
    sourceId: user.sourceId,
    status,
    userId,
    passwordImported: false,
    factorsImported: 0,
    errorCode,
    warnings,
  };
}
