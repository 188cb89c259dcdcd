import { fixtureBytes } from '../helpers/bytes';

/**
 * The bytes of a recording, as the API sends them. The published Assistants examples carry two typos (see
 * spec/schema/assistants-fixtures.spec.ts): run objects with one `}` too many, and one block whose JSON line
 * lost its `data:` prefix. No reader accepts those, so for them the blocks are repaired (only those two typos,
 * each recognised exactly) before use; every other recording is used as it is.
 */
export function recordingBytes(folder: string, name: string): Uint8Array<ArrayBuffer> {
  const bytes = fixtureBytes(folder, name);
  if (folder !== 'assistants') return new Uint8Array(bytes);
  const text = new TextDecoder().decode(bytes);
  const blocks = text.split('\n\n').map((block) =>
    block
      .split('\n')
      .map((line) => {
        if (line.startsWith('{')) return `data: ${line}`;
        if (!line.startsWith('data: {') || isJson(line.slice(6))) return line;
        const trimmed = line.slice(6, -1);
        if (line.endsWith('}}') && isJson(trimmed)) return `data: ${trimmed}`;
        throw new Error(`${name}: a data line no known typo explains: ${line.slice(0, 80)}`);
      })
      .join('\n'),
  );
  return new TextEncoder().encode(blocks.join('\n\n'));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
