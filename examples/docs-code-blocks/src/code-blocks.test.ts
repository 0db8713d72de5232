import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeBlocks, findCodeBlocks } from './find-code-blocks';
import { typeCheckBlocks, workspaceDeclarations } from './type-check-blocks';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const blocks = findCodeBlocks(root);
const typescriptBlocks = blocks.filter((block) => ['ts', 'typescript'].includes(block.language));
const jsonBlocks = blocks.filter((block) => block.language === 'json');
const results = typeCheckBlocks(
  typescriptBlocks,
  join(fileURLToPath(new URL('..', import.meta.url)), 'test-results', 'code-blocks'),
  workspaceDeclarations(root),
);

describe('every TypeScript block in the documentation type-checks against the built packages', () => {
  it('finds the blocks of the README and the guides', () => {
    const files = new Set(typescriptBlocks.map((block) => block.file));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/guides/switching.md');
    expect(files).toContain('docs/guides/migrating.md');
    expect(files).toContain('docs/guides/testing.md');
  });

  for (const { block, errors } of results) {
    it(`${block.file}:${block.line}`, () => {
      expect(errors).toEqual([]);
    });
  }
});

describe('every JSON block parses', () => {
  for (const block of jsonBlocks) {
    it(`${block.file}:${block.line}`, () => {
      expect(() => JSON.parse(block.code)).not.toThrow();
    });
  }
});

describe('the checker itself', () => {
  it('reports a block that does not compile, at its Markdown line', () => {
    const [block] = codeBlocks(
      'broken.md',
      "# title\n\n```ts\nimport { createIdentityProvider } from '@idport/core';\nconst n: number = 'text';\n```\n",
    );
    const [result] = typeCheckBlocks(
      [block as never],
      join(fileURLToPath(new URL('..', import.meta.url)), 'test-results', 'code-blocks-self-check'),
    );
    expect(result?.errors).toHaveLength(1);
    expect(result?.errors[0]).toMatch(/^broken\.md:5:7 Type 'string' is not assignable to type 'number'/);
  });

  it('checks a block with its hidden context, and without it the free name is an error', () => {
    const markdown =
      '<!-- code-block-context: declare const password: string; -->\n```ts\nconst length: number = password.length;\n```\n';
    const [withContext] = codeBlocks('context.md', markdown);
    const [withoutContext] = codeBlocks('context.md', markdown.split('\n').slice(1).join('\n'));
    const directory = join(
      fileURLToPath(new URL('..', import.meta.url)),
      'test-results',
      'code-blocks-self-check',
    );
    expect(typeCheckBlocks([withContext as never], directory)[0]?.errors).toEqual([]);
    expect(typeCheckBlocks([withoutContext as never], directory)[0]?.errors[0]).toMatch(
      /^context\.md:2:24 Cannot find name 'password'/,
    );
  });
});
