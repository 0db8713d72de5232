import { randomUUID } from 'node:crypto';
import { type CreateGroupInput, type Group, type GroupOperations, paginate } from '@idport/core';
import { decodeCursor, encodeCursor } from './encode-cursor';
import type { LocalContext } from './local-context';
import { localError } from './local-errors';
import { requireUserRow } from './local-user-rows';

interface GroupRow {
  seq: number;
  id: string;
  name: string;
  description: string | null;
  created_at: number;
}

function mapGroup(row: GroupRow): Group {
  return { id: row.id, name: row.name, description: row.description, raw: { seq: row.seq } };
}

/** Finds a group by name, creating it if missing (used by imports). */
export function ensureGroup(context: LocalContext, name: string): string {
  const existing = context.database.prepare('SELECT id FROM groups WHERE name = ?').get(name) as
    | { id: string }
    | undefined;
  if (existing) return existing.id;
  const id = randomUUID();
  context.database
    .prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)')
    .run(id, name, context.now().getTime());
  return id;
}

/** Groups on the local store. */
export function createLocalGroups(context: LocalContext): GroupOperations {
  const { database, now } = context;

  const requireGroup = (groupId: string): GroupRow => {
    const row = database.prepare('SELECT * FROM groups WHERE id = ?').get(groupId) as GroupRow | undefined;
    if (!row) throw localError('GROUP_NOT_FOUND', 'No group has this id');
    return row;
  };

  return {
    list(options) {
      const pageSize = options?.pageSize ?? 100;
      return paginate(async (cursor) => {
        const rows = database
          .prepare('SELECT * FROM groups WHERE seq > ? ORDER BY seq LIMIT ?')
          .all(decodeCursor(cursor), pageSize + 1) as GroupRow[];
        const items = rows.slice(0, pageSize);
        const last = items[items.length - 1];
        return {
          items: items.map(mapGroup),
          nextCursor: rows.length > pageSize && last ? encodeCursor(last.seq) : null,
        };
      }, options?.cursor ?? null);
    },

    async create({ name, description }: CreateGroupInput): Promise<Group> {
      const id = randomUUID();
      database.transaction(() => {
        if (database.prepare('SELECT 1 FROM groups WHERE name = ?').get(name)) {
          throw localError('GROUP_ALREADY_EXISTS', 'A group with this name exists');
        }
        database
          .prepare('INSERT INTO groups (id, name, description, created_at) VALUES (?, ?, ?, ?)')
          .run(id, name, description ?? null, now().getTime());
      })();
      return mapGroup(requireGroup(id));
    },

    async delete(groupId: string): Promise<void> {
      const result = database.prepare('DELETE FROM groups WHERE id = ?').run(groupId);
      if (result.changes === 0) throw localError('GROUP_NOT_FOUND', 'No group has this id');
    },

    async addMember({ groupId, userId }): Promise<void> {
      database.transaction(() => {
        requireGroup(groupId);
        requireUserRow(context, userId);
        database
          .prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)')
          .run(groupId, userId);
      })();
    },

    async removeMember({ groupId, userId }): Promise<void> {
      database.transaction(() => {
        requireGroup(groupId);
        requireUserRow(context, userId);
        database.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
      })();
    },

    async listForUser(userId: string): Promise<Group[]> {
      requireUserRow(context, userId);
      const rows = database
        .prepare(
          'SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name',
        )
        .all(userId) as GroupRow[];
      return rows.map(mapGroup);
    },
  };
}
