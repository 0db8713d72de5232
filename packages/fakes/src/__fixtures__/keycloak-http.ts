/** Small HTTP helpers for tests that talk to the Keycloak fake without the vendor SDK. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function call(
  url: string,
  init: {
    method?: string;
    token?: string;
    json?: unknown;
    form?: Record<string, string>;
    basic?: [string, string];
  } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.basic) headers.authorization = `Basic ${Buffer.from(init.basic.join(':')).toString('base64')}`;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A service-account token of the default realm's `idport-admin` client. */
export async function adminToken(baseUrl: string, realm = 'idport'): Promise<string> {
  const result = await call(`${baseUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    form: {
      grant_type: 'client_credentials',
      client_id: 'idport-admin',
      client_secret: 'idport-admin-secret',
    },
  });
  if (result.status !== 200) throw new Error(`admin token: ${result.status} ${JSON.stringify(result.body)}`);
  return (result.body as { access_token: string }).access_token;
}
