import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  GetUserCommand,
  type GetUserCommandOutput,
  ListUsersCommand,
  type ListUsersCommandOutput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CreateUserInput,
  IdentityError,
  type Page,
  paginate,
  type UpdateUserInput,
  type User,
} from '@idport/core';
import { attributeChanges } from './cognito-attributes';
import type { CognitoContext } from './cognito-context';
import { cognitoPageLimit, fillPage } from './fill-page';
import { mapCognitoUser } from './map-cognito-user';
import { normalizeEmail } from './normalize-email';
import { randomPassword } from './random-password';

/** Cognito-specific knobs of `users.create`, under `providerOptions.cognito`. */
interface CognitoCreateOptions {
  /** Send Cognito's invitation message. Off by default: no email storms. */
  sendInvitation: boolean;
}

function createOptions(input: CreateUserInput): CognitoCreateOptions {
  const raw = input.providerOptions?.cognito ?? {};
  for (const key of Object.keys(raw)) {
    if (key !== 'sendInvitation') {
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'cognito',
        field: `providerOptions.cognito.${key}`,
        message: `Invalid input to users.create: providerOptions.cognito.${key} is not a Cognito option`,
      });
    }
  }
  if (raw.sendInvitation !== undefined && typeof raw.sendInvitation !== 'boolean') {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'cognito',
      field: 'providerOptions.cognito.sendInvitation',
      message: 'Invalid input to users.create: providerOptions.cognito.sendInvitation must be a boolean',
    });
  }
  return { sendInvitation: raw.sendInvitation === true };
}

/** Escapes a value for a ListUsers filter string (`email = "..."`). */
export function filterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** User management on Cognito's admin API. Users are addressed by `sub`, which Cognito accepts as Username. */
export function createCognitoUsers(context: CognitoContext) {
  const { settings } = context;
  const pool = { UserPoolId: settings.userPoolId };

  async function getRecord(userId: string): Promise<AdminGetUserCommandOutput> {
    return context.send<AdminGetUserCommandOutput>(
      new AdminGetUserCommand({ ...pool, Username: userId }),
      'user',
    );
  }

  async function get(userId: string): Promise<User> {
    return mapCognitoUser(await getRecord(userId));
  }

  async function setPassword(userId: string, password: string, options?: { temporary?: boolean }) {
    await context.send(
      new AdminSetUserPasswordCommand({
        ...pool,
        Username: userId,
        Password: password,
        Permanent: options?.temporary !== true,
      }),
      'user',
    );
  }

  async function remove(userId: string): Promise<void> {
    await context.send(new AdminDeleteUserCommand({ ...pool, Username: userId }), 'user');
  }

  async function listPage(pageSize: number, cursor: string | null, filter?: string): Promise<Page<UserType>> {
    return fillPage(pageSize, cursor, async (limit, token) => {
      const output = await context.send<ListUsersCommandOutput>(
        new ListUsersCommand({ ...pool, Limit: limit, PaginationToken: token, Filter: filter }),
        'user',
      );
      return { items: output.Users ?? [], token: output.PaginationToken };
    });
  }

  async function findOne(email: string): Promise<UserType | undefined> {
    const page = await listPage(2, null, `email = ${filterValue(email)}`);
    return page.items.find(
      (user) => user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value === email,
    );
  }

  /** Lower case first (how idport writes emails), then as given (users created elsewhere). */
  async function findByEmail(email: string): Promise<User | null> {
    const normalized = normalizeEmail(email);
    const found = (await findOne(normalized)) ?? (normalized === email ? undefined : await findOne(email));
    return found ? mapCognitoUser(found) : null;
  }

  return {
    get,
    setPassword,
    delete: remove,
    listPage,

    /** The signed-in user, read with their own token: GetUser needs no IAM permission. */
    async userFromAccessToken(accessToken: string): Promise<User> {
      const output = await context.send<GetUserCommandOutput>(
        new GetUserCommand({ AccessToken: accessToken }),
        'enrollment',
      );
      // Only enabled users get tokens, and GetUser does not report the flag.
      return mapCognitoUser({ ...output, Enabled: true });
    },

    async create(input: CreateUserInput): Promise<User> {
      const options = createOptions(input);
      if (options.sendInvitation && input.password !== undefined) {
        throw new IdentityError({
          code: 'INVALID_INPUT',
          provider: 'cognito',
          field: 'providerOptions.cognito.sendInvitation',
          message:
            'Invalid input to users.create: the Cognito invitation mails a temporary password; omit password',
        });
      }
      const email = normalizeEmail(input.email);
      const { set } = attributeChanges({ ...input, email, password: undefined });
      // With an invitation Cognito makes and mails the temporary password. Otherwise the
      // caller's password is checked against the policy here, before the user exists, or a
      // password nobody knows stands in for a missing one.
      const password = options.sendInvitation ? undefined : (input.password ?? randomPassword());
      const output = await context.send<{ User?: UserType }>(
        new AdminCreateUserCommand({
          ...pool,
          Username: email,
          UserAttributes: set,
          TemporaryPassword: password,
          MessageAction: options.sendInvitation ? undefined : 'SUPPRESS',
          DesiredDeliveryMediums: options.sendInvitation ? ['EMAIL'] : undefined,
        }),
        'user',
      );
      const created = mapCognitoUser(output.User ?? {});
      if (password !== undefined) {
        // Confirm the user with a permanent password. Left in FORCE_CHANGE_PASSWORD, a user
        // without a password would be offered NEW_PASSWORD_REQUIRED for any password by
        // cognito-local, and could not use "forgot password" on real Cognito.
        try {
          await setPassword(created.id, password);
        } catch (error) {
          // Never leave a half-created user behind a failed create.
          await remove(created.id).catch(() => undefined);
          throw error;
        }
      }
      return get(created.id);
    },

    findByEmail,

    async update(userId: string, input: UpdateUserInput): Promise<User> {
      // Read first: it answers USER_NOT_FOUND the same way on every peer (cognito-local
      // answers NotAuthorizedException to attribute writes for unknown users).
      await getRecord(userId);
      const email = input.email === undefined ? undefined : normalizeEmail(input.email);
      if (email !== undefined) {
        // Real pools with email usernames refuse a taken email (AliasExistsException); pools
        // with plain usernames and cognito-local would accept a duplicate, which would make
        // findByEmail ambiguous. Checked here for every pool (a race can still slip through).
        const holder = await findByEmail(email);
        if (holder && holder.id !== userId) {
          throw new IdentityError({
            code: 'USER_ALREADY_EXISTS',
            provider: 'cognito',
            message: 'A user with this email or username exists',
          });
        }
      }
      const { set, remove: names } = attributeChanges({ ...input, email });
      if (set.length > 0) {
        await context.send(
          new AdminUpdateUserAttributesCommand({ ...pool, Username: userId, UserAttributes: set }),
          'user',
        );
      }
      if (names.length > 0) {
        await context.send(
          new AdminDeleteUserAttributesCommand({ ...pool, Username: userId, UserAttributeNames: names }),
          'user',
        );
      }
      return get(userId);
    },

    async disable(userId: string) {
      await context.send(new AdminDisableUserCommand({ ...pool, Username: userId }), 'user');
    },

    async enable(userId: string) {
      await context.send(new AdminEnableUserCommand({ ...pool, Username: userId }), 'user');
    },

    list(options?: { pageSize?: number; cursor?: string }) {
      const pageSize = options?.pageSize ?? cognitoPageLimit;
      return paginate<User>(async (cursor) => {
        const page = await listPage(pageSize, cursor);
        return { items: page.items.map(mapCognitoUser), nextCursor: page.nextCursor };
      }, options?.cursor ?? null);
    },
  };
}

/** The users group as built by {@link createCognitoUsers}. */
export type CognitoUsers = ReturnType<typeof createCognitoUsers>;
