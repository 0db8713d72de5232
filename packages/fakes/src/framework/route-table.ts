import type { FakeRoute } from './fake-http';

interface CompiledRoute {
  readonly route: FakeRoute;
  readonly segments: readonly string[];
  /** Literal segments count: the most literal template wins (`/users/count` over `/users/{id}`). */
  readonly literalCount: number;
}

/** Result of {@link RouteTable.match}. */
export interface RouteMatch {
  readonly route: FakeRoute;
  readonly params: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/**
 * Matches a decoded request path against path templates (`/admin/realms/{realm}/users/{id}`).
 * Templates use the same `{name}` syntax as OpenAPI so spec paths and routes read alike.
 */
export class RouteTable {
  readonly #routes: CompiledRoute[] = [];

  add(route: FakeRoute): void {
    const segments = splitPath(route.path);
    this.#routes.push({
      route,
      segments,
      literalCount: segments.filter((segment) => !isParameter(segment)).length,
    });
    this.#routes.sort((left, right) => right.literalCount - left.literalCount);
  }

  /** The best match for the path, and whether any route has this path with another method. */
  match(method: string, rawPath: string): { match: RouteMatch | null; pathExists: boolean } {
    const requestSegments = splitPath(rawPath).map(decodeSegment);
    let pathExists = false;
    for (const compiled of this.#routes) {
      const params = matchSegments(compiled.segments, requestSegments);
      if (!params) continue;
      pathExists = true;
      if (compiled.route.method === method) return { match: { route: compiled.route, params }, pathExists };
    }
    return { match: null, pathExists };
  }
}

/** Matches template segments against request segments; returns the parameters or null. */
export function matchSegments(
  template: readonly string[],
  request: readonly string[],
): Record<string, string> | null {
  if (template.length !== request.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < template.length; index += 1) {
    const expected = template[index] as string;
    const actual = request[index] as string;
    if (isParameter(expected)) {
      params[expected.slice(1, -1)] = actual;
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** Percent-decodes one path segment; a malformed escape is kept as is. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export { splitPath };
