import type { KeycloakFailure } from './keycloak-errors';

/** Keycloak's AccessTokenResponse, as the token endpoint returns it. */
export interface KeycloakTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_expires_in?: number;
  refresh_token?: string;
  token_type: string;
  id_token?: string;
  scope?: string;
  session_state?: string;
}

/** An error carrying Keycloak's answer; mapped by `mapKeycloakError`. Holds no request data. */
export class KeycloakHttpError extends Error {
  readonly keycloakFailure: KeycloakFailure;

  constructor(failure: KeycloakFailure) {
    super(`Keycloak answered HTTP ${failure.status}`);
    this.name = 'KeycloakHttpError';
    this.keycloakFailure = failure;
  }
}

/**
 * Calls the realm's OIDC endpoints with `fetch` (the admin client covers only its own
 * sign-in). Client authentication is HTTP Basic for confidential clients (RFC 6749 §2.3.1).
 */
export class KeycloakTokenClient {
  readonly #endpoint: string;
  readonly #clientId: string;
  readonly #clientSecret: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: {
    baseUrl: string;
    realm: string;
    clientId: string;
    clientSecret?: string;
    timeoutMs: number;
  }) {
    this.#endpoint = `${options.baseUrl.replace(/\/$/, '')}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect`;
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#timeoutMs = options.timeoutMs;
  }

  async #post(path: string, form: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const fields = { ...form, client_id: this.#clientId };
    if (this.#clientSecret !== undefined) {
      const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${encode(this.#clientId)}:${encode(this.#clientSecret)}`).toString('base64')}`;
    }
    const response = await fetch(`${this.#endpoint}/${path}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON bodies (proxies) are kept as text.
    }
    if (!response.ok) {
      throw new KeycloakHttpError({
        status: response.status,
        body,
        retryAfter: response.headers.get('retry-after'),
      });
    }
    return { status: response.status, body };
  }

  /** Resource owner password grant; `totp` is Keycloak's field for the OTP of the direct grant flow. */
  async password(input: {
    username: string;
    password: string;
    totp?: string;
    scope: string;
  }): Promise<KeycloakTokenResponse> {
    const form: Record<string, string> = {
      grant_type: 'password',
      username: input.username,
      password: input.password,
      scope: input.scope,
    };
    if (input.totp !== undefined) form.totp = input.totp;
    return (await this.#post('token', form)).body as KeycloakTokenResponse;
  }

  /** Service-account token (confidential client with "Service accounts roles" on). */
  async clientCredentials(): Promise<KeycloakTokenResponse> {
    return (await this.#post('token', { grant_type: 'client_credentials' })).body as KeycloakTokenResponse;
  }

  async refresh(refreshToken: string): Promise<KeycloakTokenResponse> {
    return (await this.#post('token', { grant_type: 'refresh_token', refresh_token: refreshToken }))
      .body as KeycloakTokenResponse;
  }

  /** RFC 7009 revocation; Keycloak ends the session of a revoked refresh token. */
  async revoke(token: string): Promise<void> {
    await this.#post('revoke', { token });
  }
}
