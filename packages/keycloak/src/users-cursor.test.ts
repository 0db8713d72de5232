import { describe, expect, it } from 'vitest';
import { decodeUsersCursor, encodeUsersCursor, pageFromWindow } from './users-cursor';

const users = (...names: string[]) => names.map((username) => ({ username }));

describe('users cursor over offset paging', () => {
  it('round-trips and refuses cursors it did not issue', () => {
    const cursor = { offset: 4, lastUsername: 'd' };
    expect(decodeUsersCursor(encodeUsersCursor(cursor))).toEqual(cursor);
    expect(() => decodeUsersCursor('not-a-cursor')).toThrow(/cursor/);
    expect(() => decodeUsersCursor('kcu1.e30')).toThrow(/cursor/);
  });

  it('continues after the last username when a user was inserted before it', () => {
    // Page 1 returned a, b (offset 2). Then "aa" was inserted: the window now starts at 0.
    const window = users('a', 'aa', 'b', 'c', 'd');
    // Asked for 6, got 5: the window reaches the end of the listing.
    const page = pageFromWindow(window, 0, 6, { offset: 2, lastUsername: 'b' }, 2);
    expect(page.items.map((user) => user.username)).toEqual(['c', 'd']);
    expect(page.nextCursor).toBeNull();
  });

  it('does not skip a user when one before the cursor was deleted', () => {
    // Page 1 returned a, b (offset 2). Then "a" was deleted.
    const window = users('b', 'c', 'd', 'e');
    const page = pageFromWindow(window, 0, 5, { offset: 2, lastUsername: 'b' }, 2);
    expect(page.items.map((user) => user.username)).toEqual(['c', 'd']);
    expect(page.nextCursor).toEqual({ offset: 3, lastUsername: 'd' });
  });

  it('resumes by order when the last user itself was deleted', () => {
    const window = users('a', 'c', 'd');
    const page = pageFromWindow(window, 0, 5, { offset: 2, lastUsername: 'b' }, 2);
    expect(page.items.map((user) => user.username)).toEqual(['c', 'd']);
  });
});
