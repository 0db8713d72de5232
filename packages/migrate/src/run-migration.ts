import {
  createRateLimiter,
  IdentityError,
  type IdentityProvider,
  type ImportOutcome,
  type OperationName,
  type PortableUser,
  portableUserSchema,
  type RateLimiter,
  supportsOperation,
} from '@idport/core';
import { AdaptiveConcurrency } from './adaptive-concurrency';
import { importBatch } from './import-batch';
import type { MigrationProgress } from './migration-progress';
import type { MigrationCounts, MigrationStateStore, MigrationUserRecord } from './migration-state-store';
import { portableUsersFrom } from './portable-user-source';
import type { UserMapping } from './user-mapping';

/** Options of {@link runMigration}. */
export interface RunMigrationOptions {
  from: IdentityProvider;
  to: IdentityProvider;
  state: MigrationStateStore;
  /** Names the run in the state store; the same id resumes it. Default `<from>-to-<to>`. */
  runId?: string;
  mapping?: UserMapping;
  /** An email already at the target: keep it (skip, default), update its profile, or fail the user. */
  conflict?: 'skip' | 'update' | 'fail';
  /** Send the target's welcome/invitation messages. Off by default. */
  sendInvitation?: boolean;
  /** Source page size (default: the source's maximum, at most 1000). */
  pageSize?: number;
  /** Users per target call (default: the target's `maxImportBatch`). */
  batchSize?: number;
  /** Most target calls in flight (default 4); lowered automatically on 429. */
  maxConcurrency?: number;
  /** Attempts per batch on retryable failures (default 8). */
  maxAttempts?: number;
  /** Total source users, when known, for the ETA. */
  total?: number;
  onProgress?: (progress: MigrationProgress) => void;
  /** Stops after the current page. */
  signal?: AbortSignal;
  /** For tests: how to wait. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** For tests: the clock the pacing reads (milliseconds, as `Date.now`). */
  now?: () => number;
}

/** What {@link runMigration} returns. */
export interface MigrationResult {
  readonly runId: string;
  readonly resumed: boolean;
  /** Outcomes of the whole run, including earlier resumed parts. */
  readonly counts: MigrationCounts;
  readonly processedThisRun: number;
  readonly elapsedMs: number;
  readonly usersPerSecond: number;
  readonly passwordsImported: number;
  readonly factorsImported: number;
  /** Times the target throttled us (each was waited out, none surfaced). */
  readonly throttled: number;
  readonly aborted: boolean;
}

const clockSkewMs = 120_000;

/** Source data is untrusted: an email may be missing or not even a string. */
const lowerEmail = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : '');
const done = new Set(['created', 'skipped', 'updated', 'failed']);

/**
 * A pacing limiter from the strictest documented budget that counts the operation the
 * engine calls on the target; none when no rule names it (the adapter then paces itself,
 * and 429s still lower the concurrency). Rules for other calls (groups, sign-in) must not
 * slow an import down.
 */
function limiterFor(
  target: IdentityProvider,
  operation: OperationName,
  clock: { sleep: (milliseconds: number) => Promise<void>; now: () => number },
): RateLimiter | null {
  const rules = target.capabilities.rateLimits.filter((rule) => rule.operations?.includes(operation));
  const strictest = rules.sort((a, b) => a.requests / a.perSeconds - b.requests / b.perSeconds)[0];
  return strictest
    ? createRateLimiter({ requests: strictest.requests, perSeconds: strictest.perSeconds, ...clock })
    : null;
}

function failed(
  user: { sourceId: string; email: string | null },
  errorCode: string,
  reason: string,
): MigrationUserRecord {
  return {
    sourceId: user.sourceId,
    email: user.email,
    status: 'failed',
    targetId: null,
    errorCode,
    reason,
    passwordImported: false,
    factorsImported: 0,
    passwordLost: false,
    firstSentAt: null,
  };
}

/**
 * Streams users from one provider to another: source pages → mapping → validation →
 * target batches, with every outcome recorded in the state store. Killed at any point and
 * run again with the same `runId`, it skips users already done and reconciles users that
 * were in flight, so nobody is lost or duplicated.
 */
export async function runMigration(options: RunMigrationOptions): Promise<MigrationResult> {
  const { from, to, state } = options;
  const runId = options.runId ?? `${from.provider}-to-${to.provider}`;
  const conflict = options.conflict ?? 'skip';
  const pageSize = Math.min(options.pageSize ?? 1000, from.capabilities.limits.maxPageSize);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? to.capabilities.limits.maxImportBatch, 10_000));
  const maxAttempts = options.maxAttempts ?? 8;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limiter = limiterFor(
    to,
    supportsOperation(to.capabilities, 'transfer.importUsers') ? 'transfer.importUsers' : 'users.create',
    { sleep, now: options.now ?? Date.now },
  );
  const concurrency = new AdaptiveConcurrency(options.maxConcurrency ?? 4);
  const canLookUp = supportsOperation(to.capabilities, 'users.findByEmail');
  // A source that exports no hashes gives every user a null hash: each of them arrives
  // without a password and belongs in the failure file, as the plan said.
  const sourceHidesHashes =
    !supportsOperation(from.capabilities, 'transfer.exportUsers') ||
    from.capabilities.passwordHashes.exportable.length === 0;
  const hiddenHashReason = `${from.provider} does not export password hashes: the user must reset it or move by lazy migration`;

  const { cursor: startCursor, resumed } = state.beginRun(runId, { from: from.provider, to: to.provider });
  const started = Date.now();
  const tally = {
    processed: 0,
    created: 0,
    skipped: 0,
    updated: 0,
    failed: 0,
    seen: 0,
    passwords: 0,
    factors: 0,
  };
  let throttled = 0;

  const progress = () => {
    const elapsedMs = Date.now() - started;
    options.onProgress?.({
      processed: tally.processed,
      created: tally.created,
      skipped: tally.skipped,
      updated: tally.updated,
      failed: tally.failed,
      seen: tally.seen,
      total: options.total ?? null,
      elapsedMs,
      usersPerSecond: elapsedMs > 0 ? (tally.processed * 1000) / elapsedMs : 0,
      concurrency: concurrency.limit,
      throttled,
    });
  };

  // Outcomes of the current page, written with the page's cursor in one transaction when the
  // page is done: a crash before that leaves its users pending, which a resume reconciles.
  let pageRecords: MigrationUserRecord[] = [];
  const record = (records: MigrationUserRecord[]) => {
    for (const item of records) {
      pageRecords.push(item);
      tally.processed += 1;
      if (item.status !== 'pending') tally[item.status] += 1;
      if (item.passwordImported) tally.passwords += 1;
      tally.factors += item.factorsImported;
    }
  };

  /** A skipped user that we had already sent is ours if the target created it after we sent it. */
  const resolveSkipped = async (
    user: PortableUser,
    outcome: ImportOutcome,
    sentBefore: Date | null,
  ): Promise<MigrationUserRecord> => {
    const existing = canLookUp ? await to.users.findByEmail(user.email) : null;
    const base = {
      sourceId: user.sourceId,
      email: user.email,
      targetId: existing?.id ?? outcome.userId,
      passwordImported: false,
      factorsImported: 0,
      passwordLost: false,
      firstSentAt: sentBefore,
    };
    const createdAt = existing?.createdAt ?? null;
    // Ours if the target created it after our first send, or if it carries the source's own
    // creation time (targets that preserve it on import, as a migration should).
    const carriesSourceCreation =
      createdAt !== null &&
      user.createdAt !== null &&
      createdAt.getTime() === new Date(user.createdAt).getTime();
    if (
      sentBefore &&
      (!createdAt || carriesSourceCreation || createdAt.getTime() >= sentBefore.getTime() - clockSkewMs)
    ) {
      return { ...base, status: 'created', errorCode: null, reason: 'created by an earlier attempt' };
    }
    if (conflict === 'fail') {
      return {
        ...base,
        status: 'failed',
        errorCode: 'USER_ALREADY_EXISTS',
        reason: 'the email exists at the target',
      };
    }
    if (conflict === 'update' && existing) {
      await to.users.update(existing.id, {
        emailVerified: user.emailVerified,
        givenName: user.givenName,
        familyName: user.familyName,
        displayName: user.displayName,
        ...(Object.keys(user.attributes).length > 0 ? { attributes: { ...user.attributes } } : {}),
      });
      return { ...base, status: 'updated', errorCode: null, reason: 'profile updated at the target' };
    }
    return { ...base, status: 'skipped', errorCode: null, reason: 'the email exists at the target' };
  };

  /**
   * `previous` holds the records from before this run marked the users pending: a user
   * pending there was sent by a run that died, so a "skipped" answer may be our own write.
   * Within this run, a retried attempt may have landed too.
   */
  const sendBatch = async (
    users: PortableUser[],
    previous: Map<string, MigrationUserRecord>,
  ): Promise<void> => {
    let remaining = users;
    const firstSent = new Date();
    for (let attempt = 1; remaining.length > 0; attempt += 1) {
      await concurrency.acquire();
      let outcomes: ImportOutcome[];
      try {
        outcomes = await importBatch(to, remaining, {
          sendInvitation: options.sendInvitation ?? false,
          beforeEachCall: async () => {
            await limiter?.acquire();
          },
        });
        concurrency.release('success');
      } catch (error) {
        const identityError = IdentityError.isInstance(error) ? error : null;
        const isThrottle = identityError?.code === 'RATE_LIMITED';
        concurrency.release(isThrottle ? 'throttled' : 'error');
        if (!identityError?.retryable || attempt >= maxAttempts) {
          const code = identityError?.code ?? 'PROVIDER_ERROR';
          record(remaining.map((user) => failed(user, code, `the target refused the batch (${code})`)));
          return;
        }
        if (isThrottle) {
          throttled += 1;
          limiter?.pauseFor(identityError.retryAfter ?? 1);
        }
        await sleep(Math.min(30_000, (identityError.retryAfter ?? 0.2 * 2 ** attempt) * 1000));
        continue;
      }
      const bySource = new Map(outcomes.map((outcome) => [outcome.sourceId, outcome]));
      const finished: MigrationUserRecord[] = [];
      const retry: PortableUser[] = [];
      for (const user of remaining) {
        const outcome = bySource.get(user.sourceId);
        const before = previous.get(user.sourceId);
        if (!outcome) {
          finished.push(failed(user, 'PROVIDER_ERROR', 'the target reported no outcome for this user'));
        } else if (outcome.status === 'created') {
          const hashHidden = user.passwordHash === null && sourceHidesHashes;
          const reasons = hashHidden ? [...outcome.warnings, hiddenHashReason] : outcome.warnings;
          finished.push({
            sourceId: user.sourceId,
            email: user.email,
            status: 'created',
            targetId: outcome.userId,
            errorCode: null,
            reason: reasons.join('; ') || null,
            passwordImported: outcome.passwordImported,
            factorsImported: outcome.factorsImported,
            passwordLost: hashHidden || (user.passwordHash !== null && !outcome.passwordImported),
            firstSentAt: before?.firstSentAt ?? null,
          });
        } else if (outcome.status === 'skipped') {
          const sentBefore =
            before?.status === 'pending' ? before.firstSentAt : attempt > 1 ? firstSent : null;
          finished.push(await resolveSkipped(user, outcome, sentBefore));
        } else if (
          (outcome.errorCode === 'RATE_LIMITED' || outcome.errorCode === 'PROVIDER_UNAVAILABLE') &&
          attempt < maxAttempts
        ) {
          retry.push(user);
        } else {
          finished.push(
            failed(user, outcome.errorCode ?? 'PROVIDER_ERROR', outcome.warnings.join('; ') || 'refused'),
          );
        }
      }
      record(finished);
      progress();
      if (retry.length > 0) {
        throttled += 1;
        concurrency.throttle();
        await sleep(Math.min(30_000, 200 * 2 ** attempt));
      }
      remaining = retry;
    }
  };

  let aborted = false;
  for await (const page of portableUsersFrom(from, { pageSize, cursor: startCursor }).pages()) {
    tally.seen += page.items.length;
    const previous = state.lookup(
      runId,
      page.items.map((user) => user.sourceId),
    );
    const owners = state.ownersOfEmails(
      runId,
      page.items.map((user) => lowerEmail(user.email)),
    );
    const toSend: PortableUser[] = [];
    const rejected: MigrationUserRecord[] = [];
    const emailsInPage = new Set<string>();
    for (const sourceUser of page.items) {
      const before = previous.get(sourceUser.sourceId);
      if (before && done.has(before.status)) continue;
      let user: PortableUser | null;
      try {
        user = options.mapping ? await options.mapping(sourceUser) : sourceUser;
      } catch {
        rejected.push(failed(sourceUser, 'MAPPING_FAILED', 'the mapping module threw for this user'));
        continue;
      }
      if (user === null) {
        rejected.push({
          ...failed(sourceUser, 'MAPPING_SKIPPED', 'left out by the mapping'),
          status: 'skipped',
        });
        continue;
      }
      const parsed = portableUserSchema.safeParse(user);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = (issue?.path ?? []).map(String).join('.') || 'user';
        rejected.push(failed(sourceUser, 'INVALID_INPUT', `${field} ${issue?.message ?? 'is invalid'}`));
        continue;
      }
      const email = user.email.toLowerCase();
      // A mapping may change the email: then the page-level lookup did not cover it.
      const owner =
        email === lowerEmail(sourceUser.email)
          ? (owners.get(email) ?? null)
          : (state.ownersOfEmails(runId, [email]).get(email) ?? null);
      if (emailsInPage.has(email) || (owner !== null && owner !== user.sourceId)) {
        rejected.push(
          failed(sourceUser, 'DUPLICATE_EMAIL_IN_SOURCE', 'another source user has the same email'),
        );
        continue;
      }
      emailsInPage.add(email);
      toSend.push(user);
    }
    if (rejected.length > 0) record(rejected);
    // Pending before sending: a crash between send and record is reconciled on resume.
    state.markPending(
      runId,
      toSend.map((user) => ({ sourceId: user.sourceId, email: user.email })),
      new Date(),
    );
    const batches: PortableUser[][] = [];
    for (let index = 0; index < toSend.length; index += batchSize)
      batches.push(toSend.slice(index, index + batchSize));
    await Promise.all(batches.map((batch) => sendBatch(batch, previous)));
    state.recordOutcomes(runId, pageRecords, page.nextCursor);
    pageRecords = [];
    progress();
    // Between pages, let the event loop run: with synchronous providers (SQLite) every await
    // above settles at once, and a Ctrl-C, a timer or a message would wait for the whole run.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
  }
  if (!aborted) state.completeRun(runId, new Date());
  const elapsedMs = Date.now() - started;
  return {
    runId,
    resumed,
    counts: state.counts(runId),
    processedThisRun: tally.processed,
    elapsedMs,
    usersPerSecond: elapsedMs > 0 ? (tally.processed * 1000) / elapsedMs : 0,
    passwordsImported: tally.passwords,
    factorsImported: tally.factors,
    throttled,
    aborted,
  };
}
