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

/**
 * What an error message quotes of a thrown value: an `Error`'s message, anything else as a string.
 *
 * @example
 * messageOf(new TypeError('token expired')); // 'token expired'
 * messageOf('gone'); // 'gone'
 */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/**
 * {@link excerpt} with credentials masked ({@link redactSecrets}), for text a server sent. Only the excerpt and a
 * little past it are searched (a 16 MiB line costs nothing more), so a key across the cut is masked too.
 *
 * @example
 * maskedExcerpt('<html>Bearer sk-proj-abcdefghijklmnop1234</html>'); // '<html>Bearer ***1234</html>'
 */
export function maskedExcerpt(text: string, max = 200): string {
  const masked = redactSecrets(text.slice(0, max + 100));
  return text.length <= max ? masked : `${masked.slice(0, max)}… (${text.length} chars)`;
}

/**
 * `text` with credentials masked: a `Bearer` token, the value after a key header's name (Azure's `api-key`,
 * `x-api-key`, `Ocp-Apim-Subscription-Key`, written as a header, a JSON key, a query parameter or a variable such as
 * `OPENAI_API_KEY=…`) and anything shaped like an OpenAI key (`sk-…`) keep their last four characters only; a URL's
 * user name and password are masked whole. For
 * messages built from what a server sent: a proxy or a gateway may echo the request's headers into its error page,
 * and an error message ends up in logs.
 *
 * @example
 * redactSecrets('bad key: Bearer sk-proj-abcdefghijklmnop1234'); // 'bad key: Bearer ***1234'
 * redactSecrets('{"api-key":"0123456789abcdef0123456789abcdef"}'); // '{"api-key":"***cdef"}'
 */
export function redactSecrets(text: string): string {
  const keep4 = (match: string, prefix: string) => `${prefix}***${match.slice(-4)}`;
  return text
    // Not inside a word, but after an escape too: a line break or tab in JSON text (`\nBearer`), any `\u` or URL
    // escape (`%0ABearer`), whose last character is a letter. The space may come escaped: URL-encoded (`%20`, `+`)
    // or in a JSON string (`\u0020`).
    .replace(/(?:(?<![A-Za-z0-9_])|(?<=\\[bfnrt]|\\u[0-9A-Fa-f]{4}|%[0-9A-Fa-f]{2}))(Bearer(?:\s|%20|\\u0020|\+)+)[A-Za-z0-9._~+/=-]{8,}/gi, keep4)
    // No word boundary before the name: `OPENAI_API_KEY=…` and `x-api-key: …` are masked too; quotes may be escaped
    // (JSON text inside a JSON string), the separator URL-encoded (`api-key%3A%20…`, `?api-key%3D…`).
    .replace(/((?:api[-_]?key|ocp-apim-subscription-key)(?:\\?["'])?(?:\s|%20)*(?:[:=]|%3[ad])(?:\s|%20)*(?:\\?["'])?)[A-Za-z0-9._~+/=-]{16,}/gi, keep4)
    // Not after a letter (`task-…`), but after anything else, an escape too, whatever it ends with (`%20sk-…`,
    // `\u0020sk-…`, a JSON string's `\nsk-…`, `%0Ask-…`, `%3Dsk-…`).
    .replace(/(?:(?<![A-Za-z])|(?<=\\[bfnrt]|\\u[0-9A-Fa-f]{4}|%[0-9A-Fa-f]{2}))sk-[A-Za-z0-9_-]{8,}/g, (key: string) => `sk-***${key.slice(-4)}`)
    // A user name and password in a URL (`https://user:secret@proxy/...`, which fetch names in its error).
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1***@');
}

/**
 * What kind of value `value` is, for a message about a wrong argument: `null`, its `typeof`, or its class's name.
 *
 * @example
 * kindOf(Promise.resolve()); // 'Promise'
 * kindOf(new Uint8Array()); // 'Uint8Array'
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'an object';
}

/**
 * The text of a value for an error's excerpt: its JSON (a value another reader parsed, such as the official SDK's,
 * written again), or what `String()` gives of one JSON cannot write (`undefined`, a cycle, a `BigInt`).
 *
 * @example
 * textOf({ choices: [null] }); // '{"choices":[null]}'
 * textOf(undefined); // 'undefined'
 */
export function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * What a message about a value an operator could not read says: the value's name (its `event`, `type` or `object`,
 * when a string) and what was thrown.
 *
 * @example
 * readFailure(new TypeError('x'), { type: 'error' }); // { name: 'error', said: 'TypeError: x' }
 */
export function readFailure(error: unknown, value: unknown): { name: string | undefined; said: string } {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  const name = record?.['event'] ?? record?.['type'] ?? record?.['object'];
  const said = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { name: typeof name === 'string' ? name : undefined, said };
}
