import type { FakeRequest } from '../framework/fake-http';
import type { OktaFactorRecord, OktaGroupRecord, OktaUserRecord } from './okta-org';

/** The org URL as the client called it (`http://127.0.0.1:PORT`), for `_links` and issuers. */
export function orgUrl(request: FakeRequest): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`;
}

/** A user as Okta returns it: no password value or hash ever, `password: {}` when one exists. */
export function userJson(base: string, user: OktaUserRecord): Record<string, unknown> {
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: 'oty1fakeidportdefault' },
    profile: user.profile,
    credentials: {
      ...(user.password ? { password: {} } : {}),
      provider: { type: 'OKTA', name: 'OKTA' },
    },
    _links: { self: { href: `${base}/api/v1/users/${user.id}` } },
  };
}

/** A TOTP factor; `activation` adds the shared secret, as Okta does only in the enroll response. */
export function factorJson(
  base: string,
  factor: OktaFactorRecord,
  login: string,
  activation = false,
): Record<string, unknown> {
  const self = `${base}/api/v1/users/${factor.userId}/factors/${factor.id}`;
  const links: Record<string, unknown> = {
    self: { href: self, hints: { allow: ['GET', 'DELETE'] } },
    user: { href: `${base}/api/v1/users/${factor.userId}`, hints: { allow: ['GET'] } },
  };
  if (factor.status === 'PENDING_ACTIVATION') {
    links.activate = { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } };
  } else {
    links.verify = { href: `${self}/verify`, hints: { allow: ['POST'] } };
  }
  const body: Record<string, unknown> = {
    id: factor.id,
    factorType: factor.factorType,
    provider: factor.provider,
    vendorName: factor.provider,
    status: factor.status,
    created: factor.created,
    lastUpdated: factor.lastUpdated,
    profile: { credentialId: login },
    _links: links,
  };
  if (activation) {
    body._embedded = {
      activation: {
        timeStep: 30,
        sharedSecret: factor.secret,
        encoding: 'base32',
        keyLength: 6,
        _links: {
          qrcode: {
            href: `${base}/api/v1/users/${factor.userId}/factors/${factor.id}/qr/${factor.id}`,
            type: 'image/png',
          },
        },
      },
    };
  }
  return body;
}

export function groupJson(base: string, group: OktaGroupRecord): Record<string, unknown> {
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    // Okta's GroupProfile types `description` as a string: it is left out when none was given.
    profile: { name: group.name, ...(group.description === null ? {} : { description: group.description }) },
    _links: {
      self: { href: `${base}/api/v1/groups/${group.id}` },
      users: { href: `${base}/api/v1/groups/${group.id}/users` },
      apps: { href: `${base}/api/v1/groups/${group.id}/apps` },
    },
  };
}

/** `Link` header of a cursor page: `self`, and `next` when more items follow. */
export function linkHeader(
  base: string,
  path: string,
  query: URLSearchParams,
  nextAfter: string | null,
): string {
  const self = new URLSearchParams(query);
  const links = [`<${base}${path}${self.size ? `?${self}` : ''}>; rel="self"`];
  if (nextAfter) {
    const next = new URLSearchParams(query);
    next.set('after', nextAfter);
    links.push(`<${base}${path}?${next}>; rel="next"`);
  }
  return links.join(', ');
}

/** One page of records after the cursor (the id of the last record of the previous page). */
export function pageAfter<T extends { id: string }>(
  items: readonly T[],
  after: string | null,
  limit: number,
): { page: T[]; nextAfter: string | null } {
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index < 0 ? items.length : index + 1;
  }
  const page = items.slice(start, start + limit);
  const nextAfter = start + limit < items.length && page.length > 0 ? (page[page.length - 1] as T).id : null;
  return { page, nextAfter };
}
