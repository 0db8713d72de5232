import { describe, expect, it } from 'vitest';
import { hasDuplicateJsonKey } from './find-duplicate-json-key';

describe('hasDuplicateJsonKey', () => {
  it.each([
    ['{"a":["a","a"],"b":{"a":1},"c":"a","d":[{"a":1},{"a":2}]}', false],
    ['{"a":"x\\"a\\":1","b":"\\\\"}', false],
    ['{}', false],
    ['{"a":1,"a":2}', true],
    ['{"a":{"x":1,"x":2}}', true],
    ['{"list":[{"x":1,"y":{"z":1,"z":1}}]}', true],
    ['{"a":1,"\\u0061":2}', true],
  ])('%s → %s', (text, expected) => {
    JSON.parse(text);
    expect(hasDuplicateJsonKey(text)).toBe(expected);
  });
});
