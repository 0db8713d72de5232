import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { managementError } from './auth0-error-bodies';
import { applyProfile, authorize } from './auth0-management-routes';
import { type CustomPasswordHash, customHashProblem } from './auth0-password-hashes';
import { type Auth0Job, type Auth0Tenant, newRecoveryCode } from './auth0-tenant';
import { toUserResponse } from './auth0-user-representation';

/** Auth0 refuses import files over 500 KB. */
export const importFileLimitBytes = 500 * 1024;
/** Auth0 runs at most two import jobs of a tenant at once. */
export const concurrentImportJobs = 2;

/** What the job routes need from the fake. */
export interface Auth0JobContext {
  tenant(): Auth0Tenant;
  /** Delay before a job is processed, so callers see `pending` first, as with Auth0. */
  readonly jobDelayMs: number;
}

interface MultipartPart {
  readonly name: string;
  readonly filename: string | null;
  readonly content: Buffer;
}

/** Parses a `multipart/form-data` body (RFC 7578), enough for Auth0's import form. */
export function parseMultipart(request: FakeRequest): MultipartPart[] {
  const header = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(header);
  if (!boundary) managementError(400, 'Invalid multipart body: no boundary', 'invalid_body');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  const body = request.rawBody;
  let position = body.indexOf(delimiter);
  while (position >= 0) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*?;\s*name="([^"]*)"/i.exec(headers);
    if (disposition) {
      parts.push({
        name: disposition[1] as string,
        filename: /;\s*filename="([^"]*)"/i.exec(headers)?.[1] ?? null,
        content: part.subarray(headerEnd + 4),
      });
    }
    position = next;
  }
  return parts;
}

function jobResponse(job: Auth0Job, tenant: Auth0Tenant): Record<string, unknown> {
  const body: Record<string, unknown> = {
    status: job.status,
    type: job.type,
    created_at: job.createdAt,
    id: job.id,
    connection_id: job.connectionId,
  };
  if (job.type === 'users_import') {
    body.connection = job.connection;
    body.upsert = job.upsert ?? false;
    if (job.externalId) body.external_id = job.externalId;
    if (job.summary && job.status === 'completed') body.summary = job.summary;
  } else {
    body.format = job.format ?? 'json';
    if (job.fields) body.fields = job.fields;
    if (job.status === 'completed')
      body.location = `https://${tenant.settings.domain}/__idport/auth0/exports/${job.id}.json.gz`;
  }
  return body;
}

function newJobId(): string {
  return `job_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16)}`;
}

type ImportedUser = Record<string, unknown> & {
  email?: unknown;
  user_id?: unknown;
  custom_password_hash?: unknown;
  password_hash?: unknown;
  mfa_factors?: unknown;
};

/** Applies one user of an import file; returns what happened or the Auth0 error entries. */
function importOne(
  tenant: Auth0Tenant,
  record: ImportedUser,
  upsert: boolean,
): 'inserted' | 'updated' | { code: string; message: string; path?: string }[] {
  if (typeof record.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(record.email)) {
    return [
      {
        code: 'INVALID_FORMAT',
        message: 'Error in email property - Missing or invalid email',
        path: 'email',
      },
    ];
  }
  if (record.custom_password_hash !== undefined && record.password_hash !== undefined) {
    return [
      {
        code: 'CONFLICTING_PROPERTIES',
        message: 'custom_password_hash and password_hash cannot be used together',
        path: 'custom_password_hash',
      },
    ];
  }
  if (record.custom_password_hash !== undefined) {
    const problem = customHashProblem(record.custom_password_hash);
    if (problem) return [{ code: 'INVALID_FORMAT', message: problem, path: 'custom_password_hash' }];
  }
  if (typeof record.password_hash === 'string' && !/^\$2[abxy]?\$\d\d\$/.test(record.password_hash)) {
    return [
      { code: 'INVALID_FORMAT', message: 'password_hash must be a bcrypt hash', path: 'password_hash' },
    ];
  }
  const factors = Array.isArray(record.mfa_factors)
    ? (record.mfa_factors as Record<string, { secret?: string; value?: string }>[])
    : [];
  for (const factor of factors) {
    if (factor.totp && !/^[A-Z2-7]{16,}=*$/i.test(factor.totp.secret ?? '')) {
      return [
        { code: 'INVALID_FORMAT', message: 'mfa_factors totp.secret must be base32', path: 'mfa_factors' },
      ];
    }
  }
  const existing = tenant.findByEmail(record.email);
  if (existing && !upsert) {
    return [{ code: 'DUPLICATED_USER', message: 'The user already exist and upsert parameter is false' }];
  }
  const user =
    existing ??
    tenant.newUser(
      typeof record.user_id === 'string' && record.user_id ? `auth0|${record.user_id}` : tenant.newUserId(),
      record.email,
    );
  if (!existing && tenant.users.has(user.userId)) {
    return [{ code: 'DUPLICATED_USER', message: 'The user already exist', path: 'user_id' }];
  }
  applyProfile(user, record);
  if (!existing) {
    user.name ??= user.email;
    if (record.custom_password_hash !== undefined) {
      user.password = { kind: 'custom', custom: record.custom_password_hash as CustomPasswordHash };
    } else if (typeof record.password_hash === 'string') {
      user.password = {
        kind: 'custom',
        custom: { algorithm: 'bcrypt', hash: { value: record.password_hash } },
      };
    }
    const now = new Date().toISOString();
    for (const factor of factors) {
      const type = factor.totp ? 'totp' : factor.phone ? 'phone' : factor.email ? 'email' : null;
      if (!type) continue;
      user.authenticators.push({
        id: tenant.newAuthenticatorId(type),
        type,
        secret:
          type === 'totp'
            ? String(factor.totp?.secret).toUpperCase()
            : String((factor[type] as { value?: string }).value),
        name: null,
        confirmed: true,
        createdAt: now,
        enrolledAt: now,
      });
    }
    if (factors.length > 0) {
      user.authenticators.push({
        id: tenant.newAuthenticatorId('recovery-code'),
        type: 'recovery-code',
        secret: newRecoveryCode(),
        name: null,
        confirmed: true,
        createdAt: now,
        enrolledAt: now,
      });
    }
    tenant.users.set(user.userId, user);
    return 'inserted';
  }
  user.updatedAt = new Date().toISOString();
  return 'updated';
}

function runImport(tenant: Auth0Tenant, job: Auth0Job, records: ImportedUser[]): void {
  job.status = 'processing';
  const summary = { failed: 0, updated: 0, inserted: 0, total: records.length };
  const errors: NonNullable<Auth0Job['errors']> = [];
  for (const record of records) {
    const outcome = importOne(tenant, record, job.upsert ?? false);
    if (outcome === 'inserted') summary.inserted += 1;
    else if (outcome === 'updated') summary.updated += 1;
    else {
      summary.failed += 1;
      // Auth0 echoes the user as sent, minus secrets.
      const { custom_password_hash: _hash, password_hash: _bcrypt, mfa_factors: _factors, ...user } = record;
      errors.push({ user, errors: outcome });
    }
  }
  job.summary = summary;
  job.errors = errors;
  job.status = 'completed';
}

function runExport(tenant: Auth0Tenant, job: Auth0Job): void {
  job.status = 'processing';
  const users = [...tenant.users.values()].sort((left, right) => left.sequence - right.sequence);
  const limited = job.limit ? users.slice(0, job.limit) : users;
  const lines = limited.map((user) => {
    const full = toUserResponse(tenant, user);
    if (!job.fields || job.fields.length === 0) return JSON.stringify(full);
    const picked: Record<string, unknown> = {};
    for (const field of job.fields) {
      if (field.name in full) picked[field.export_as ?? field.name] = full[field.name];
    }
    return JSON.stringify(picked);
  });
  job.file = gzipSync(Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8'));
  job.status = 'completed';
}

/** `/api/v2/jobs/...` routes and the export download (standing in for Auth0's signed S3 URL). */
export function auth0JobRoutes(context: Auth0JobContext): {
  routes: FakeRoute[];
  controlRoutes: FakeRoute[];
} {
  const api = '/api/v2';
  const schedule = (work: () => void) => {
    setTimeout(work, context.jobDelayMs).unref?.();
  };
  const routes: FakeRoute[] = [
    {
      method: 'POST',
      path: `${api}/jobs/users-imports`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:users']);
        const parts = parseMultipart(request);
        const field = (name: string) => parts.find((part) => part.name === name);
        const file = field('users');
        if (!file)
          managementError(
            400,
            "Payload validation error: 'Missing required property: users'.",
            'invalid_body',
          );
        if (file.content.length > importFileLimitBytes) {
          managementError(
            413,
            'Payload validation error: the users file exceeds the maximum size of 500KB',
            'payload_too_large',
          );
        }
        if (field('connection_id')?.content.toString() !== tenant.settings.connection.id) {
          managementError(400, 'The connection does not exist.', 'inexistent_connection');
        }
        const running = [...tenant.jobs.values()].filter(
          (job) => job.type === 'users_import' && (job.status === 'pending' || job.status === 'processing'),
        );
        if (running.length >= concurrentImportJobs) {
          managementError(
            429,
            `There are ${running.length} pending or processing users import jobs; wait for one to finish before creating another.`,
            'too_many_requests',
          );
        }
        let records: unknown;
        try {
          records = JSON.parse(file.content.toString('utf8'));
        } catch {
          managementError(400, 'Users file must be a valid JSON array', 'invalid_body');
        }
        if (!Array.isArray(records))
          managementError(400, 'Users file must be a valid JSON array', 'invalid_body');
        const externalId = field('external_id')?.content.toString();
        const job: Auth0Job = {
          id: newJobId(),
          type: 'users_import',
          status: 'pending',
          createdAt: new Date().toISOString(),
          connectionId: tenant.settings.connection.id,
          connection: tenant.settings.connection.name,
          upsert: field('upsert')?.content.toString() === 'true',
          ...(externalId ? { externalId } : {}),
        };
        tenant.jobs.set(job.id, job);
        schedule(() => runImport(tenant, job, records as ImportedUser[]));
        return json(202, jobResponse(job, tenant));
      },
    },
    {
      method: 'POST',
      path: `${api}/jobs/users-exports`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:users']);
        const body = (request.body ?? {}) as {
          connection_id?: string;
          format?: 'json' | 'csv';
          limit?: number;
          fields?: { name: string; export_as?: string }[];
        };
        if (body.connection_id && body.connection_id !== tenant.settings.connection.id) {
          managementError(400, 'The connection does not exist.', 'inexistent_connection');
        }
        if (body.format === 'csv') managementError(400, 'The idport fake exports json only', 'invalid_body');
        const job: Auth0Job = {
          id: newJobId(),
          type: 'users_export',
          status: 'pending',
          createdAt: new Date().toISOString(),
          connectionId: tenant.settings.connection.id,
          connection: tenant.settings.connection.name,
          format: 'json',
          ...(body.fields ? { fields: body.fields } : {}),
          ...(body.limit ? { limit: body.limit } : {}),
        };
        tenant.jobs.set(job.id, job);
        schedule(() => runExport(tenant, job));
        return json(200, { ...jobResponse(job, tenant), connection: job.connection });
      },
    },
    {
      method: 'GET',
      path: `${api}/jobs/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:users', 'read:users']);
        const job = tenant.jobs.get(request.params.id ?? '');
        if (!job) managementError(404, 'The job does not exist.', 'inexistent_job');
        return json(200, jobResponse(job, tenant));
      },
    },
    {
      method: 'GET',
      path: `${api}/jobs/{id}/errors`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:users', 'read:users']);
        const job = tenant.jobs.get(request.params.id ?? '');
        if (!job) managementError(404, 'The job does not exist.', 'inexistent_job');
        if (!job.errors || job.errors.length === 0) return { status: 204 };
        return json(200, job.errors);
      },
    },
  ];
  const controlRoutes: FakeRoute[] = [
    {
      method: 'GET',
      path: '/auth0/exports/{file}',
      handler: (request) => {
        const id = (request.params.file ?? '').replace(/\.json\.gz$/, '');
        const job = context.tenant().jobs.get(id);
        if (!job?.file) return json(404, { error: 'not_found' });
        return { status: 200, headers: { 'content-type': 'application/gzip' }, body: job.file };
      },
    },
  ];
  return { routes, controlRoutes };
}
