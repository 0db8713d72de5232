import { randomUUID } from 'node:crypto';
import type { TokenSet } from '@idport/core';
import { SignJWT } from 'jose';
import type { LocalContext, UserRow } from './local-context';
import { localError } from './local-errors';
import { digest, randomToken } from './random-token';
import { signingAlgorithm } from './signing-keys';

const scopes = ['openid', 'profile', 'email'];

/**
 * Sessions and the tokens bound to them. A session is one sign-in; its refresh tokens form
 * a rotation family. Presenting a refresh token that was already used revokes the whole
 * family (OAuth 2.0 Security BCP §4.14): a stolen token cannot outlive the next refresh.
 */
export class LocalSessions {
  constructor(private readonly context: LocalContext) {}

  private groupNames(userId: string): string[] {
    const rows = this.context.database
      .prepare(
        'SELECT g.name FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name',
      )
      .all(userId) as { name: string }[];
    return rows.map((row) => row.name);
  }

  private async sign(claims: Record<string, unknown>, subject: string, ttlSeconds: number): Promise<string> {
    const { kid, key } = await this.context.keys.activeKey();
    const issuedAt = Math.floor(this.context.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: signingAlgorithm, kid, typ: 'JWT' })
      .setIssuer(this.context.options.issuer)
      .setAudience(this.context.options.audience)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .setJti(randomUUID())
      .sign(key);
  }

  private async issue(user: UserRow, sessionId: string, refreshToken: string): Promise<TokenSet> {
    const ttl = this.context.options.accessTokenTtlSeconds;
    const groups = this.groupNames(user.id);
    const accessToken = await this.sign(
      { token_use: 'access', sid: sessionId, scope: scopes.join(' '), groups },
      user.id,
      ttl,
    );
    const idToken = await this.sign(
      {
        token_use: 'id',
        sid: sessionId,
        email: user.email,
        email_verified: user.email_verified === 1,
        name: user.display_name ?? undefined,
        given_name: user.given_name ?? undefined,
        family_name: user.family_name ?? undefined,
        groups,
      },
      user.id,
      ttl,
    );
    return {
      accessToken,
      idToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresAt: new Date(this.context.now().getTime() + ttl * 1000),
      scopes,
    };
  }

  private storeRefreshToken(sessionId: string): string {
    const token = randomToken();
    const expiresAt = this.context.now().getTime() + this.context.options.refreshTokenTtlSeconds * 1000;
    this.context.database
      .prepare('INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)')
      .run(digest(token), sessionId, expiresAt);
    return token;
  }

  /** Starts a session for a user who passed every factor. */
  async start(user: UserRow): Promise<TokenSet> {
    const sessionId = randomUUID();
    const refreshToken = this.context.database.transaction(() => {
      this.context.database
        .prepare('INSERT INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)')
        .run(sessionId, user.id, this.context.now().getTime());
      return this.storeRefreshToken(sessionId);
    })();
    return this.issue(user, sessionId, refreshToken);
  }

  /** Rotates a refresh token; reuse of a spent one revokes its session. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const { database, now } = this.context;
    const outcome = database.transaction(() => {
      const row = database
        .prepare(
          `SELECT r.session_id, r.expires_at, r.used_at, s.revoked_at, s.user_id
             FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = ?`,
        )
        .get(digest(refreshToken)) as
        | {
            session_id: string;
            expires_at: number;
            used_at: number | null;
            revoked_at: number | null;
            user_id: string;
          }
        | undefined;
      if (!row || row.revoked_at !== null) return { error: 'TOKEN_INVALID' as const };
      if (row.used_at !== null) {
        database
          .prepare('UPDATE sessions SET revoked_at = ? WHERE id = ?')
          .run(now().getTime(), row.session_id);
        return { error: 'REUSED' as const };
      }
      if (row.expires_at <= now().getTime()) return { error: 'TOKEN_EXPIRED' as const };
      const user = database.prepare('SELECT * FROM users WHERE id = ?').get(row.user_id) as
        | UserRow
        | undefined;
      if (user?.enabled !== 1) return { error: 'TOKEN_INVALID' as const };
      database
        .prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?')
        .run(now().getTime(), digest(refreshToken));
      return { user, sessionId: row.session_id, next: this.storeRefreshToken(row.session_id) };
    })();
    if ('error' in outcome) {
      if (outcome.error === 'TOKEN_EXPIRED')
        throw localError('TOKEN_EXPIRED', 'The refresh token has expired');
      throw localError(
        'TOKEN_INVALID',
        outcome.error === 'REUSED'
          ? 'The refresh token was already used; its session has been revoked'
          : 'The refresh token is not valid',
      );
    }
    return this.issue(outcome.user, outcome.sessionId, outcome.next);
  }

  /** Revokes the session a refresh token belongs to. Unknown tokens are ignored (RFC 7009 §2.2). */
  revokeRefreshToken(refreshToken: string): void {
    this.context.database
      .prepare(
        'UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND id = (SELECT session_id FROM refresh_tokens WHERE token_hash = ?)',
      )
      .run(this.context.now().getTime(), digest(refreshToken));
  }

  revokeSession(sessionId: string): void {
    this.context.database
      .prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND id = ?')
      .run(this.context.now().getTime(), sessionId);
  }

  /** Ends every session of a user. */
  revokeAll(userId: string): void {
    this.context.database
      .prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = ?')
      .run(this.context.now().getTime(), userId);
  }

  isActive(sessionId: string): boolean {
    const row = this.context.database
      .prepare('SELECT revoked_at FROM sessions WHERE id = ?')
      .get(sessionId) as { revoked_at: number | null } | undefined;
    return row !== undefined && row.revoked_at === null;
  }
}
