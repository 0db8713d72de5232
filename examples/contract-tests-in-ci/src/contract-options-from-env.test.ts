import { readFileSync } from 'node:fs';
import { contractTestIds } from '@idport/contract-tests';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractOptionsFromEnv, contractVariables } from './contract-options-from-env';

describe('contractOptionsFromEnv', () => {
  it('defaults to a real tenant: no quirks, sign-up confirmation skipped with its reason, one pass', () => {
    const options = contractOptionsFromEnv({}, 'okta');
    expect(options.name).toBe('okta tenant');
    expect(options.quirks).toEqual({});
    expect(options.skip).toEqual({ 'auth.sign-up-then-confirm': expect.stringContaining('mailbox') });
    expect(options.backdoor).toBeUndefined();
    expect(options.throughRetry).toBe(false);
  });

  it('reads quirks, skips, prefix, password and a fixed sign-up code', async () => {
    const options = contractOptionsFromEnv(
      {
        IDPORT_CONTRACT_QUIRKS: 'noPasswordPolicy, totpReplayAllowed',
        IDPORT_CONTRACT_SKIP: '{"users.list-pages":"our tenant has 40 000 users"}',
        IDPORT_CONTRACT_EMAIL_PREFIX: 'ci-42',
        IDPORT_CONTRACT_PASSWORD: 'Tenant-Policy-Password-1!',
        IDPORT_CONTRACT_SIGN_UP_CODE: '123456',
      },
      'cognito',
    );
    expect(options.quirks).toEqual({ noPasswordPolicy: true, totpReplayAllowed: true });
    expect(options.skip).toEqual({ 'users.list-pages': 'our tenant has 40 000 users' });
    expect(options.emailPrefix).toBe('ci-42');
    expect(options.password).toBe('Tenant-Policy-Password-1!');
    expect(await options.backdoor?.readSignUpCode?.('anyone@example.com')).toBe('123456');
  });

  it('refuses a misspelt quirk or test id and a skip without a reason, so a typo cannot weaken the run', () => {
    expect(() => contractOptionsFromEnv({ IDPORT_CONTRACT_QUIRKS: 'noPasswordPolicyy' }, 'x')).toThrow(
      /unknown quirk/,
    );
    expect(() => contractOptionsFromEnv({ IDPORT_CONTRACT_SKIP: '{"auth.sign-in":"x"}' }, 'x')).toThrow(
      /unknown test id/,
    );
    expect(() =>
      contractOptionsFromEnv({ IDPORT_CONTRACT_SKIP: '{"auth.sign-up-then-confirm":""}' }, 'x'),
    ).toThrow(/reason/);
    expect(() =>
      contractOptionsFromEnv({ IDPORT_CONTRACT_SKIP: '["auth.sign-up-then-confirm"]' }, 'x'),
    ).toThrow(/JSON object/);
  });

  it('knows the ids it is tested with', () => {
    expect(contractTestIds).toContain('users.list-pages');
    expect(contractTestIds).toContain('auth.sign-up-then-confirm');
  });
});

describe('the workflow file', () => {
  const workflow = parse(readFileSync(new URL('../workflow/idport-contract.yml', import.meta.url), 'utf8'));
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const job = workflow.jobs.contract;

  it('sets only variables this example reads, and the provider through IDPORT_PROVIDER', () => {
    const names = Object.keys(job.env);
    expect(job.env.IDPORT_PROVIDER).toBe('cognito');
    for (const name of names.filter((variable) => variable.startsWith('IDPORT_CONTRACT_'))) {
      expect(Object.keys(contractVariables)).toContain(name);
    }
    // Quirks and a fixed sign-up code are for local peers only.
    expect(names).not.toContain('IDPORT_CONTRACT_QUIRKS');
    expect(names).not.toContain('IDPORT_CONTRACT_SIGN_UP_CODE');
    // Secrets come from the secret store, never written in the file.
    expect(job.env.IDPORT_CONTRACT_PASSWORD).toMatch(/^\$\{\{ secrets\./);
    expect(job.env.IDPORT_COGNITO_CLIENT_SECRET).toMatch(/^\$\{\{ secrets\./);
    expect(job.env.IDPORT_CONTRACT_EMAIL_PREFIX).toContain('github.run_id');
  });

  it('runs the npm scripts this example defines, and cleans up even after a failure', () => {
    const runs: { run?: string; if?: string }[] = job.steps.filter((step: { run?: string }) => step.run);
    for (const step of runs) {
      for (const [, script] of (step.run ?? '').matchAll(/npm run (\S+)/g)) {
        if (script !== 'build') expect(packageJson.scripts).toHaveProperty(script as string);
      }
    }
    const cleanup = runs.find((step) => step.run?.includes('npm run cleanup'));
    expect(cleanup?.if).toBe('always()');
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(job['timeout-minutes']).toBeLessThanOrEqual(30);
  });
});
