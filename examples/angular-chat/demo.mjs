// `npm run demo`: builds the Angular app, bundles its relay (server/main.ts, with the library from src/) and
// starts it, printing the URL. Against the built-in emulator unless OPENAI_API_KEY is set (then the OpenAI API,
// model OPENAI_MODEL, default gpt-4.1-mini). PORT overrides the port (default 4300), HOST the interface
// (default 127.0.0.1).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp, bundleServer } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'dist');

console.log('Building the Angular app…');
const ms = await buildApp(outDir, { quiet: true });
console.log(`Built in ${(ms / 1000).toFixed(1)} s.`);
const server = await bundleServer(join(here, 'server', 'main.ts'), join(outDir, 'server', 'main.mjs'));
process.env.ANGULAR_CHAT_DIR ??= join(outDir, 'browser');
await import(pathToFileURL(server).href);
