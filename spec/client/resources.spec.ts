import { Readable } from 'node:stream';
import OpenAI, { toFile } from 'openai';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { createClient, fromOpenAIStream, textDeltas } from '../../src/index';
import { useEmulator } from '../helpers/emulator';
import { listen } from '../helpers/local-server';

const ctx = useEmulator();
const slow = useEmulator({ pacing: { eventMs: 20, deltaMs: 20 }, statusStepMs: 200 });

describe('plain resource calls', () => {
  it('retrieves what it created: assistants, threads, runs, steps, vector stores', async () => {
    const assistant = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o', name: 'Finder' }));
    expect(await firstValueFrom(ctx.client.assistants.retrieve(assistant.id))).toEqual(assistant);
    const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect((await firstValueFrom(ctx.client.threads.retrieve(thread.id))).id).toBe(thread.id);

    const run = await lastValueFrom(ctx.client.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }));
    const again = await firstValueFrom(ctx.client.threads.runs.retrieve(run.id, { thread_id: thread.id }));
    expect(again).toEqual(run);
    const page = await firstValueFrom(ctx.client.threads.runs.list(thread.id));
    expect(page.data.map((r) => r.id)).toEqual([run.id]);
    const steps = await firstValueFrom(ctx.client.threads.runs.steps.list(run.id, { thread_id: thread.id }));
    expect(steps.data.map((s) => s.type)).toEqual(['message_creation']);

    const store = await firstValueFrom(ctx.client.vectorStores.create({ name: 'notes' }));
    expect((await firstValueFrom(ctx.client.vectorStores.retrieve(store.id))).name).toBe('notes');
  });

  it('cancels a run', async () => {
    const assistant = await firstValueFrom(slow.client.assistants.create({ model: 'gpt-4o' }));
    const thread = await firstValueFrom(slow.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    const run = await firstValueFrom(slow.client.threads.runs.create(thread.id, { assistant_id: assistant.id }));
    const cancelling = await firstValueFrom(slow.client.threads.runs.cancel(run.id, { thread_id: thread.id }));
    expect(['cancelling', 'cancelled']).toContain(cancelling.status);
    const final = await lastValueFrom(slow.client.threads.runs.poll(run.id, { thread_id: thread.id }, { pollIntervalMs: 20 }));
    expect(final.status).toBe('cancelled');
    expect(slow.emulator.counters.runsCancelled).toBeGreaterThan(0);
  });
});

describe('files.create() sends the form the SDK sends', () => {
  it('purpose, expires_after (as expires_after[anchor] and expires_after[seconds]) and the file, named', async () => {
    const forms: FormData[] = [];
    const server = await listen((req, res) => {
      void new Response(Readable.toWeb(req) as ReadableStream, { headers: { 'content-type': req.headers['content-type']! } }).formData().then((form) => {
        forms.push(form);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'file-1', object: 'file', filename: 'a.txt', purpose: 'user_data' }));
      });
    });
    try {
      const expires_after = { anchor: 'created_at' as const, seconds: 3600 };
      await firstValueFrom(createClient({ apiKey: 'k', baseURL: server.url }).files.create({ file: { name: 'a.txt', content: 'hi' }, purpose: 'user_data', expires_after }));
      await new OpenAI({ apiKey: 'k', baseURL: server.url }).files.create({ file: await toFile(Buffer.from('hi'), 'a.txt'), purpose: 'user_data', expires_after });
      // Each form's fields as `name=value` (a file by its name), in any order.
      const fields = (form: FormData) => [...form.entries()].map(([name, value]) => `${name}=${typeof value === 'string' ? value : (value as File).name}`).sort();
      expect(fields(forms[0]!)).toEqual(['expires_after[anchor]=created_at', 'expires_after[seconds]=3600', 'file=a.txt', 'purpose=user_data']);
      expect(fields(forms[0]!)).toEqual(fields(forms[1]!));
    } finally {
      await server.close();
    }
  });
});

describe('fromOpenAIStream with the official SDK', () => {
  it('adopts the SDK AssistantStream: same text as the SDK reports', async () => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'Adopt me' }] });
    const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const sdkText: string[] = [];
    stream.on('textDelta', (delta) => sdkText.push(delta.value ?? ''));
    const ours = await lastValueFrom(fromOpenAIStream(stream).pipe(textDeltas(), toArray()));
    expect(ours.join('')).toBe(sdkText.join(''));
    expect(ours.join('')).toContain('Adopt me');
  });

  it('adopts the SDK chat and responses streams too, typed for every operator', async () => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const chat = openai.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Chat adopt' }] });
    const chatText = await lastValueFrom(fromOpenAIStream(chat).pipe(textDeltas(), toArray()));
    expect(chatText.join('')).toContain('Chat adopt');
    const responses = openai.responses.stream({ model: 'gpt-4o', input: 'Responses adopt' });
    const responseText = await lastValueFrom(fromOpenAIStream(responses).pipe(textDeltas(), toArray()));
    expect(responseText.join('')).toContain('Responses adopt');
  });

  it('unsubscribing aborts the SDK request: the server sees the connection close', async () => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: slow.emulator.url, maxRetries: 0 });
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'a fairly long request to answer slowly' }] });
    const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    stream.on('error', () => undefined); // the abort surfaces as an SDK error event
    const firstTwo = await lastValueFrom(fromOpenAIStream(stream).pipe(take(2), toArray()));
    expect(firstTwo).toHaveLength(2);
    const record = await slow.emulator.waitForRequest({ method: 'POST', path: new RegExp(`${thread.id}/runs$`) });
    expect((await record.ended).clientClosed).toBe(true);
  });
});
