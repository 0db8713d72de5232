import { afterEach, describe, expect, it } from 'vitest';
import { adminToken, call } from '../__fixtures__/keycloak-http';
import { createKeycloakFake, type KeycloakFake } from '../keycloak/keycloak-fake';
import { createKeycloakSpecChecker } from '../keycloak/keycloak-spec';
import { specViolationStatus } from './fake-server';
import { SpecChecker } from './spec-checker';

let fake: KeycloakFake | null = null;
afterEach(async () => {
  await fake?.stop();
  fake = null;
});

describe('spec checker against the Keycloak admin document', () => {
  const checker = createKeycloakSpecChecker();

  it('matches the most literal template (users/count, not users/{user-id})', () => {
    expect(checker.findOperation('GET', '/admin/realms/r/users/count')?.pathTemplate).toBe(
      '/admin/realms/{realm}/users/count',
    );
    expect(checker.findOperation('GET', '/admin/realms/r/users/abc')?.pathTemplate).toBe(
      '/admin/realms/{realm}/users/{user-id}',
    );
    expect(checker.findOperation('GET', '/nowhere')).toBeNull();
  });

  it('accepts a correct UserRepresentation and rejects wrong types and invented fields', () => {
    const operation = checker.findOperation('GET', '/admin/realms/r/users/abc');
    if (!operation) throw new Error('operation not found');
    const good = { id: 'abc', username: 'a', enabled: true, createdTimestamp: 1, attributes: { k: ['v'] } };
    expect(
      checker.checkResponse(operation, {
        status: 200,
        contentType: 'application/json',
        body: good,
        hasBody: true,
      }),
    ).toEqual([]);
    const wrongType = { ...good, createdTimestamp: 'yesterday' };
    expect(
      checker.checkResponse(operation, {
        status: 200,
        contentType: 'application/json',
        body: wrongType,
        hasBody: true,
      }),
    ).toEqual(['response body/createdTimestamp must be integer']);
    const attributesNotArrays = { ...good, attributes: { k: 'v' } };
    expect(
      checker.checkResponse(operation, {
        status: 200,
        contentType: 'application/json',
        body: attributesNotArrays,
        hasBody: true,
      }),
    ).toEqual(['response body/attributes/k must be array']);
    const invented = { ...good, firstname: 'typo' };
    expect(
      checker.checkResponse(operation, {
        status: 200,
        contentType: 'application/json',
        body: invented,
        hasBody: true,
      }),
    ).toEqual(['response body has undocumented property "firstname"']);
  });

  it('rejects undocumented statuses and query parameters of the wrong type', () => {
    const operation = checker.findOperation('GET', '/admin/realms/r/users');
    if (!operation) throw new Error('operation not found');
    expect(
      checker.checkResponse(operation, {
        status: 418,
        contentType: null,
        body: undefined,
        hasBody: false,
      })[0],
    ).toMatch(/status 418 is not documented/);
    expect(
      checker.checkRequest(operation, {
        query: new URLSearchParams('first=zero&max=10'),
        contentType: null,
        body: undefined,
        hasBody: false,
      }),
    ).toEqual(['query "first" must be integer']);
  });

  it('validates OpenAPI 3.1 documents with JSON Schema 2020-12 (Auth0 style)', () => {
    const document = {
      openapi: '3.1.0',
      paths: {
        '/api/v2/users/{id}': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        user_id: { type: ['string', 'null'] },
                        logins_count: { type: 'integer' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const auth0 = new SpecChecker([
      { id: 'mini-3.1', document, source: 'test', licence: 'MIT', authoredBy: 'idport' },
    ]);
    const operation = auth0.findOperation('GET', '/api/v2/users/x');
    if (!operation) throw new Error('operation not found');
    const check = (body: unknown) =>
      auth0.checkResponse(operation, { status: 200, contentType: 'application/json', body, hasBody: true });
    expect(check({ user_id: null, logins_count: 1 })).toEqual([]);
    expect(check({ user_id: 1 })).toEqual(['response body/user_id must be string,null']);
  });
});

describe('spec checking on a running fake', () => {
  it('turns a deliberately wrong response shape into a 599 and a recorded violation', async () => {
    fake = createKeycloakFake({
      // Sabotage: the user representation gets a string timestamp, as a buggy fake might send.
      tamper: (request, response) =>
        request.method === 'GET' && /\/users\/[^/]+$/.test(request.path) && response.status === 200
          ? { ...response, body: { ...(response.body as object), createdTimestamp: '2026-01-01' } }
          : response,
    });
    const base = await fake.start();
    const token = await adminToken(base);
    const created = await call(`${base}/admin/realms/idport/users`, {
      method: 'POST',
      token,
      json: { username: 'zed' },
    });
    const id = (created.headers.get('location') as string).split('/').pop();
    const result = await call(`${base}/admin/realms/idport/users/${id}`, { token });
    expect(result.status).toBe(specViolationStatus);
    expect(result.headers.get('x-idport-spec-violation')).toBe('1');
    const violations = fake.server.takeViolations();
    expect(violations).toEqual([
      expect.objectContaining({
        kind: 'response',
        operation: 'keycloak-admin GET /admin/realms/{realm}/users/{user-id}',
        errors: ['response body/createdTimestamp must be integer'],
      }),
    ]);
  });

  it('checks the token endpoint against the idport-written OIDC document too', async () => {
    fake = createKeycloakFake({
      tamper: (request, response) =>
        request.path.endsWith('/token') && response.status === 200
          ? { ...response, body: { ...(response.body as object), expires_in: '300', id_token_hint: 'x' } }
          : response,
    });
    const base = await fake.start();
    const result = await call(`${base}/realms/idport/protocol/openid-connect/token`, {
      method: 'POST',
      form: {
        grant_type: 'client_credentials',
        client_id: 'idport-admin',
        client_secret: 'idport-admin-secret',
      },
    });
    expect(result.status).toBe(specViolationStatus);
    expect(fake.server.takeViolations()[0]?.errors).toEqual([
      'response body has undocumented property "id_token_hint"',
      'response body/expires_in must be integer',
    ]);
  });

  it('checks form bodies of the token endpoint (an unknown grant_type is a request violation)', async () => {
    fake = createKeycloakFake({ specCheck: 'report' });
    const base = await fake.start();
    const result = await call(`${base}/realms/idport/protocol/openid-connect/token`, {
      method: 'POST',
      form: { grant_type: 'magic', client_id: 'idport-admin', client_secret: 'idport-admin-secret' },
    });
    expect(result.body).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Unsupported grant_type',
    });
    expect(fake.server.takeViolations()[0]?.errors).toEqual([
      'body/grant_type must be equal to one of the allowed values',
    ]);
  });

  it('matches documents whose paths sit under a server base path (Auth0 style /api/v2)', () => {
    const document = {
      openapi: '3.1.0',
      servers: [{ url: 'https://{tenantDomain}/api/v2' }],
      paths: { '/users/{id}': { get: { responses: { '200': { description: 'ok' } } } } },
    };
    const checker = new SpecChecker([
      { id: 'based', document, source: 'test', licence: 'MIT', authoredBy: 'idport' },
    ]);
    expect(checker.findOperation('GET', '/api/v2/users/auth0%7C1')?.pathParams).toEqual({ id: 'auth0|1' });
    expect(checker.findOperation('GET', '/users/auth0%7C1')).toBeNull();
  });

  it('records request violations in report mode without changing the answer', async () => {
    fake = createKeycloakFake({ specCheck: 'report' });
    const base = await fake.start();
    const token = await adminToken(base);
    const result = await call(`${base}/admin/realms/idport/users`, {
      method: 'POST',
      token,
      json: { username: 'x', enabled: 'yes' },
    });
    expect(result.status).toBe(201);
    expect(fake.server.takeViolations()[0]?.errors).toEqual(['body/enabled must be boolean']);
  });

  it('counts validated pairs per document, including the token endpoint document', async () => {
    fake = createKeycloakFake();
    const base = await fake.start();
    const token = await adminToken(base);
    await call(`${base}/admin/realms/idport/users/count`, { token });
    const stats = fake.server.stats();
    expect(stats.validatedPairsByDocument).toEqual({ 'keycloak-oidc': 1, 'keycloak-admin': 1 });
    expect(stats.uncoveredCalls).toEqual({});
  });
});
