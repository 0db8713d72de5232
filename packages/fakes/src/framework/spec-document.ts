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
