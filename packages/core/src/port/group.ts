/** A group (Cognito group, Okta group, Keycloak group, Auth0 role, Firebase custom-claim group). */
export interface Group {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly raw: unknown;
}

/** Input of `groups.create`. */
export interface CreateGroupInput {
  name: string;
  description?: string;
}
