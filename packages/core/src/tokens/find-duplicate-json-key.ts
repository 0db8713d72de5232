/** Counts member names in a JSON text that `JSON.parse` accepted (so it is well formed). */
function countMemberNames(text: string): number {
  // One entry per open container: true for an object, false for an array.
  const inObject: boolean[] = [];
  let expectName = false;
  let names = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const character = text.charCodeAt(index);
    if (character === 0x22) {
      if (expectName) {
        names++;
        expectName = false;
      }
      // Skip to the closing quote, stepping over escapes.
      for (index++; ; index++) {
        const next = text.charCodeAt(index);
        if (next === 0x5c) index++;
        else if (next === 0x22) break;
      }
    } else if (character === 0x7b) {
      inObject.push(true);
      expectName = true;
    } else if (character === 0x5b) {
      inObject.push(false);
      expectName = false;
    } else if (character === 0x7d || character === 0x5d) {
      inObject.pop();
      expectName = false;
    } else if (character === 0x2c) {
      expectName = inObject[inObject.length - 1] === true;
    }
  }
  return names;
}

/** Counts own members of every object in a parsed JSON value, without recursion. */
function countParsedMembers(value: unknown): number {
  let members = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (const item of current) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    for (const name in current) {
      members++;
      const item = (current as Record<string, unknown>)[name];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return members;
}

/**
 * Whether a JSON text has an object with the same member name twice. `JSON.parse` keeps the
 * last one silently, so `{"sub":"alice","sub":"admin"}` would read differently in two parsers;
 * RFC 7515 §4 lets us refuse such input, and we do.
 *
 * `JSON.parse` merges duplicates (also `"a"` with `"\u0061"`), so the parsed value has fewer
 * members than the text has names exactly when a name repeats. Counting both is cheaper than
 * collecting names. `parsed` must be `JSON.parse(text)`.
 */
export function hasDuplicateJsonKey(text: string, parsed: unknown = JSON.parse(text)): boolean {
  return countMemberNames(text) !== countParsedMembers(parsed);
}
