import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import {
  type AttributeValue,
  IdentityError,
  type ImportOutcome,
  type ImportUsersOptions,
  type Page,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';
import { toAuth0CustomPasswordHash } from './auth0-password-hash-mapping';

/** Auth0 refuses import files over 500 KB; chunks stay below with room for the multipart frame. */
const importFileLimitBytes = 500 * 1024 - 4 * 1024;
/** Auth0 runs at most two import jobs of a tenant at once. */
const concurrentJobs = 2;
const exportFields = [
  'user_id',
  'email',
  'email_verified',
  'given_name',
  'family_name',
  'name',
  'phone_number',
  'blocked',
  'created_at',
  'user_metadata',
];

interface ImportRecord {
  readonly record: Record<string, unknown>;
  readonly source: PortableUser;
  readonly userId: string;
  readonly passwordImported: boolean;
  readonly factorsImported: number;
  readonly warnings: string[];
}

interface JobError {
  user?: { email?: string; user_id?: string };
  errors?: { code?: string; message?: string }[];
}

/**
 * The Auth0 user id an import gives a source user: derived from `sourceId`, so running the
 * same import twice names the same user (Auth0 then reports it as existing, never duplicates).
 */
export function importedUserId(sourceId: string): string {
  return createHash('sha256').update(sourceId).digest('hex').slice(0, 24);
}

function toImportRecord(user: PortableUser): ImportRecord {
  const warnings: string[] = [];
  const id = importedUserId(user.sourceId);
  const record: Record<string, unknown> = {
    user_id: id,
    email: user.email.toLowerCase(),
    email_verified: user.emailVerified,
    blocked: !user.enabled,
  };
  if (user.givenName) record.given_name = user.givenName;
  if (user.familyName) record.family_name = user.familyName;
  if (user.displayName) record.name = user.displayName;
  const metadata = Object.fromEntries(Object.entries(user.attributes).filter(([, value]) => value !== null));
  if (user.phoneNumber) metadata.phone_number = user.phoneNumber;
  if (Object.keys(metadata).length > 0) record.user_metadata = metadata;
  if (user.groups.length > 0)
    warnings.push('groups are not part of Auth0 import jobs; assign roles after the import');
  let passwordImported = false;
  if (user.passwordHash) {
    const custom = toAuth0CustomPasswordHash(user.passwordHash);
    if (custom) {
      record.custom_password_hash = custom;
      passwordImported = true;
    } else {
      warnings.push(
        `password hash ${user.passwordHash.algorithm} cannot be imported into Auth0; the user must reset the password`,
      );
    }
  }
  const factors: Record<string, unknown>[] = [];
  for (const factor of user.mfaFactors) {
    if (factor.type === 'totp')
      factors.push({ totp: { secret: factor.secret.replace(/=+$/, '').toUpperCase() } });
    else if (factor.type === 'sms') factors.push({ phone: { value: factor.phoneNumber } });
    else factors.push({ email: { value: factor.email } });
  }
  if (factors.length > 0) record.mfa_factors = factors;
  return {
    record,
    source: user,
    userId: `auth0|${id}`,
    passwordImported,
    factorsImported: factors.length,
    warnings,
  };
}

/** Splits records into JSON arrays below Auth0's file limit. */
function chunk(records: readonly ImportRecord[]): ImportRecord[][] {
  const chunks: ImportRecord[][] = [];
  let current: ImportRecord[] = [];
  let size = 2;
  for (const entry of records) {
    const bytes = Buffer.byteLength(JSON.stringify(entry.record)) + 1;
    if (current.length > 0 && size + bytes > importFileLimitBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(entry);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Bulk export through export jobs, bulk import through import jobs. */
export function createAuth0Transfer(context: Auth0Context): Partial<TransferOperations> {
  const { management, options } = context;

  const connectionId = (): string => {
    if (!options.connectionId) {
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        provider: 'auth0',
        field: 'settings.connectionId',
        message:
          'Import and export jobs need settings.connectionId (the con_... id of the database connection)',
      });
    }
    return options.connectionId;
  };

  const waitForJob = async (jobId: string) => {
    const deadline = Date.now() + options.jobTimeoutMs;
    for (;;) {
      const job = await management.jobs.get(jobId);
      if (job.status === 'completed') return job;
      if (job.status === 'failed') {
        throw new IdentityError({
          code: 'PROVIDER_ERROR',
          provider: 'auth0',
          message: `Auth0 job ${jobId} failed`,
        });
      }
      if (Date.now() > deadline) {
        throw new IdentityError({
          code: 'PROVIDER_UNAVAILABLE',
          provider: 'auth0',
          message: `Auth0 job ${jobId} did not finish in time`,
        });
      }
      await sleep(options.jobPollIntervalMs);
    }
  };

  const runImportJob = async (
    entries: ImportRecord[],
    importOptions: ImportUsersOptions,
  ): Promise<ImportOutcome[]> => {
    const file = new Blob([JSON.stringify(entries.map((entry) => entry.record))], {
      type: 'application/json',
    });
    let job: { id?: string } | undefined;
    for (let attempt = 0; !job; attempt += 1) {
      try {
        job = await management.jobs.usersImports.create({
          users: new File([file], 'users.json', { type: 'application/json' }),
          connection_id: connectionId(),
          upsert: false,
          send_completion_email: false,
        });
      } catch (error) {
        const mapped = mapAuth0Error(error);
        // Another process may hold Auth0's two job slots: wait and try again.
        if (mapped.code !== 'RATE_LIMITED' || attempt >= 20) throw mapped;
        await sleep(Math.max(options.jobPollIntervalMs, (mapped.retryAfter ?? 1) * 1000));
      }
    }
    const jobId = String(job.id);
    await waitForJob(jobId);
    const failures = new Map<string, { code: string; message: string }>();
    const reported = (await management.jobs.errors.get(jobId)) as JobError[] | undefined;
    for (const entry of Array.isArray(reported) ? reported : []) {
      const email = entry.user?.email?.toLowerCase();
      const first = entry.errors?.[0];
      if (email) failures.set(email, { code: first?.code ?? 'UNKNOWN', message: first?.message ?? '' });
    }
    return entries.map((entry): ImportOutcome => {
      const failure = failures.get(entry.source.email.toLowerCase());
      if (!failure) {
        return {
          sourceId: entry.source.sourceId,
          status: 'created',
          userId: entry.userId,
          passwordImported: entry.passwordImported,
          factorsImported: entry.factorsImported,
          errorCode: null,
          warnings: entry.warnings,
        };
      }
      const duplicate = failure.code === 'DUPLICATED_USER';
      const skipped = duplicate && (importOptions.onConflict ?? 'skip') === 'skip';
      return {
        sourceId: entry.source.sourceId,
        status: skipped ? 'skipped' : 'failed',
        userId: null,
        passwordImported: false,
        factorsImported: 0,
        errorCode: skipped ? null : duplicate ? 'USER_ALREADY_EXISTS' : 'INVALID_INPUT',
        warnings: [...entry.warnings, ...(duplicate ? [] : [`Auth0 refused the user: ${failure.code}`])],
      };
    });
  };

  const download = async (location: string): Promise<PortableUser[]> => {
    const response = await context.fetch(location);
    if (!response.ok) {
      throw new IdentityError({
        code: 'PROVIDER_UNAVAILABLE',
        provider: 'auth0',
        status: response.status,
        message: 'The export file could not be downloaded',
      });
    }
    const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    return text
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => toPortableUser(JSON.parse(line) as Record<string, unknown>));
  };

  const startExport = async (): Promise<string> => {
    const job = await management.jobs.usersExports.create({
      connection_id: connectionId(),
      format: 'json',
      fields: exportFields.map((name) => ({ name })),
    });
    return String(job.id);
  };

  return {
    exportUsers(exportOptions = {}) {
      const pageSize = exportOptions.pageSize ?? 100;
      let loaded: { jobId: string; users: PortableUser[] } | null = null;
      const fetchPage = async (cursor: string | null): Promise<Page<PortableUser>> => {
        // The cursor names the export job and the offset in its file, so a resumed run reads
        // the same snapshot instead of starting a new export.
        const [jobPart, offsetPart] = cursor ? cursor.split(':') : [null, '0'];
        const offset = Number(offsetPart);
        if (cursor && (!jobPart || !Number.isInteger(offset) || offset < 0)) {
          throw new IdentityError({
            code: 'INVALID_INPUT',
            provider: 'auth0',
            field: 'cursor',
            message: 'The cursor is not valid',
          });
        }
        try {
          if (!loaded || loaded.jobId !== jobPart) {
            const jobId = jobPart ?? (await startExport());
            const job = await waitForJob(jobId);
            const location = (job as { location?: string }).location;
            if (!location)
              throw new IdentityError({
                code: 'PROVIDER_ERROR',
                provider: 'auth0',
                message: 'The export job has no file',
              });
            loaded = { jobId, users: await download(location) };
          }
        } catch (error) {
          throw mapAuth0Error(error);
        }
        const items = loaded.users.slice(offset, offset + pageSize);
        const next = offset + items.length;
        return { items, nextCursor: next < loaded.users.length ? `${loaded.jobId}:${next}` : null };
      };
      return paginate(fetchPage, exportOptions.cursor ?? null);
    },

    async importUsers(users, importOptions = {}) {
      const entries = users.map(toImportRecord);
      const chunks = chunk(entries);
      const results: ImportOutcome[][] = new Array(chunks.length);
      let next = 0;
      const worker = async () => {
        while (next < chunks.length) {
          const index = next;
          next += 1;
          results[index] = await runImportJob(chunks[index] as ImportRecord[], importOptions);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrentJobs, chunks.length) }, worker));
      return results.flat();
    },
  };
}

function toPortableUser(record: Record<string, unknown>): PortableUser {
  const metadata = (record.user_metadata ?? {}) as Record<string, unknown>;
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      attributes[key] = value as AttributeValue;
  }
  const email = String(record.email ?? '');
  const name = typeof record.name === 'string' && record.name !== email ? record.name : null;
  return {
    sourceId: String(record.user_id),
    email,
    emailVerified: record.email_verified === true,
    phoneNumber: typeof record.phone_number === 'string' ? record.phone_number : null,
    givenName: typeof record.given_name === 'string' ? record.given_name : null,
    familyName: typeof record.family_name === 'string' ? record.family_name : null,
    displayName: name,
    enabled: record.blocked !== true,
    createdAt: typeof record.created_at === 'string' ? new Date(record.created_at) : null,
    attributes,
    // Export jobs carry no roles, no password hashes and no MFA secrets.
    groups: [],
    passwordHash: null,
    mfaFactors: [],
  };
}
