/**
 * The browser side of `chromium.spec.ts`: bundled by esbuild (platform `browser`, format `esm`) straight from
 * `src/`, loaded by the test page, and driven from Node with `page.evaluate('window.browserTest.<name>()')`.
 *
 * It uses the library the way a browser app does: `createAssistantsClient` pointed at a same-origin proxy (`/v1`), the
 * global `fetch`, RxJS operators, `unsubscribe()` for cancellation and `instanceof` on typed errors.
 * Everything a scenario returns crosses to Node as JSON, so it returns plain data only.
 */
import { firstValueFrom, forkJoin, lastValueFrom, share, toArray } from 'rxjs';
import {
  APIError,
  createAssistantsClient,
  finalMessages,
  NotFoundError,
  OpenAIStreamError,
  textDeltas,
  type AssistantsStreamClient,
} from '../../src/index';

/** What the page exposes as `window.browserTest`. */
export type BrowserTest = typeof browserTest;

/** A client of the API behind the same-origin proxy, as an app served from this origin would create it. */
function newClient(): AssistantsStreamClient {
  return createAssistantsClient({ apiKey: 'browser-test', baseURL: location.origin + '/v1', pollIntervalMs: 5 });
}

/** An assistant and a thread holding one user message. */
async function assistantAndThread(client: AssistantsStreamClient, content: string) {
  const assistant = await firstValueFrom(client.assistants.create({ model: 'gpt-4o', name: 'Browser test' }));
  const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content }] }));
  return { assistant_id: assistant.id, threadId: thread.id };
}

function textOf(message: { content: readonly { type: string; text?: { value: string } }[] } | undefined): string {
  return message ? message.content.map((block) => block.text?.value ?? '').join('') : '';
}

const browserTest = {
  /** Where the code runs (proves it is Chromium, not Node). */
  environment() {
    return {
      userAgent: navigator.userAgent,
      hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
      hasWindow: typeof window !== 'undefined',
    };
  },

  /** Streams a run: its text deltas through `textDeltas()`, its final messages through `finalMessages()`. */
  async streamRun() {
    const client = newClient();
    const { assistant_id, threadId } = await assistantAndThread(client, 'Say hello');
    const events$ = client.threads.runs.stream(threadId, { assistant_id }).pipe(share());
    const { deltas, messages } = await firstValueFrom(
      forkJoin({ deltas: events$.pipe(textDeltas(), toArray()), messages: events$.pipe(finalMessages()) }),
    );
    return {
      threadId,
      deltaCount: deltas.length,
      text: deltas.join(''),
      finalText: textOf(messages[0]),
      finalRole: messages[0]?.role,
    };
  },

  /** Creates a run without streaming and polls it: every status seen, the last one final. */
  async createAndPoll() {
    const client = newClient();
    const { assistant_id, threadId } = await assistantAndThread(client, 'Say hello');
    const runs = await lastValueFrom(client.threads.runs.createAndPoll(threadId, { assistant_id }).pipe(toArray()));
    return { statuses: runs.map((run) => run.status) };
  },

  /** Subscribes to a run stream and unsubscribes on its first text delta; resolves with that delta. */
  async cancelAfterFirstDelta() {
    const client = newClient();
    const { assistant_id, threadId } = await assistantAndThread(client, 'Write a long story about a lighthouse');
    const firstDelta = await new Promise<string>((resolve, reject) => {
      let done = false;
      const subscription = client.threads.runs
        .stream(threadId, { assistant_id })
        .pipe(textDeltas())
        .subscribe({
          next: (text) => {
            if (done) return;
            done = true;
            // Unsubscribing is the only cancellation a browser app does: it must abort the fetch.
            subscription.unsubscribe();
            resolve(text);
          },
          error: reject,
          complete: () => reject(new Error('the stream completed before its first text delta')),
        });
    });
    return { threadId, firstDelta };
  },

  /** A 404: the typed error, as the page sees it after bundling. */
  async notFound() {
    const client = newClient();
    try {
      await firstValueFrom(client.threads.retrieve('thread_missing'));
    } catch (error) {
      return {
        threw: true,
        name: (error as Error).name,
        message: (error as Error).message,
        status: error instanceof APIError ? error.status : undefined,
        requestId: error instanceof APIError ? error.requestId : undefined,
        isNotFoundError: error instanceof NotFoundError,
        isAPIError: error instanceof APIError,
        isOpenAIStreamError: error instanceof OpenAIStreamError,
        isError: error instanceof Error,
      };
    }
    return { threw: false };
  },
};

(globalThis as unknown as { browserTest: BrowserTest }).browserTest = browserTest;
