/**
 * The whole answer of a server that does not stream, kept from a body labelled JSON that a stream's reader was
 * given: read while it can still be one JSON object, up to a limit, and parsed at its end.
 *
 * It follows the object's brackets outside strings: anything but blanks after the object closed (the next line of
 * newline-delimited JSON, a live stream relabelled) says it is not one object, and the reader then stops keeping it,
 * so that such a body fails as soon as its first KiB came rather than be read to an end that may never come.
 *
 * @internal
 * @example
 * const answer = jsonAnswer(16 * 1024 * 1024);
 * answer.push('{"id": "resp_1", '); // true: still one object
 * answer.push('"status": "completed"}');
 * answer.end(''); // { id: 'resp_1', status: 'completed' }
 */
export function jsonAnswer(maxChars: number): { push(piece: string): boolean; end(rest: string): Record<string, unknown> | undefined } {
  let text: string | undefined = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let closed = false;
  const oneObjectSoFar = (piece: string): boolean => {
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (closed) {
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        return false;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true; // \
        else if (c === 34) inString = false; // "
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++; // { [
      else if ((c === 125 || c === 93) && --depth === 0) closed = true; // } ]
    }
    return true;
  };
  return {
    push(piece) {
      if (text !== undefined) text = text.length + piece.length <= maxChars && oneObjectSoFar(piece) ? text + piece : undefined;
      return text !== undefined;
    },
    end: (rest) => (text === undefined ? undefined : jsonObject(text + rest)),
  };
}

/**
 * Whether a content type is JSON's (`application/json`, `application/problem+json`; not newline-delimited JSON).
 *
 * @internal
 * @example
 * isJsonType('application/json; charset=utf-8'); // true
 * isJsonType('application/x-ndjson'); // false
 */
export function isJsonType(type: string): boolean {
  return /^[^;]*[/+]json\s*(;|$)/i.test(type);
}

/** `text` parsed, when it is one JSON object; `undefined` otherwise. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
