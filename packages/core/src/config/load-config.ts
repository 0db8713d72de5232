import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { IdentityError } from '../errors/identity-error';
import type { IdentityConfig } from './identity-config';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** A JSON or YAML file. Defaults to `IDPORT_CONFIG` when set. */
  file?: string;
  /** Environment to read `IDPORT_*` variables from. Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

function camelCase(snake: string): string {
  return snake.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function parseEnvironmentValue(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(value) && value.length < 16) return Number(value);
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current = target;
  for (const [index, segment] of path.entries()) {
    if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') return;
    if (index === path.length - 1) {
      current[segment] = value;
      return;
    }
    const next = current[segment];
    current[segment] = typeof next === 'object' && next !== null ? next : {};
    current = current[segment] as Record<string, unknown>;
  }
}

/**
 * Reads configuration from a file (JSON or YAML) and/or `IDPORT_*` variables:
 * `IDPORT_PROVIDER=cognito`, `IDPORT_COGNITO_USER_POOL_ID=...` → `settings.userPoolId`,
 * `__` nests (`IDPORT_LOCAL_TOKENS__ACCESS_TOKEN_TTL_SECONDS`). Variables override the file.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<IdentityConfig> {
  const env = options.env ?? process.env;
  const file = options.file ?? env.IDPORT_CONFIG;
  let config: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        message: `cannot read config file ${file}`,
        cause: error,
      });
    }
    try {
      const parsed = ['.yaml', '.yml'].includes(extname(file).toLowerCase())
        ? parseYaml(text)
        : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      config = parsed as Record<string, unknown>;
    } catch {
      // The parser's message may quote the file's content, secrets included: not passed on.
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        message: `config file ${file} is not valid JSON/YAML`,
      });
    }
  }
  const provider = env.IDPORT_PROVIDER ?? (typeof config.provider === 'string' ? config.provider : undefined);
  if (!provider) {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      field: 'provider',
      message: 'no provider configured: set IDPORT_PROVIDER or "provider" in the config file',
    });
  }
  const settings: Record<string, unknown> =
    typeof config.settings === 'object' && config.settings !== null
      ? structuredClone(config.settings as Record<string, unknown>)
      : {};
  const prefix = `IDPORT_${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || value === undefined) continue;
    const path = name.slice(prefix.length).split('__').map(camelCase);
    setPath(settings, path, parseEnvironmentValue(value));
  }
  return { ...(config as Partial<IdentityConfig>), provider, settings };
}
