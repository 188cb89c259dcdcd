// `npm start -- --assistants`: an Assistants tool-calling run, streamed through rx-openai-stream.
// The Assistants API was shut down upstream on 2026-08-26: this runs against the built-in emulator (or a
// compatible server); with OPENAI_API_KEY and OPENAI_ASSISTANT_ID set it sends the same requests to that API.
// `DEMO_PACE=fast` streams without pauses between events (the emulator's default pace otherwise; see live-run.mjs).
// It imports the package by its own name (Node resolves it through package.json's `exports` to dist/).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { firstValueFrom, lastValueFrom, share, forkJoin, toArray } from 'rxjs';
import { createAssistantsClient, finalRun, finalRunSteps, handleEvents, streamMetrics, textDeltas } from 'rx-openai-stream';
import { startEmulator } from 'rx-openai-stream/testing';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** The tool this example answers: a stand-in weather service. */
function getWeather({ city }) {
  return JSON.stringify({ city, temperature_c: 18, conditions: 'light rain' });
}

const tty = Boolean(process.stdout.isTTY);
const startedAt = performance.now();
let firstTokenAt;
let lastStatus;
const status = (text) => {
  if (text === lastStatus) return;
  lastStatus = text;
  if (tty) process.stderr.write(`\x1b[2K\r\x1b[2m[${text}]\x1b[0m`);
  else console.log(`[${text}]`);
};
const clearStatus = () => tty && process.stderr.write('\x1b[2K\r');

export async function main() {
  const live = Boolean(process.env.OPENAI_API_KEY && process.env.OPENAI_ASSISTANT_ID);
  const emulator = live ? undefined : await startEmulator(process.env.DEMO_PACE === 'fast' ? { pacing: 0 } : {});
  const client = createAssistantsClient(live ? {} : { apiKey: 'emulator', baseURL: emulator.url });
  console.log(live ? 'Using the OpenAI API.' : `Using the built-in emulator at ${emulator.url}.`);

  try {
    const assistantId = live
      ? process.env.OPENAI_ASSISTANT_ID
      : (await firstValueFrom(client.assistants.create({ model: 'gpt-4o', name: 'Weather', tools: [weatherTool] }))).id;
    const question = 'What is the weather in Paris right now? Use get_weather.';
    const thread = await firstValueFrom(client.threads.create({ messages: [{ role: 'user', content: question }] }));
    console.log(`user > ${question}`);

    const summary = { toolCalls: 0, tokens: 0, deltas: 0 };
    // A step may show in two streams (the tool step completes at the start of the tool outputs' stream): by id.
    const stepIds = new Set();
    const followRun = (events$) => {
      const shared$ = events$.pipe(
        handleEvents({
          onEvent: (event) => {
            if (event.event.startsWith('thread.run.') && !event.event.startsWith('thread.run.step')) status(`run ${event.data.status}`);
          },
          onTextCreated: () => {
            clearStatus();
            lastStatus = undefined;
            process.stdout.write('assistant > ');
          },
          onTextDelta: () => {
            firstTokenAt ??= performance.now();
            summary.deltas++;
          },
          onToolCallCreated: (call) => {
            clearStatus();
            lastStatus = undefined;
            console.log(`assistant > calls ${call.type === 'function' ? call.function.name : call.type}`);
          },
          onToolCallDone: () => summary.toolCalls++,
          onMessageDone: () => process.stdout.write('\n'),
        }),
        share(),
      );
      shared$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
      return firstValueFrom(
        forkJoin({ run: shared$.pipe(finalRun()), steps: shared$.pipe(finalRunSteps()), metrics: shared$.pipe(streamMetrics()) }),
      );
    };

    const tools = live ? { tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } } : {};
    let { run, steps, metrics } = await followRun(client.threads.runs.stream(thread.id, { assistant_id: assistantId, ...tools }));
    const streams = [metrics];
    for (const step of steps) stepIds.add(step.id);
    summary.tokens += run.usage?.total_tokens ?? 0;

    while (run.status === 'requires_action') {
      const calls = run.required_action.submit_tool_outputs.tool_calls;
      const tool_outputs = calls.map((call) => {
        const output = call.function.name === 'get_weather' ? getWeather(JSON.parse(call.function.arguments)) : '{}';
        clearStatus();
        console.log(`tool > ${call.function.name}(${call.function.arguments}) = ${output}`);
        return { tool_call_id: call.id, output };
      });
      ({ run, steps, metrics } = await followRun(client.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs })));
      streams.push(metrics);
      for (const step of steps) stepIds.add(step.id);
      summary.tokens += run.usage?.total_tokens ?? 0;
    }
    clearStatus();

    const durationMs = performance.now() - startedAt;
    const messages = await lastValueFrom(client.threads.messages.listAll(thread.id, { order: 'asc' }).pipe(toArray()));
    console.log('\nsummary');
    console.log(`  final status        ${run.status}`);
    console.log(`  run steps           ${stepIds.size}`);
    console.log(`  tool calls          ${summary.toolCalls}`);
    console.log(`  text deltas         ${summary.deltas}`);
    console.log(`  tokens              ${summary.tokens}`);
    console.log(`  messages in thread  ${messages.length}`);
    console.log(`  time to first token ${firstTokenAt ? `${Math.round(firstTokenAt - startedAt)} ms` : 'n/a'} (from the start)`);
    console.log(`  duration            ${Math.round(durationMs)} ms`);
    console.log('  streams (streamMetrics)');
    streams.forEach((m, i) => {
      const ttft = m.timeToFirstToken === undefined ? 'no text' : `first token after ${Math.round(m.timeToFirstToken)} ms`;
      const rate = m.deltasPerSecond === undefined ? '' : `, ${Math.round(m.deltasPerSecond)} deltas/s`;
      console.log(`    ${i + 1}. ${m.completed ? 'completed' : 'cut'} (${m.finishReason ?? 'n/a'}), ${m.eventCount} events, ${m.deltaCount} deltas, ${ttft}${rate}, ${Math.round(m.duration)} ms`);
    });
    if (run.status !== 'completed') process.exitCode = 1;
  } finally {
    await emulator?.close();
  }
}

// Run as a script (not imported): Node gives import.meta.url the real path, so the command's path is resolved too.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((error) => {
    clearStatus();
    console.error(error);
    process.exitCode = 1;
  });
}
