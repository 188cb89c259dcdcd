/**
 * The NDJSON sources cost nothing to an app that does not use them: a bundle of the event-stream sources carries
 * no NDJSON framing (the Chat Completions reader of streams without `[DONE]` it does carry, for `requireDone:
 * false`), and a bundle of the NDJSON sources carries no event-stream parser.
 */
import { bundleOfSource as bundle } from '../helpers/source-bundle';

describe('bundles and the NDJSON sources', () => {
  it('the event-stream sources and textDeltas() carry no NDJSON reader', async () => {
    const { text, inputs } = await bundle(`
      export { responseEvents } from './responses/response-events.js';
      export { chatCompletionChunks } from './chat/chat-completion-chunks.js';
      export { assistantEvents } from './assistants/assistant-events.js';
      export { textDeltas } from './operators/text-deltas.js';
    `);
    expect(inputs.filter((file) => /ndjson/i.test(file))).toEqual([]);
    expect(text).not.toMatch(/middle of a line/);
    expect(text).toMatch(/from "eventsource-parser"/);
  });

  it('the NDJSON sources carry no event-stream parser', async () => {
    const { text } = await bundle(`
      export { responseEventsFromNdjson } from './responses/response-events-from-ndjson.js';
      export { chatCompletionChunksFromNdjson } from './chat/chat-completion-chunks-from-ndjson.js';
      export { assistantEventsFromNdjson } from './assistants/assistant-events-from-ndjson.js';
      export { textDeltas } from './operators/text-deltas.js';
    `);
    expect(text).not.toMatch(/eventsource-parser|createParser|function readSSE/);
    expect(text).toMatch(/FinishingChunkReader/);
    expect(text).toMatch(/middle of a line/);
  });
});
