/**
 * Text escaped for a regular expression, shared by the zod 3 converter (`zod3-json-leaves.ts`: the `pattern` of a
 * `startsWith`, `endsWith` or `includes` check) and the emulator's script (a function named in a message). It
 * imports nothing, so the emulator's entry takes no zod with it.
 */

/**
 * `text` with every character that has a meaning in a regular expression escaped, so the pattern matches the text
 * itself (with or without the `u` flag).
 *
 * @internal
 * @example
 * escapeRegExp('a.b*'); // 'a\\.b\\*'
 * new RegExp(`^${escapeRegExp('(1+1)')}$`).test('(1+1)'); // true
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
