import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An OpenAPI document the spec checker validates traffic against, with where it comes from. */
export interface SpecDocument {
  /** Short id, used in violation messages (`keycloak-admin`). */
  readonly id: string;
  /** The parsed OpenAPI 3.0 or 3.1 document. */
  readonly document: OpenApiDocument;
  /** Where the file comes from (repository and path, or the public references it was written from). */
  readonly source: string;
  readonly licence: string;
  /** `vendor`: published by the vendor. `idport`: written by us from public references (see `source`). */
  readonly authoredBy: 'vendor' | 'idport';
  /**
   * Path prefix the document's paths are relative to (Auth0's management paths live under
   * `/api/v2`). Default: the path of the first `servers` URL, or none.
   */
  readonly basePath?: string;
}

/** The path prefix of a document: explicit, else from its first server URL (`https://{host}/api/v2`). */
export function documentBasePath(spec: SpecDocument): string {
  if (spec.basePath !== undefined) return spec.basePath.replace(/\/+$/, '');
  const servers = spec.document.servers as { url?: string }[] | undefined;
  const url = servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url);
  const path = match ? (match[1] ?? '') : url.startsWith('/') ? url : '';
  return path.replace(/\/+$/, '');
}

/** The parts of an OpenAPI document the checker reads. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

function specsDirectoryCandidates(): string[] {
  // Works from src/framework (tests), dist/ (published, ESM and CJS through tsup's shim).
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '..', '..', 'specs'), join(here, '..', 'specs'), join(here, 'specs')];
}

/** Reads a JSON document shipped in this package's `specs/` folder. */
export function readShippedSpec(fileName: string): OpenApiDocument {
  const errors: string[] = [];
  for (const directory of specsDirectoryCandidates()) {
    try {
      return JSON.parse(readFileSync(join(directory, fileName), 'utf8')) as OpenApiDocument;
    } catch (error) {
      errors.push(`${directory}: ${(error as Error).message}`);
    }
  }
  throw new Error(`Spec file ${fileName} not found in the package's specs folder (${errors.join('; ')})`);
}
