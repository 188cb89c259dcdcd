import OpenAI, { toFile } from 'openai';
import { startEmulator, type Emulator } from '../../src/testing/index.js';

describe('the official SDK against the emulator: messages, files, vector stores, errors', () => {
  let emulator: Emulator;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0, statusStepMs: 3, pollAfterMs: 1, apiKey: 'the-key' });
    client = new OpenAI({ apiKey: 'the-key', baseURL: emulator.url, maxRetries: 0 });
  });
  afterAll(() => emulator.close());

  it('lists messages page by page and auto-paginates with for await', async () => {
    const thread = await client.beta.threads.create();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await client.beta.threads.messages.create(thread.id, { role: 'user', content: `message ${i}` })).id);
    }
    const first = await client.beta.threads.messages.list(thread.id, { limit: 3 });
    expect(first.data.map((m) => m.id)).toEqual(created.slice().reverse().slice(0, 3));
    expect(first.has_more).toBe(true);

    const seen: string[] = [];
    for await (const message of client.beta.threads.messages.list(thread.id, { limit: 3, order: 'asc' })) {
      seen.push(message.id);
    }
    expect(seen).toEqual(created);
    const pages = emulator.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${thread.id}/messages`) && r.query.includes('order=asc'));
    expect(pages).toHaveLength(3);
  });

  it('uploads a file and attaches it with vectorStores.files.uploadAndPoll', async () => {
    const store = await client.vectorStores.create({ name: 'docs' });
    const file = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from('hello world'), 'hello.txt'));
    expect(file).toMatchObject({ object: 'vector_store.file', status: 'completed', vector_store_id: store.id, usage_bytes: 11 });
    const uploaded = await client.files.retrieve(file.id);
    expect(uploaded).toMatchObject({ object: 'file', filename: 'hello.txt', bytes: 11, purpose: 'assistants' });
    const after = await client.vectorStores.retrieve(store.id);
    expect(after.file_counts).toEqual({ in_progress: 0, completed: 1, failed: 0, cancelled: 0, total: 1 });
    expect(after.status).toBe('completed');
  });

  it('uploads several files in a batch with vectorStores.fileBatches.uploadAndPoll', async () => {
    const store = await client.vectorStores.create({ name: 'batch' });
    const files = await Promise.all(['a', 'bb', 'ccc'].map((text, i) => toFile(Buffer.from(text), `f${i}.txt`)));
    const batch = await client.vectorStores.fileBatches.uploadAndPoll(store.id, { files });
    expect(batch).toMatchObject({ object: 'vector_store.files_batch', status: 'completed', vector_store_id: store.id });
    expect(batch.file_counts).toEqual({ in_progress: 0, completed: 3, failed: 0, cancelled: 0, total: 3 });
    const listed = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
    expect(listed.data).toHaveLength(3);
    expect((await client.vectorStores.retrieve(store.id)).usage_bytes).toBe(6);
  });

  it("cleans up as a test or an app does: lists and deletes files, a store's file (its counts follow), vector stores", async () => {
    const store = await client.vectorStores.create({ name: 'to clean' });
    const kept = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from('keep'), 'keep.txt'));
    const dropped = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from('drop me'), 'drop.txt'));
    const other = await client.files.create({ file: await toFile(Buffer.from('x'), 'x.jsonl'), purpose: 'batch' });

    const files = [];
    for await (const file of client.files.list({ limit: 2 })) files.push(file.id);
    expect(files).toEqual(expect.arrayContaining([kept.id, dropped.id, other.id]));
    expect((await client.files.list({ purpose: 'batch' })).data.map((file) => file.id)).toContain(other.id);
    expect((await client.files.list({ purpose: 'batch' })).data.map((file) => file.id)).not.toContain(kept.id);

    expect(await client.vectorStores.files.delete(dropped.id, { vector_store_id: store.id })).toEqual({ id: dropped.id, object: 'vector_store.file.deleted', deleted: true });
    expect((await client.vectorStores.retrieve(store.id)).file_counts).toMatchObject({ completed: 1, total: 1 });
    // The uploaded file itself stays until it is deleted.
    expect((await client.files.retrieve(dropped.id)).id).toBe(dropped.id);
    expect(await client.files.delete(dropped.id)).toEqual({ id: dropped.id, object: 'file', deleted: true });
    await expect(client.files.retrieve(dropped.id)).rejects.toMatchObject({ status: 404 });

    const stores = [];
    for await (const listed of client.vectorStores.list()) stores.push(listed.id);
    expect(stores).toContain(store.id);
    expect(await client.vectorStores.delete(store.id)).toEqual({ id: store.id, object: 'vector_store.deleted', deleted: true });
    await expect(client.vectorStores.retrieve(store.id)).rejects.toMatchObject({ status: 404 });
  });

  it('lists and retrieves models (models.list(), models.retrieve())', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('gpt-4o');
    expect(await client.models.retrieve('gpt-4o-mini')).toEqual({ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' });
    expect((await client.models.retrieve('my-fine-tune')).id).toBe('my-fine-tune');
  });

  it('raises the typed errors: AuthenticationError, NotFoundError, BadRequestError', async () => {
    const wrongKey = new OpenAI({ apiKey: 'wrong-key', baseURL: emulator.url, maxRetries: 0 });
    const auth = await wrongKey.beta.threads.create().catch((error: unknown) => error);
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((auth as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');

    const missing = await client.beta.threads.retrieve('thread_doesnotexist').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as Error).message).toContain("No thread found with id 'thread_doesnotexist'.");
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);

    const thread = await client.beta.threads.create();
    const bad = await client.beta.threads.runs.create(thread.id, {} as never).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('assistant_id');
  });
});
