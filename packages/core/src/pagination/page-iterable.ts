/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `cursor` to resume after this page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A listing that iterates item by item (`for await (const user of provider.users.list())`)
 * and also page by page, so a caller can persist `nextCursor` and resume after a crash.
 */
export interface PageIterable<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
}

/** Fetches the page that starts after `cursor` (null for the first page). */
export type PageFetcher<T> = (cursor: string | null) => Promise<Page<T>>;

/** Builds a {@link PageIterable} from a function that fetches one page. */
export function paginate<T>(fetchPage: PageFetcher<T>, startCursor: string | null = null): PageIterable<T> {
  async function* pages(): AsyncGenerator<Page<T>> {
    let cursor = startCursor;
    for (;;) {
      const page = await fetchPage(cursor);
      yield page;
      if (page.nextCursor === null || page.nextCursor === cursor) return;
      cursor = page.nextCursor;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
  };
}

/** Reads a whole listing into an array. Use with care on large tenants. */
export async function collect<T>(iterable: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}
