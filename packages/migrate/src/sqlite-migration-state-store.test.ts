import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MigrationUserRecord } from './migration-state-store';
import { createSqliteStateStore } from './sqlite-migration-state-store';

const created = (sourceId: string): MigrationUserRecord => ({
  sourceId,
  email: `${sourceId}@example.com`,
  status: 'created',
  targetId: `target-${sourceId}`,
  errorCode: null,
  reason: null,
  passwordImported: true,
  factorsImported: 0,
  passwordLost: false,
  firstSentAt: new Date('2026-01-01T00:00:00Z'),
});

describe('SQLite migration state store', () => {
  it('writes a page of outcomes and the cursor after it in one transaction', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'idport-state-')), 'state.db');
    const store = createSqliteStateStore(path);
    const run = { from: 'local', to: 'okta' };
    expect(store.beginRun('run', run)).toEqual({ cursor: null, resumed: false });
    store.markPending('run', [{ sourceId: 'a', email: 'a@example.com' }], new Date());
    store.recordOutcomes('run', [created('a')], 'page-2');
    expect(store.counts('run')).toMatchObject({ created: 1, pending: 0 });

    // A record the database refuses fails the whole write: neither the good outcome before
    // it nor the cursor is kept, so the cursor never passes a user without an outcome.
    const refused = { ...created('c'), status: null } as unknown as MigrationUserRecord;
    expect(() => store.recordOutcomes('run', [created('b'), refused], 'page-3')).toThrow();
    expect(store.lookup('run', ['b']).size).toBe(0);
    store.close();

    const reopened = createSqliteStateStore(path);
    expect(reopened.beginRun('run', run)).toEqual({ cursor: 'page-2', resumed: true });
    expect(reopened.lookup('run', ['a']).get('a')).toMatchObject({ status: 'created', targetId: 'target-a' });

    // The end of the source is a null cursor, written the same way.
    reopened.recordOutcomes('run', [created('b')], null);
    expect(reopened.beginRun('run', run)).toEqual({ cursor: null, resumed: true });
    expect(reopened.counts('run')).toMatchObject({ created: 2 });
    reopened.close();
  });
});
