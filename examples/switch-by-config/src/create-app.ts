import { timingSafeEqual } from 'node:crypto';
import {
  collect,
  endUserMessage,
  type IdentityProvider,
  type SignInResult,
  supportsOperation,
  type VerifiedToken,
} from '@idport/core';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { csrfField, html, page } from './html';
import { type Session, SessionStore } from './session-store';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The provider, built from configuration by `startServer` (or by a test). */
  provider: IdentityProvider;
  /**
   * `Secure` session cookie with the `__Host-` prefix. On by default; turn it off only to
   * serve plain http on a loopback address (`startServer` refuses it anywhere else).
   */
  secureCookies?: boolean;
  /** Sign-in and MFA posts per client address and window. Default 10 per 15 minutes. */
  signInRateLimit?: { limit: number; windowMs: number };
  /** Idle lifetime of a server-side session. Default 30 minutes. */
  sessionIdleSeconds?: number;
  /** Group (from the verified access token) allowed on /admin. Default `admins`. */
  adminGroup?: string;
}

interface Locals {
  session?: Session;
}

/**
 * The whole web app, written once against the port: nothing here names a vendor. Tokens
 * stay on the server; the browser holds an opaque, httpOnly, SameSite session cookie.
 */
export function createApp(options: AppOptions): express.Express {
  const { provider } = options;
  const secure = options.secureCookies ?? true;
  const cookieName = secure ? '__Host-idport-session' : 'idport-session';
  const sessions = new SessionStore(options.sessionIdleSeconds ?? 1800);
  const adminGroup = options.adminGroup ?? 'admins';
  const providerName = provider.provider;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Security headers (CSP without any script, frame-ancestors none, nosniff, HSTS, ...).
  app.use(helmet());
  // Every page here is an auth page or shows account data: never cache any of it.
  app.use((_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    response.set('Pragma', 'no-cache');
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '8kb' }));
  app.use(cookieParser());
  app.use((request: Request, response: Response<unknown, Locals>, next) => {
    response.locals.session = sessions.get(request.cookies?.[cookieName]);
    next();
  });

  const setSessionCookie = (response: Response, session: Session) =>
    response.cookie(cookieName, session.id, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
  const clearSessionCookie = (response: Response) =>
    response.clearCookie(cookieName, { httpOnly: true, secure, sameSite: 'lax', path: '/' });

  /** The session, created (with its CSRF token) on first need. */
  const ensureSession = (response: Response<unknown, Locals>): Session => {
    let session = response.locals.session;
    if (!session) {
      session = sessions.create();
      response.locals.session = session;
      setSessionCookie(response, session);
    }
    return session;
  };

  const takeFlash = (session: Session | undefined) => {
    const message = session?.flash;
    if (session) session.flash = undefined;
    return message;
  };

  // Every form post carries the session's synchronizer token (compared in constant time).
  app.use((request: Request, response: Response<unknown, Locals>, next: NextFunction) => {
    if (request.method !== 'POST') return next();
    const sent = typeof request.body?._csrf === 'string' ? Buffer.from(request.body._csrf) : Buffer.alloc(0);
    const expected = Buffer.from(response.locals.session?.csrfToken ?? '');
    if (expected.length === 0 || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      response.status(403).send(
        page({
          title: 'Forbidden',
          provider: providerName,
          body: html`<p>The form expired. <a href="/sign-in">Start again</a>.</p>`,
        }),
      );
      return;
    }
    next();
  });

  const signInLimiter = rateLimit({
    windowMs: options.signInRateLimit?.windowMs ?? 15 * 60_000,
    limit: options.signInRateLimit?.limit ?? 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, response) => {
      response.status(429).send(
        page({
          title: 'Too many attempts',
          provider: providerName,
          body: html`<p>Wait a few minutes, then <a href="/sign-in">try again</a>.</p>`,
        }),
      );
    },
  });

  /** Verifies the session's access token, refreshing it once when it no longer verifies. */
  async function currentUser(session: Session | undefined): Promise<VerifiedToken | null> {
    const signedIn = session?.signedIn;
    if (!signedIn) return null;
    try {
      return await provider.tokens.verifyAccessToken(signedIn.tokens.accessToken);
    } catch {
      if (!signedIn.tokens.refreshToken) return null;
      try {
        signedIn.tokens = await provider.auth.refresh({ refreshToken: signedIn.tokens.refreshToken });
        return await provider.tokens.verifyAccessToken(signedIn.tokens.accessToken);
      } catch {
        // Fail closed: anything but a verified token is signed out.
        return null;
      }
    }
  }

  const signInForm = (session: Session, email = '') => html`
<form method="post" action="/sign-in">${csrfField(session.csrfToken)}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`;

  app.get('/', (_request, response: Response<unknown, Locals>) => {
    response.redirect(303, response.locals.session?.signedIn ? '/account' : '/sign-in');
  });

  app.get('/sign-in', (_request, response: Response<unknown, Locals>) => {
    const session = ensureSession(response);
    response.send(
      page({
        title: 'Sign in',
        provider: providerName,
        body: signInForm(session),
        message: takeFlash(session),
      }),
    );
  });

  /** Stores a finished sign-in under a fresh session id. */
  function finishSignIn(response: Response<unknown, Locals>, session: Session, result: SignInResult) {
    if (result.status !== 'authenticated') return false;
    const next = sessions.rotate(session);
    next.pendingMfa = undefined;
    next.signedIn = { userId: result.user.id, email: result.user.email ?? '', tokens: result.tokens };
    setSessionCookie(response, next);
    response.redirect(303, '/account');
    return true;
  }

  app.post('/sign-in', signInLimiter, async (request: Request, response: Response<unknown, Locals>) => {
    const session = ensureSession(response);
    const email = String(request.body.email ?? '');
    const password = String(request.body.password ?? '');
    try {
      const result = await provider.auth.signIn({ email, password });
      if (finishSignIn(response, session, result)) return;
      if (result.status === 'mfa_required') {
        const next = sessions.rotate(session);
        next.pendingMfa = { challenge: result.challenge, email, factorType: result.factors[0]?.type ?? null };
        setSessionCookie(response, next);
        response.redirect(303, '/mfa');
        return;
      }
      response.status(400).send(
        page({
          title: 'Sign in',
          provider: providerName,
          body: signInForm(session, email),
          error: 'This account must set a new password first; this example does not handle it.',
        }),
      );
    } catch (error) {
      // endUserMessage never says whether the account exists.
      response.status(401).send(
        page({
          title: 'Sign in',
          provider: providerName,
          body: signInForm(session, email),
          error: endUserMessage(error),
        }),
      );
    }
  });

  // The wording follows the factor the provider challenged (TOTP app, SMS, e-mail).
  const mfaPrompts: Record<string, string> = {
    totp: 'Enter the 6-digit code from your authenticator app (or a recovery code).',
    sms: 'Enter the code we just sent to your phone by SMS.',
    email: 'Enter the code we just sent to you by e-mail.',
  };
  const mfaForm = (session: Session) => html`
<p id="mfa-prompt">${mfaPrompts[session.pendingMfa?.factorType ?? 'totp'] ?? mfaPrompts.totp}</p>
<form method="post" action="/mfa">${csrfField(session.csrfToken)}
<label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Verify</button></form>`;

  app.get('/mfa', (_request, response: Response<unknown, Locals>) => {
    const session = response.locals.session;
    if (!session?.pendingMfa) return response.redirect(303, '/sign-in');
    response.send(page({ title: 'Second factor', provider: providerName, body: mfaForm(session) }));
  });

  app.post('/mfa', signInLimiter, async (request: Request, response: Response<unknown, Locals>) => {
    const session = response.locals.session;
    if (!session?.pendingMfa) return response.redirect(303, '/sign-in');
    try {
      const result = await provider.auth.completeMfa({
        challenge: session.pendingMfa.challenge,
        code: String(request.body.code ?? '').trim(),
      });
      if (finishSignIn(response, session, result)) return;
      throw new Error(`unexpected status ${result.status}`);
    } catch (error) {
      response.status(401).send(
        page({
          title: 'Second factor',
          provider: providerName,
          body: mfaForm(session),
          error: endUserMessage(error),
        }),
      );
    }
  });

  /** Protected routes: a verified access token or back to sign-in. */
  const requireUser = async (request: Request, response: Response<unknown, Locals>, next: NextFunction) => {
    const verified = await currentUser(response.locals.session);
    if (!verified) {
      if (response.locals.session) sessions.destroy(response.locals.session);
      clearSessionCookie(response);
      return response.redirect(303, `/sign-in`);
    }
    request.verified = verified;
    next();
  };

  app.get('/account', requireUser, async (request: Request, response: Response<unknown, Locals>) => {
    const session = response.locals.session as Session;
    const signedIn = session.signedIn!;
    const verified = request.verified!;
    const factors = supportsOperation(provider.capabilities, 'mfa.listFactors')
      ? await provider.mfa
          .listFactors({ userId: signedIn.userId, accessToken: signedIn.tokens.accessToken })
          .catch(() => [])
      : [];
    const totp = factors.some((factor) => factor.type === 'totp' && factor.confirmed);
    // Offer TOTP enrollment only where the provider declares it (some providers enroll
    // only SMS factors, by other means): a capability check, never a vendor check.
    const canEnrollTotp = supportsOperation(provider.capabilities, 'mfa.enrollTotp');
    const otherFactors = factors
      .filter((factor) => factor.type !== 'totp' && factor.confirmed)
      .map((factor) => factor.type);
    response.send(
      page({
        title: 'Your account',
        provider: providerName,
        message: takeFlash(session),
        body: html`
<p id="welcome">Signed in as <strong>${signedIn.email}</strong>.</p>
<table><tbody>
<tr><th>Token subject</th><td id="subject">${verified.subject}</td></tr>
<tr><th>Issuer</th><td>${verified.issuer}</td></tr>
<tr><th>Groups</th><td id="groups">${verified.groups.join(', ') || 'none'}</td></tr>
<tr><th>Token valid until</th><td>${verified.expiresAt.toISOString()}</td></tr>
<tr><th>Authenticator app</th><td id="mfa-status">${totp ? 'enrolled' : 'not enrolled'}</td></tr>
<tr><th>Other second factors</th><td id="other-factors">${otherFactors.join(', ') || 'none'}</td></tr>
</tbody></table>
<p>${totp || !canEnrollTotp ? '' : html`<a id="setup-mfa" href="/account/mfa">Set up an authenticator app</a> · `}${verified.groups.includes(adminGroup) ? html`<a id="admin" href="/admin">User admin</a>` : ''}</p>
<form method="post" action="/sign-out">${csrfField(session.csrfToken)}<button id="sign-out" type="submit">Sign out</button></form>`,
      }),
    );
  });

  const requireTotpEnrollment = (_request: Request, response: Response, next: NextFunction) => {
    if (supportsOperation(provider.capabilities, 'mfa.enrollTotp')) return next();
    response.status(404).send(
      page({
        title: 'Not available',
        provider: providerName,
        body: html`<p>This provider enrolls no authenticator apps. <a href="/account">Back</a></p>`,
      }),
    );
  };

  app.get(
    '/account/mfa',
    requireUser,
    requireTotpEnrollment,
    async (_request, response: Response<unknown, Locals>) => {
      const session = response.locals.session as Session;
      const signedIn = session.signedIn!;
      const enrollment = await provider.mfa.enrollTotp({
        userId: signedIn.userId,
        accessToken: signedIn.tokens.accessToken,
        label: 'authenticator',
      });
      session.pendingEnrollment = { factorId: enrollment.factorId };
      // Shown once, on a no-store page; a real app renders the URI as a QR code.
      response.send(
        page({
          title: 'Set up an authenticator app',
          provider: providerName,
          body: html`
<p>Add this key to your authenticator app, then enter the code it shows.</p>
<p>Key: <code id="totp-secret">${enrollment.secret}</code></p>
<p>Or open: <code id="otpauth-uri">${enrollment.otpauthUri}</code></p>
<form method="post" action="/account/mfa">${csrfField(session.csrfToken)}
<label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Confirm</button></form>`,
        }),
      );
    },
  );

  app.post(
    '/account/mfa',
    requireUser,
    requireTotpEnrollment,
    async (request: Request, response: Response<unknown, Locals>) => {
      const session = response.locals.session as Session;
      const signedIn = session.signedIn!;
      if (!session.pendingEnrollment) return response.redirect(303, '/account');
      try {
        const confirmed = await provider.mfa.confirmEnrollment({
          userId: signedIn.userId,
          accessToken: signedIn.tokens.accessToken,
          factorId: session.pendingEnrollment.factorId,
          code: String(request.body.code ?? '').trim(),
        });
        session.pendingEnrollment = undefined;
        response.send(
          page({
            title: 'Authenticator app added',
            provider: providerName,
            body: html`
<p>From now on, sign-in asks for a code.</p>
${confirmed.recoveryCodes.length > 0 ? html`<p>Recovery codes (each works once; keep them somewhere safe):</p><ul id="recovery-codes">${confirmed.recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}</ul>` : html`<p>This provider issues no recovery codes.</p>`}
<p><a href="/account">Back to your account</a></p>`,
          }),
        );
      } catch (error) {
        session.flash = `That code was not accepted: ${endUserMessage(error)}`;
        response.redirect(303, '/account');
      }
    },
  );

  app.post('/sign-out', async (_request, response: Response<unknown, Locals>) => {
    const session = response.locals.session;
    const signedIn = session?.signedIn;
    if (signedIn) {
      // End every session where the provider can; otherwise revoke this refresh token.
      try {
        if (supportsOperation(provider.capabilities, 'auth.signOut'))
          await provider.auth.signOut({ userId: signedIn.userId });
        else if (signedIn.tokens.refreshToken && supportsOperation(provider.capabilities, 'auth.revoke'))
          await provider.auth.revoke({ token: signedIn.tokens.refreshToken });
      } catch {
        // The local session ends below whatever the provider said.
      }
    }
    if (session) sessions.destroy(session);
    const next = sessions.create();
    next.flash = 'You are signed out.';
    setSessionCookie(response, next);
    response.redirect(303, '/sign-in');
  });

  const requireAdmin = (request: Request, response: Response, next: NextFunction) => {
    if (!request.verified?.groups.includes(adminGroup)) {
      response.status(403).send(
        page({
          title: 'Forbidden',
          provider: providerName,
          body: html`<p>Only members of ${adminGroup} may open this page.</p>`,
        }),
      );
      return;
    }
    next();
  };

  app.get('/admin', requireUser, requireAdmin, async (_request, response: Response<unknown, Locals>) => {
    const session = response.locals.session as Session;
    const users = await collect(provider.users.list({ pageSize: 50 }));
    const rows = users.slice(0, 200).map(
      (
        user,
      ) => html`<tr><td>${user.email}</td><td>${user.enabled ? 'enabled' : 'disabled'}</td><td>${user.createdAt?.toISOString().slice(0, 10) ?? ''}</td>
<td><form method="post" action="/admin/users/${encodeURIComponent(user.id)}/${user.enabled ? 'disable' : 'enable'}">${csrfField(session.csrfToken)}<button type="submit" ${user.id === session.signedIn?.userId ? 'disabled' : ''}>${user.enabled ? 'Disable' : 'Enable'}</button></form></td></tr>`,
    );
    response.send(
      page({
        title: 'Users',
        provider: providerName,
        message: takeFlash(session),
        body: html`<table id="users"><thead><tr><th>Email</th><th>Status</th><th>Created</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="/account">Back to your account</a></p>`,
      }),
    );
  });

  app.post(
    '/admin/users/:userId/:action',
    requireUser,
    requireAdmin,
    async (request: Request, response: Response<unknown, Locals>) => {
      const session = response.locals.session as Session;
      const userId = String(request.params.userId);
      if (userId === session.signedIn?.userId) {
        session.flash = 'You cannot disable yourself.';
      } else if (request.params.action === 'disable') {
        await provider.users.disable(userId);
        session.flash = 'User disabled.';
      } else if (request.params.action === 'enable') {
        await provider.users.enable(userId);
        session.flash = 'User enabled.';
      }
      response.redirect(303, '/admin');
    },
  );

  // Provider failures on protected pages: a generic page, never the error's details.
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    response.status(500).send(
      page({
        title: 'Something went wrong',
        provider: providerName,
        body: html`<p>${endUserMessage(error)}</p><p><a href="/account">Back</a></p>`,
      }),
    );
  });

  return app;
}

declare global {
  namespace Express {
    interface Request {
      /** The verified access token of a protected request. */
      verified?: VerifiedToken;
    }
  }
}
