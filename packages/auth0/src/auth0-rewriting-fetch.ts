/**
 * A fetch that sends calls for `https://{domain}` to another base URL (a local Auth0 fake),
 * keeping path and query. Calls to other hosts pass through unchanged. The Auth0 SDKs hard-code
 * `https://{domain}`; this is how tests point them elsewhere without patching them.
 */
export function createAuth0RewritingFetch(
  domain: string,
  baseUrl: string,
  inner: typeof fetch = fetch,
): typeof fetch {
  const target = new URL(baseUrl);
  const rewrite = (url: URL): URL => {
    if (url.host !== domain) return url;
    const next = new URL(url.pathname + url.search, target);
    return next;
  };
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (input instanceof Request) {
      const url = rewrite(new URL(input.url));
      return inner(new Request(url, input), init);
    }
    return inner(rewrite(new URL(String(input))), init);
  }) as typeof fetch;
}
