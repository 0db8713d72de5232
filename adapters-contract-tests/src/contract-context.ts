import { randomUUID } from 'node:crypto';
import { type IdentityProvider, type OperationName, supportsOperation, type User } from '@idport/core';
import { Secret, TOTP } from 'otpauth';
import type { ContractOptions, PeerQuirks } from './contract-options';
import { recordManifest } from './contract-run-recorder';

const noQuirks: PeerQuirks = {
  revokeDoesNotStopRefresh: false,
  disabledUsersCanSignIn: false,
  noPasswordPolicy: false,
  importedHashesNotVerified: false,
  listIgnoresPageSize: false,
  totpReplayAllowed: false,
  groupsNotInTokens: false,
  idTokenAcceptedAsAccessToken: false,
};

/**
 * State shared by the tests of one behaviour group: the provider, unique names, and the
 * users and groups to clean up, so the suite can run against a shared real tenant.
 */
export class ContractContext {
  readonly quirks: PeerQuirks;
  readonly password: string;
  private current: IdentityProvider | undefined;
  private readonly runId = randomUUID().slice(0, 8);
  private counter = 0;
  private readonly createdUsers = new Set<string>();
  private readonly createdGroups = new Set<string>();

  constructor(readonly options: ContractOptions) {
    this.quirks = { ...noQuirks, ...options.quirks };
    this.password = options.password ?? 'Correct-Horse-9-Battery!';
  }

  get provider(): IdentityProvider {
    if (!this.current) throw new Error('the contract provider is not ready (createProvider failed?)');
    return this.current;
  }

  async open(wrap?: (provider: IdentityProvider) => IdentityProvider): Promise<void> {
    const provider = await this.options.createProvider();
    recordManifest(this.options.name, provider.provider, provider.capabilities);
    this.current = wrap ? wrap(provider) : provider;
  }

  async close(): Promise<void> {
    await this.cleanup();
    await this.current?.close();
    this.current = undefined;
  }

  supports(...operations: OperationName[]): boolean {
    return operations.every((operation) => supportsOperation(this.provider.capabilities, operation));
  }

  /** A fresh email under the suite's prefix: `idport-contract-<run>-<n>@example.com`. */
  uniqueEmail(label = 'user'): string {
    this.counter += 1;
    return `${this.options.emailPrefix ?? 'idport-contract'}-${this.runId}-${label}-${this.counter}@example.com`;
  }

  uniqueName(label = 'group'): string {
    this.counter += 1;
    return `idport-contract-${this.runId}-${label}-${this.counter}`;
  }

  /** A password different from the default one that still satisfies common policies. */
  otherPassword(): string {
    return `${this.password}Other-7`;
  }

  track(user: User): User {
    this.createdUsers.add(user.id);
    return user;
  }

  trackGroup(groupId: string): void {
    this.createdGroups.add(groupId);
  }

  /** Creates a user with the suite password, ready to sign in (and to enroll MFA). */
  async createUser(
    fields: { password?: string | null; givenName?: string; email?: string } = {},
  ): Promise<User> {
    const user = this.track(
      await this.provider.users.create({
        email: fields.email ?? this.uniqueEmail(),
        ...(fields.password === null ? {} : { password: fields.password ?? this.password }),
        emailVerified: true,
        ...(fields.givenName ? { givenName: fields.givenName } : {}),
      }),
    );
    return user;
  }

  /** Creates a user, signs in and returns the access token (several vendors enroll MFA with it). */
  async signedInUser(): Promise<{ user: User; accessToken: string }> {
    const user = await this.createUser();
    await this.options.backdoor?.prepareForMfa?.(user.id);
    const result = await this.provider.auth.signIn({ email: user.email as string, password: this.password });
    if (result.status !== 'authenticated') throw new Error(`expected authenticated, got ${result.status}`);
    return { user, accessToken: result.tokens.accessToken };
  }

  /** The TOTP code for `secret`, `stepOffset` periods from now. */
  totp(secret: string, stepOffset = 0): string {
    const totp = new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 });
    return totp.generate({ timestamp: Date.now() + stepOffset * 30_000 });
  }

  async cleanup(): Promise<void> {
    const provider = this.current;
    if (!provider) return;
    for (const groupId of this.createdGroups) {
      await provider.groups.delete(groupId).catch(() => undefined);
    }
    for (const userId of this.createdUsers) {
      await provider.users.delete(userId).catch(async () => {
        await this.options.backdoor?.deleteUser?.(userId).catch(() => undefined);
      });
    }
    this.createdGroups.clear();
    this.createdUsers.clear();
  }
}
