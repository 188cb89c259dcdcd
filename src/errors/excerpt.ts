/**
 * Shortens `text` for an error message: at most `max` characters, with an ellipsis and the full length when
 * cut, so an error about a 16 MiB line does not carry the line.
 *
 * @example
 * excerpt('x'.repeat(1000), 20); // 'xxxxxxxxxxxxxxxxxxxx… (1000 chars)'
 */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} chars)`;
}
