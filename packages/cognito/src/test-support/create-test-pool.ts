import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** A pool and app client made for one test run. */
export interface TestPool {
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Creates a pool (optional TOTP MFA, `custom:plan` and `custom:seats` attributes, as the contract suite writes) and an app client allowing
 * the password flows and refresh, through the real AWS SDK.
 */
export async function createTestPool(endpoint: string, name: string): Promise<TestPool> {
  const client = new CognitoIdentityProviderClient({
    region: 'local',
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' },
  });
  try {
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: name,
        Schema: [
          { Name: 'plan', AttributeDataType: 'String', Mutable: true },
          { Name: 'seats', AttributeDataType: 'String', Mutable: true },
        ],
      }),
    );
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local returned no pool id');
    await client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const appClient = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: `${name}-client`,
        ExplicitAuthFlows: [
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ],
        EnableTokenRevocation: true,
      }),
    );
    const clientId = appClient.UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local returned no client id');
    return { endpoint, userPoolId, clientId };
  } finally {
    client.destroy();
  }
}
