import { secondsUntilReset } from './okta-errors';
import { OktaOAuthError } from './okta-oauth-error';
import type { OktaProviderOptions } from './okta-provider-options';

/** Okta's grant type for answering an MFA challenge with a one-time code (direct authentication). */
export const mfaOtpGrantType = 'http://auth0.com/oauth/grant-type/mfa-otp';

/** The token endpoint's success answer. */
export interface OktaTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly scope?: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
}

/** Thrown (as a value, not an error) when the password grant needs a second factor. */
export interface OktaMfaRequired {
  readonly mfaToken: string;
}

/**
 * Calls the custom authorization server's direct-authentication endpoints (`/v1/token`,
 * `/v1/challenge`, `/v1/revoke`) with client_secret_basic. Written on `fetch` because
 * @okta/okta-auth-js 8 has no password or MFA-OTP grant (see the decision note).
 */
export class OktaOAuthClient {
  readonly issuer: string;
  readonly #options: OktaProviderOptions;

  constructor(options: OktaProviderOptions) {
    this.#options = options;
    this.issuer = `${options.orgUrl.replace(/\/+$/, '')}/oauth2/${encodeURIComponent(options.authorizationServerId)}`;
  }

  async #post(
    path: string,
    form: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const parameters = new URLSearchParams(form);
    if (this.#options.clientSecret !== undefined) {
      const credentials = `${encodeURIComponent(this.#options.clientId)}:${encodeURIComponent(this.#options.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    } else {
      parameters.set('client_id', this.#options.clientId);
    }
    const signal =
      this.#options.requestTimeoutMs > 0 ? AbortSignal.timeout(this.#options.requestTimeoutMs) : undefined;
    const response = await fetch(`${this.issuer}${path}`, {
      method: 'POST',
      headers,
      body: parameters.toString(),
      ...(signal ? { signal } : {}),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    if (!response.ok) {
      const retryAfter =
        response.status === 429
          ? secondsUntilReset(response.headers.get('x-rate-limit-reset'), response.headers.get('date'))
          : undefined;
      if (body.error === 'mfa_required' && typeof body.mfa_token === 'string') {
        return { status: response.status, body };
      }
      throw new OktaOAuthError(
        response.status,
        typeof body.error === 'string' ? body.error : `http_${response.status}`,
        typeof body.error_description === 'string' ? body.error_description : '',
        retryAfter,
      );
    }
    return { status: response.status, body };
  }

  /** Password grant; answers the tokens or the `mfa_token` of an `mfa_required` answer. */
  async passwordGrant(
    username: string,
    password: string,
    scopes: readonly string[],
  ): Promise<OktaTokenResponse | OktaMfaRequired> {
    const { body } = await this.#post('/v1/token', {
      grant_type: 'password',
      username,
      password,
      scope: scopes.join(' '),
      // Tells Okta this client can answer an OTP challenge, so it answers mfa_required.
      grant_types_supported: `password ${mfaOtpGrantType}`,
    });
    if (body.error === 'mfa_required') return { mfaToken: String(body.mfa_token) };
    return body as unknown as OktaTokenResponse;
  }

  /** Asks which challenge to answer; for TOTP Okta answers the MFA-OTP grant type. */
  async challenge(mfaToken: string): Promise<string> {
    const { body } = await this.#post('/v1/challenge', {
      mfa_token: mfaToken,
      challenge_types_supported: mfaOtpGrantType,
    });
    return String(body.challenge_type ?? mfaOtpGrantType);
  }

  async mfaOtpGrant(mfaToken: string, otp: string): Promise<OktaTokenResponse> {
    const { body } = await this.#post('/v1/token', { grant_type: mfaOtpGrantType, mfa_token: mfaToken, otp });
    return body as unknown as OktaTokenResponse;
  }

  async refreshGrant(refreshToken: string): Promise<OktaTokenResponse> {
    const { body } = await this.#post('/v1/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    return body as unknown as OktaTokenResponse;
  }

  /** Revokes an access or refresh token; unknown tokens are a success (RFC 7009). */
  async revoke(token: string): Promise<void> {
    await this.#post('/v1/revoke', { token });
  }
}
