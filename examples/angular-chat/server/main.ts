/**
 * `npm run demo`'s server: the relay in front of the built-in emulator, or of the OpenAI API when
 * OPENAI_API_KEY is set (model: OPENAI_MODEL, default gpt-4.1-mini). PORT (default 4300) and HOST (default
 * 127.0.0.1) choose where it listens; ANGULAR_CHAT_DIR where the built app is.
 */
import { join } from 'node:path';
import { startEmulator } from '../../../src/testing/index.js';
import { startRelay } from './relay.js';

const browserDir = process.env['ANGULAR_CHAT_DIR'] ?? join(process.cwd(), 'examples', 'angular-chat', 'dist', 'browser');
const apiKey = process.env['OPENAI_API_KEY'];
const model = process.env['OPENAI_MODEL'] || 'gpt-4.1-mini';
// The emulator answers "You said: <prompt>", and calls get_weather when the prompt names it ("get weather in Paris").
const emulator = apiKey ? undefined : await startEmulator({ pacing: { eventMs: 30, deltaMs: 60 } });
const relay = await startRelay({
  browserDir,
  upstream: emulator ? { apiKey: 'emulator', baseURL: emulator.url } : { apiKey },
  model,
  port: Number(process.env['PORT'] ?? 4300),
  host: process.env['HOST'] ?? '127.0.0.1',
});
console.log(emulator ? `Upstream: the built-in emulator at ${emulator.url}` : `Upstream: the OpenAI API (${model})`);
console.log(`Angular chat: ${relay.url}  (Ctrl+C to stop)`);

const shutdown = async () => {
  await relay.close();
  await emulator?.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
