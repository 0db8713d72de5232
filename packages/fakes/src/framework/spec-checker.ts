import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { decodeSegment, matchSegments, splitPath } from './route-table';
import { documentBasePath, type OpenApiDocument, type SpecDocument } from './spec-document';

// ajv-formats is CJS with a default export; under ESM interop it can arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

/** A request or response that does not match the vendor's OpenAPI document. */
export interface SpecViolation {
  readonly kind: 'request' | 'response';
  readonly method: string;
  /** The concrete path of the call. */
  readonly path: string;
  /** The OpenAPI path template it matched, and the document. */
  readonly operation: string;
  readonly status: number | null;
  readonly errors: readonly string[];
}

/** A documented departure from the published document, applied when it is known to be wrong. */
export interface SpecCorrection {
  readonly method: string;
  readonly path: string;
  readonly part: 'requestBody' | 'responseBody';
  /** Status the response correction applies to. */
  readonly status?: number;
  /** JSON Schema (may `$ref` `#/components/schemas/...` of the same document). */
  readonly schema: Record<string, unknown>;
  /** Why the published document is wrong here, with the reference that shows the real shape. */
  readonly reason: string;
}

/** Options of {@link SpecChecker}. */
export interface SpecCheckerOptions {
  /**
   * Treat objects in responses as closed (`additionalProperties: false` where the document
   * lists properties and says nothing), so a fake cannot invent fields. Default true.
   */
  readonly closedResponseObjects?: boolean;
  /** Statuses any operation may answer though few documents list them (401 on a missing token). */
  readonly implicitStatuses?: readonly number[];
  readonly corrections?: readonly SpecCorrection[];
}

/** An operation of a document that a concrete request matched. */
export interface SpecOperation {
  readonly documentId: string;
  readonly method: string;
  readonly pathTemplate: string;
  readonly pathParams: Record<string, string>;
  readonly definition: OperationObject;
  readonly pathItem: Record<string, unknown>;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> } | { $ref: string };
  responses?: Record<string, ResponseObject>;
}

interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}

interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
  $ref?: string;
}

interface LoadedDocument {
  readonly spec: SpecDocument;
  readonly requestAjv: Ajv;
  readonly responseAjv: Ajv;
  readonly documentUri: string;
  /** Segments every path of the document is under (from `servers` or `basePath`). */
  readonly baseSegments: readonly string[];
  readonly templates: { template: string; segments: string[]; literalCount: number }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepClone<T>(value: T): T {
  return structuredClone(value);
}

/** JSON Pointer escaping of one token. */
function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A URI fragment (`#/a/b`) pointing into the document, escaped for JSON Pointer and URI. */
function fragment(...tokens: string[]): string {
  return `#/${tokens.map((token) => encodeURIComponent(pointerToken(token))).join('/')}`;
}

/**
 * Prepares a document for ajv: rewrites local `$ref`s to absolute ones, converts OpenAPI 3.0
 * boolean `exclusiveMinimum/Maximum` to JSON Schema numbers and, for responses, closes objects.
 */
function prepareDocument(
  document: OpenApiDocument,
  documentUri: string,
  closeObjects: boolean,
  allOfTargets: ReadonlySet<string>,
): Record<string, unknown> {
  const copy = deepClone(document) as unknown as Record<string, unknown>;
  // `insideAllOf`: the node is an inline branch of an `allOf`; closing it would reject the
  // properties the other branches add (Okta's `UserGetSingleton` = allOf[User, {_embedded}]).
  const visit = (node: unknown, pointer: string, insideAllOf = false): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${pointer}/${index}`, pointer.endsWith('/allOf'));
      });
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) node.$ref = documentUri + node.$ref;
    if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
      node.exclusiveMinimum = node.minimum;
      delete node.minimum;
    } else if (node.exclusiveMinimum === false) delete node.exclusiveMinimum;
    if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
      node.exclusiveMaximum = node.maximum;
      delete node.maximum;
    } else if (node.exclusiveMaximum === false) delete node.exclusiveMaximum;
    if (
      closeObjects &&
      isRecord(node.properties) &&
      node.additionalProperties === undefined &&
      node.allOf === undefined &&
      node.anyOf === undefined &&
      node.oneOf === undefined &&
      !insideAllOf &&
      !allOfTargets.has(pointer)
    ) {
      node.additionalProperties = false;
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${pointer}/${pointerToken(key)}`);
  };
  visit(copy, '#');
  delete copy.openapi;
  copy.$id = documentUri;
  return copy;
}

/** Pointers of schemas used inside an `allOf` (closing them would reject the other branches' fields). */
function collectAllOfTargets(document: OpenApiDocument): Set<string> {
  const targets = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isRecord(node)) return;
    if (Array.isArray(node.allOf)) {
      for (const branch of node.allOf) {
        if (isRecord(branch) && typeof branch.$ref === 'string') targets.add(branch.$ref);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(document);
  return targets;
}

function createAjv(openapiVersion: string): Ajv {
  const options = { strict: false, allErrors: true, validateFormats: true, discriminator: false } as const;
  const ajv = openapiVersion.startsWith('3.1') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  // OpenAPI format names that are not JSON Schema formats.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  for (const name of ['float', 'double']) ajv.addFormat(name, { type: 'number', validate: () => true });
  for (const name of ['byte', 'binary', 'password'])
    ajv.addFormat(name, { type: 'string', validate: () => true });
  return ajv as Ajv;
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).slice(0, 10).map((error) => {
    const location = `${where}${error.instancePath}`;
    const detail =
      error.keyword === 'additionalProperties'
        ? `has undocumented property "${(error.params as { additionalProperty: string }).additionalProperty}"`
        : (error.message ?? error.keyword);
    return `${location} ${detail}`;
  });
}

function coerceQueryValue(raw: string, schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') {
    const value = Number(raw);
    return raw.trim() === '' || Number.isNaN(value) ? raw : value;
  }
  if (type === 'boolean') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return raw;
  }
  return raw;
}

/**
 * Validates requests and responses against OpenAPI documents with ajv (draft-07 for
 * OpenAPI 3.0, JSON Schema 2020-12 for 3.1). Validators are compiled lazily per operation.
 */
export class SpecChecker {
  readonly #documents: LoadedDocument[] = [];
  readonly #options: SpecCheckerOptions;
  readonly #cache = new Map<string, ValidateFunction | null>();

  constructor(documents: readonly SpecDocument[], options: SpecCheckerOptions = {}) {
    this.#options = options;
    for (const spec of documents) {
      const documentUri = `https://idport.invalid/specs/${spec.id}`;
      const allOfTargets = new Set(
        [...collectAllOfTargets(spec.document)].filter((ref) => ref.startsWith('#')),
      );
      const requestAjv = createAjv(spec.document.openapi);
      requestAjv.addSchema(prepareDocument(spec.document, documentUri, false, allOfTargets), documentUri);
      const responseAjv = createAjv(spec.document.openapi);
      responseAjv.addSchema(
        prepareDocument(spec.document, documentUri, options.closedResponseObjects ?? true, allOfTargets),
        documentUri,
      );
      const templates = Object.keys(spec.document.paths).map((template) => {
        const segments = splitPath(template);
        return {
          template,
          segments,
          literalCount: segments.filter((segment) => !segment.startsWith('{')).length,
        };
      });
      templates.sort((left, right) => right.literalCount - left.literalCount);
      const baseSegments = splitPath(documentBasePath(spec));
      this.#documents.push({ spec, requestAjv, responseAjv, documentUri, baseSegments, templates });
    }
  }

  /** The documented operation for a call, or null when no document covers it. */
  findOperation(method: string, rawPath: string): SpecOperation | null {
    const lower = method.toLowerCase();
    const allSegments = splitPath(rawPath).map(decodeSegment);
    for (const loaded of this.#documents) {
      const base = loaded.baseSegments;
      if (base.some((segment, index) => allSegments[index] !== segment)) continue;
      const segments = allSegments.slice(base.length);
      for (const { template, segments: templateSegments } of loaded.templates) {
        const params = matchSegments(templateSegments, segments);
        if (!params) continue;
        const pathItem = loaded.spec.document.paths[template] as Record<string, unknown>;
        const definition = pathItem[lower];
        if (!isRecord(definition)) continue;
        return {
          documentId: loaded.spec.id,
          method: method.toUpperCase(),
          pathTemplate: template,
          pathParams: params,
          definition: definition as OperationObject,
          pathItem,
        };
      }
    }
    return null;
  }

  #document(operation: SpecOperation): LoadedDocument {
    return this.#documents.find((loaded) => loaded.spec.id === operation.documentId) as LoadedDocument;
  }

  #correction(operation: SpecOperation, part: SpecCorrection['part'], status?: number) {
    return this.#options.corrections?.find(
      (correction) =>
        correction.method.toUpperCase() === operation.method &&
        correction.path === operation.pathTemplate &&
        correction.part === part &&
        (part === 'requestBody' || correction.status === status),
    );
  }

  #validator(operation: SpecOperation, kind: 'request' | 'response', pointer: string, schema?: unknown) {
    const key = `${operation.documentId} ${kind} ${pointer}`;
    if (this.#cache.has(key)) return this.#cache.get(key) ?? null;
    const loaded = this.#document(operation);
    const ajv = kind === 'request' ? loaded.requestAjv : loaded.responseAjv;
    let validate: ValidateFunction | null;
    if (schema !== undefined) {
      // A correction: resolve its local refs against the document.
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"$ref":"#', `"$ref":"${loaded.documentUri}#`),
      ) as Record<string, unknown>;
      validate = ajv.compile(rewritten);
    } else {
      validate = ajv.compile({ $ref: `${loaded.documentUri}${pointer}` });
    }
    this.#cache.set(key, validate);
    return validate;
  }

  #resolveParameter(operation: SpecOperation, parameter: ParameterObject): ParameterObject {
    if (!parameter.$ref) return parameter;
    const loaded = this.#document(operation);
    const path = parameter.$ref.replace(/^#\//, '').split('/');
    let node: unknown = loaded.spec.document;
    for (const token of path)
      node = (node as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
    return node as ParameterObject;
  }

  /** Checks query, path parameters and body of a request. Returns readable errors. */
  checkRequest(
    operation: SpecOperation,
    request: { query: URLSearchParams; contentType: string | null; body: unknown; hasBody: boolean },
  ): string[] {
    const errors: string[] = [];
    const parameters = [
      ...((operation.pathItem.parameters as ParameterObject[] | undefined) ?? []),
      ...(operation.definition.parameters ?? []),
    ].map((parameter) => this.#resolveParameter(operation, parameter));
    const loaded = this.#document(operation);
    const declaredQuery = new Set<string>();
    for (const parameter of parameters) {
      if (parameter.in === 'query') declaredQuery.add(parameter.name);
      if (parameter.in !== 'query' && parameter.in !== 'path') continue;
      const values =
        parameter.in === 'query'
          ? request.query.getAll(parameter.name)
          : operation.pathParams[parameter.name] === undefined
            ? []
            : [operation.pathParams[parameter.name] as string];
      if (values.length === 0) {
        if (parameter.required) errors.push(`${parameter.in} parameter "${parameter.name}" is required`);
        continue;
      }
      if (!parameter.schema) continue;
      const schema = parameter.schema;
      const value =
        schema.type === 'array'
          ? values.map((raw) => coerceQueryValue(raw, schema.items as Record<string, unknown> | undefined))
          : coerceQueryValue(values[values.length - 1] as string, schema);
      const key = `${operation.documentId} param ${operation.method} ${operation.pathTemplate} ${parameter.in} ${parameter.name}`;
      let validate = this.#cache.get(key);
      if (!validate) {
        const rewritten = JSON.parse(
          JSON.stringify(schema).replaceAll('"$ref":"#', `"$ref":"${loaded.documentUri}#`),
        ) as Record<string, unknown>;
        validate = loaded.requestAjv.compile(rewritten);
        this.#cache.set(key, validate);
      }
      if (!validate(value))
        errors.push(...formatErrors(validate.errors, `${parameter.in} "${parameter.name}"`));
    }
    for (const name of new Set(request.query.keys())) {
      if (!declaredQuery.has(name)) errors.push(`query parameter "${name}" is not documented`);
    }

    const correction = this.#correction(operation, 'requestBody');
    const requestBody = operation.definition.requestBody as
      | { required?: boolean; content?: Record<string, { schema?: unknown }> }
      | undefined;
    if (!requestBody) {
      // SDKs often send `{}` with DELETE/PUT/POST calls that take nothing (the Keycloak admin
      // client sends JSON.stringify of its empty payload); servers ignore it, so only a body
      // with content counts as undocumented.
      const emptyJson =
        typeof request.body === 'object' && request.body !== null && Object.keys(request.body).length === 0;
      if (request.hasBody && !emptyJson) errors.push('a body was sent but the operation documents none');
      return errors;
    }
    if (!request.hasBody) {
      if (requestBody.required) errors.push('the documented request body is missing');
      return errors;
    }
    const mediaTypes = Object.keys(requestBody.content ?? {});
    const mediaType = request.contentType ?? '';
    if (mediaTypes.length > 0 && !mediaTypes.includes(mediaType)) {
      errors.push(`content type "${mediaType}" is not one of ${mediaTypes.join(', ')}`);
      return errors;
    }
    // JSON bodies, and form bodies (parsed to an object of strings: OAuth token endpoints).
    if (mediaType !== 'application/json' && mediaType !== 'application/x-www-form-urlencoded') return errors;
    const pointer = fragment(
      'paths',
      operation.pathTemplate,
      operation.method.toLowerCase(),
      'requestBody',
      'content',
      mediaType,
      'schema',
    );
    const hasSchema = requestBody.content?.[mediaType]?.schema !== undefined;
    // Corrections apply to form bodies too (Okta's `/challenge` documents an array that travels
    // as one space-separated form field).
    const applies = correction !== undefined;
    if (!hasSchema && !applies) return errors;
    const validate = this.#validator(
      operation,
      'request',
      applies ? `correction:${pointer}` : pointer,
      applies ? correction?.schema : undefined,
    );
    if (validate && !validate(request.body)) errors.push(...formatErrors(validate.errors, 'body'));
    return errors;
  }

  /** Checks a response's status and JSON body against the documented responses. */
  checkResponse(
    operation: SpecOperation,
    response: { status: number; contentType: string | null; body: unknown; hasBody: boolean },
  ): string[] {
    const responses = operation.definition.responses ?? {};
    const statusKey = String(response.status);
    const key =
      statusKey in responses
        ? statusKey
        : `${statusKey[0]}XX` in responses
          ? `${statusKey[0]}XX`
          : 'default' in responses
            ? 'default'
            : null;
    if (key === null) {
      if (this.#options.implicitStatuses?.includes(response.status)) return [];
      return [
        `status ${response.status} is not documented (documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    const documented = responses[key] as ResponseObject;
    const correction = this.#correction(operation, 'responseBody', response.status);
    const content = documented.content;
    if (!response.hasBody) {
      const schema = content?.['application/json']?.schema;
      // A documented JSON body that never came is a mismatch, unless the status says "nothing".
      if (schema !== undefined && response.status !== 204) return ['the documented response body is missing'];
      return [];
    }
    if (!content && !correction) {
      return response.status >= 400 ? [] : [`a body was returned but status ${key} documents none`];
    }
    if (response.contentType !== 'application/json') return [];
    const schema = content?.['application/json']?.schema;
    if (schema === undefined && !correction) return [];
    const pointer = fragment(
      'paths',
      operation.pathTemplate,
      operation.method.toLowerCase(),
      'responses',
      key,
      'content',
      'application/json',
      'schema',
    );
    const validate = this.#validator(
      operation,
      'response',
      correction ? `correction:${pointer}` : pointer,
      correction?.schema,
    );
    if (validate && !validate(response.body)) return formatErrors(validate.errors, 'response body');
    return [];
  }
}
