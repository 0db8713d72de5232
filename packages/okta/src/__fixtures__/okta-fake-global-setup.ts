import { createOktaFake } from '@idport/fakes';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    oktaFakeUrl: string;
  }
}

/**
 * Starts the Okta fake once for the package's tests (a real HTTP server on 127.0.0.1, a free
 * port, every request and response checked against Okta's OpenAPI documents, spec violations
 * answered with 599 so the calling test fails) and prints what it validated at the end.
 */
export default async function setup(project: TestProject) {
  const fake = createOktaFake({ specCheck: 'enforce' });
  const url = await fake.start();
  project.provide('oktaFakeUrl', url);
  return async () => {
    const stats = fake.server.stats();
    const byDocument = Object.entries(stats.validatedPairsByDocument)
      .map(([document, count]) => `${document}: ${count}`)
      .join(', ');
    const uncovered = Object.entries(stats.uncoveredCalls)
      .map(([route, count]) => `${route}: ${count}`)
      .join(', ');
    process.stdout.write(
      `\nOkta fake: ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated (${byDocument}), ` +
        `${stats.violations} spec violations, ${stats.rateLimited} answered 429, uncovered by the documents: ${uncovered || 'none'}\n`,
    );
    await fake.stop();
  };
}
