/**
 * Whether a JSON text has an object with the same member name twice. `JSON.parse` keeps the
 * last one silently, so `{"sub":"alice","sub":"admin"}` would read differently in two parsers;
 * RFC 7515 §4 lets us refuse such input, and we do. Names are compared after unescaping
 * (`"a"` and `"\u0061"` are the same name).
 *
 * Call only on text that `JSON.parse` accepted: the scanner relies on it being well formed.
 */
export function hasDuplicateJsonKey(text: string): boolean {
  // One entry per open container: a Set of names for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectName = false;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const character = text.charCodeAt(index);
    if (character === 0x22) {
      let end = index + 1;
      let escaped = false;
      for (;;) {
        const next = text.charCodeAt(end);
        if (next === 0x5c) {
          escaped = true;
          end += 2;
        } else if (next === 0x22) {
          break;
        } else {
          end++;
        }
      }
      const names = stack[stack.length - 1];
      if (expectName && names) {
        const name = escaped
          ? (JSON.parse(text.slice(index, end + 1)) as string)
          : text.slice(index + 1, end);
        if (names.has(name)) return true;
        names.add(name);
        expectName = false;
      }
      index = end;
    } else if (character === 0x7b) {
      stack.push(new Set());
      expectName = true;
    } else if (character === 0x5b) {
      stack.push(null);
      expectName = false;
    } else if (character === 0x7d || character === 0x5d) {
      stack.pop();
      expectName = false;
    } else if (character === 0x2c) {
      expectName = stack[stack.length - 1] !== null && stack.length > 0;
    }
  }
  return false;
}
