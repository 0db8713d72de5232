/**
 * Seconds to wait from rate-limit response headers: `Retry-After` (seconds or HTTP date),
 * else an epoch-seconds reset header (`X-RateLimit-Reset`, `X-Rate-Limit-Reset`), measured
 * against the response's `Date` when present so a skewed local clock does not matter.
 * Returns undefined when no header says.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | Record<string, string | undefined>,
  now: Date = new Date(),
): number | undefined {
  const read = (name: string): string | undefined => {
    if (typeof (headers as { get?: unknown }).get === 'function') {
      return (headers as { get(name: string): string | null }).get(name) ?? undefined;
    }
    const record = headers as Record<string, string | undefined>;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : record[key];
  };

  const retryAfter = read('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.min(Number(retryAfter), 3600);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, (date - now.getTime()) / 1000), 3600);
  }
  const reset = read('x-ratelimit-reset') ?? read('x-rate-limit-reset');
  if (reset && /^\d+$/.test(reset.trim())) {
    const serverDate = read('date');
    const reference =
      serverDate && !Number.isNaN(Date.parse(serverDate)) ? Date.parse(serverDate) : now.getTime();
    return Math.min(Math.max(0, Number(reset) - Math.floor(reference / 1000)), 3600);
  }
  return undefined;
}
