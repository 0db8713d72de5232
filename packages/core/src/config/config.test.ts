import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IdentityError } from '../errors/identity-error';
import { defineIdentityProvider } from '../provider/define-identity-provider';
import { createIdentityProvider, importAdapterPackage } from './create-identity-provider';
import type { IdentityAdapter } from './identity-adapter';
import { loadConfig } from './load-config';

/** Fails the test when a call that should have been refused succeeds. */
const expectedFailure = (): never => {
  throw new Error('expected the call to fail');
};

const settingsSchema = z.strictObject({
  apiKey: z.string().min(32),
  region: z.enum(['eu', 'us']).default('eu'),
  timeoutMs: z.number().int().positive().default(1000),
});
const created: unknown[] = [];
const testAdapter: IdentityAdapter<z.output<typeof settingsSchema>> = {
  provider: 'acme',
  settingsSchema,
  create(settings) {
    created.push(settings);
    return defineIdentityProvider({
      provider: 'acme',
      capabilities: {
        operations: [],
        mfaFactorTypes: [],
        limits: { maxPageSize: 1, maxImportBatch: 1 },
        passwordHashes: { importable: [], exportable: [] },
        totpSecrets: { exportable: false, importable: false },
        groupModel: 'groups',
        refreshTokenRotation: false,
        rateLimits: [],
      },
      implementation: {},
    });
  },
};

describe('loadConfig', () => {
  it('reads IDPORT_* variables into camelCase settings, with nesting and typed values', async () => {
    const config = await loadConfig({
      env: {
        IDPORT_PROVIDER: 'acme',
        IDPORT_ACME_API_KEY: 'k'.repeat(32),
        IDPORT_ACME_TIMEOUT_MS: '2500',
        IDPORT_ACME_TOKENS__CLOCK_SKEW: '30',
        IDPORT_OTHER_IGNORED: 'x',
      },
    });
    expect(config.provider).toBe('acme');
    expect(config.settings).toEqual({ apiKey: 'k'.repeat(32), timeoutMs: 2500, tokens: { clockSkew: 30 } });
  });

  it('reads YAML and JSON files, with variables taking precedence', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'idport-config-'));
    const yamlFile = join(directory, 'idport.yaml');
    writeFileSync(yamlFile, 'provider: acme\nsettings:\n  region: us\n  timeoutMs: 10\n');
    const config = await loadConfig({ file: yamlFile, env: { IDPORT_ACME_TIMEOUT_MS: '20' } });
    expect(config.settings).toEqual({ region: 'us', timeoutMs: 20 });
    const jsonFile = join(directory, 'idport.json');
    writeFileSync(jsonFile, JSON.stringify({ provider: 'local', settings: { database: ':memory:' } }));
    expect((await loadConfig({ file: jsonFile, env: {} })).settings).toEqual({ database: ':memory:' });
  });

  it('does not quote a broken file (it may hold secrets) and ignores prototype keys', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'idport-config-'));
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{"provider":"acme","settings":{"apiKey":"canary-in-broken-file"');
    const error = await loadConfig({ file, env: {} }).then(
      expectedFailure,
      (caught: unknown) => caught as IdentityError,
    );
    expect(error.code).toBe('CONFIGURATION_ERROR');
    expect(JSON.stringify(error) + error.message).not.toContain('canary-in-broken-file');
    const config = await loadConfig({
      env: { IDPORT_PROVIDER: 'acme', IDPORT_ACME___PROTO____POLLUTED: 'yes' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.provider).toBe('acme');
  });

  it('fails clearly without a provider', async () => {
    await expect(loadConfig({ env: {} })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      field: 'provider',
    });
  });
});

describe('createIdentityProvider', () => {
  it('creates the adapter named by the config with validated, defaulted settings', async () => {
    const provider = await createIdentityProvider({
      provider: 'acme',
      settings: { apiKey: 'k'.repeat(32) },
      adapters: { acme: testAdapter },
    });
    expect(provider.provider).toBe('acme');
    expect(created.at(-1)).toEqual({ apiKey: 'k'.repeat(32), region: 'eu', timeoutMs: 1000 });
  });

  it('names the bad field and never echoes a secret value (canary)', async () => {
    const canary = 'canary-secret-short';
    const error = await createIdentityProvider({
      provider: 'acme',
      settings: { apiKey: canary },
      adapters: { acme: testAdapter },
    }).then(expectedFailure, (caught: unknown) => caught as IdentityError);
    expect(error.code).toBe('CONFIGURATION_ERROR');
    expect(error.field).toBe('settings.apiKey');
    expect(error.message).toContain('settings.apiKey');
    expect([error.message, JSON.stringify(error), String(error.stack)].join('')).not.toContain(canary);

    const wrongEnum = await createIdentityProvider({
      provider: 'acme',
      settings: { apiKey: 'k'.repeat(32), region: canary },
      adapters: { acme: async () => ({ identityAdapter: testAdapter }) },
    }).then(expectedFailure, (caught: unknown) => caught as IdentityError);
    expect(wrongEnum.field).toBe('settings.region');
    expect(wrongEnum.message).not.toContain(canary);
  });

  it('refuses unknown providers and missing packages with CONFIGURATION_ERROR', async () => {
    await expect(createIdentityProvider({ provider: 'nope' })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      message: expect.stringContaining('unknown provider "nope"'),
    });
    await expect(importAdapterPackage('acme', '@idport/package-that-does-not-exist')).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      message: expect.stringContaining('@idport/package-that-does-not-exist'),
    });
  });
});
