import { randomBytes } from 'node:crypto';
import type { Challenge, MfaFactorType, TokenSet } from '@idport/core';

/** What the server keeps per browser. Tokens stay here: the browser only holds an opaque id. */
export interface Session {
  readonly id: string;
  /** Synchronizer token every form posts back. */
  readonly csrfToken: string;
  /** Idle expiry of the session itself (not of the tokens). */
  expiresAt: number;
  /** A password was accepted and a second factor is awaited. */
  pendingMfa?: { challenge: Challenge; email: string; factorType: MfaFactorType | null };
  /** Signed in. */
  signedIn?: { userId: string; email: string; tokens: TokenSet };
  /** A TOTP enrollment started on the account page and not yet confirmed. */
  pendingEnrollment?: { factorId: string };
  /** One message for the next page (after a redirect). */
  flash?: string;
}

const randomId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in memory: enough for one process. A real deployment with several instances
 * keeps the same record in a shared store (Redis, a database), never in the cookie.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleSeconds: number) {}

  /** A new, empty session with its own CSRF token. */
  create(): Session {
    this.sweep();
    const session: Session = {
      id: randomId(),
      csrfToken: randomId(),
      expiresAt: Date.now() + this.idleSeconds * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt < Date.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    session.expiresAt = Date.now() + this.idleSeconds * 1000;
    return session;
  }

  /**
   * Moves the session's content to a new id and CSRF token: called whenever privilege
   * changes (password accepted, MFA passed), so an id planted before sign-in is worthless.
   */
  rotate(session: Session): Session {
    this.sessions.delete(session.id);
    const next: Session = { ...session, id: randomId(), csrfToken: randomId() };
    this.sessions.set(next.id, next);
    return next;
  }

  destroy(session: Session): void {
    this.sessions.delete(session.id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(id);
  }
}
