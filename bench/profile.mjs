// Runs one contender in a loop, for `node --cpu-prof` (or --prof) to profile:
//
//   npm run build && node --cpu-prof --cpu-prof-dir=bench/results bench/profile.mjs library 20000 30
//
// Arguments: contender (library | client | sdk | floor for an Assistants run; chat-library | chat-sdk | chat-floor for a
// Chat Completions stream; responses-library | responses-client | responses-sdk | responses-floor for a Responses
// stream; default library), N (default 20000), iterations (default 30).
import { performance } from 'node:perf_hooks';
import { assistantRunStream, chatCompletionStream, responsesStream, toChunks } from './generate.mjs';
import {
  floor,
  libraryAssistants,
  libraryChat,
  libraryClientAssistants,
  libraryClientResponses,
  libraryResponses,
  sdkAssistants,
  sdkChat,
  sdkResponses,
} from './implementations.mjs';

const [name = 'library', n = '20000', iterations = '30'] = process.argv.slice(2);
const run = {
  library: libraryAssistants,
  client: libraryClientAssistants,
  sdk: sdkAssistants,
  floor,
  'chat-library': libraryChat().run,
  'chat-sdk': sdkChat,
  'chat-floor': floor,
  'responses-library': libraryResponses,
  'responses-client': libraryClientResponses,
  'responses-sdk': sdkResponses,
  'responses-floor': floor,
}[name];
if (!run) throw new Error(`unknown contender ${name}`);
const stream = name.startsWith('chat-')
  ? chatCompletionStream(Number(n))
  : name.startsWith('responses-')
    ? responsesStream(Number(n))
    : assistantRunStream(Number(n));
const chunks = toChunks(stream.text);
const times = [];
for (let i = 0; i < Number(iterations); i++) {
  const t0 = performance.now();
  await run(chunks, { text: stream.expectedText });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`${name} N=${n} (${stream.events} events): median ${times[times.length >> 1].toFixed(1)} ms over ${iterations} runs`);
