// `npm start`: a Responses conversation with a function tool and a structured final answer, streamed through
// rx-openai-stream. Against the built-in emulator by default; against the OpenAI API when OPENAI_API_KEY is set
// (model: OPENAI_MODEL, default gpt-4.1-mini). `npm start -- --assistants` runs the Assistants demo instead
// (examples/assistants-run.mjs).
// The emulator streams at about the API's pace, so the answer is seen growing. `DEMO_PACE=fast` (for both demos)
// streams without pauses between events: how spec/package/example.spec.ts runs them.
// It imports the package by its own name (Node resolves it through package.json's `exports` to dist/, built by
// `prestart`), as an app that installed it does.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { catchError, forkJoin, lastValueFrom, map, of, share, toArray } from 'rxjs';
import { z } from 'zod';
import { createClient, finalResponse, streamMetrics, textDeltas } from 'rx-openai-stream';
import { finalParsed, parsedToolCalls, partialParsed, zodResponsesFunction, zodTextFormat } from 'rx-openai-stream/structured';
import { startEmulator } from 'rx-openai-stream/testing';

/** The function tool the model may call, and the answer's shape. */
const GetWeather = z.object({ city: z.string().describe('The city, e.g. Paris') });
const WeatherReport = z.object({
  city: z.string(),
  temperature_c: z.number(),
  conditions: z.string(),
  umbrella: z.boolean().describe('Whether to take an umbrella'),
  summary: z.string().describe('One sentence for the user'),
});
const tools = [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather, description: 'The current weather of a city' })];
const text = { format: zodTextFormat(WeatherReport, 'weather_report') };

/** The tool this example answers: a stand-in weather service. */
function getWeather({ city }) {
  return { city, temperature_c: 18, conditions: 'light rain', umbrella: true };
}

const tty = Boolean(process.stdout.isTTY);
const columns = () => process.stdout.columns ?? 100;
// The status line shows the end of a line too long for the terminal (where the answer grows).
const fit = (line) => (line.length < columns() ? line : `…${line.slice(line.length - columns() + 2)}`);
const status = (line) => tty && process.stderr.write(`\x1b[2K\r\x1b[2m${fit(line)}\x1b[0m`);
const clearStatus = () => tty && process.stderr.write('\x1b[2K\r');

export async function main() {
  const startedAt = performance.now();
  const live = Boolean(process.env.OPENAI_API_KEY);
  const model = process.env.OPENAI_MODEL || 'gpt-4.1-mini';
  const emulator = live ? undefined : await startEmulator(process.env.DEMO_PACE === 'fast' ? { pacing: 0 } : {});
  const client = createClient(live ? {} : { apiKey: 'emulator', baseURL: emulator.url });
  console.log(live ? `Using the OpenAI API (${model}).` : `Using the built-in emulator at ${emulator.url} (${model}).`);

  try {
    const question = 'What is the weather in Paris right now? Use get_weather, then answer as a weather report.';
    console.log(`user > ${question}`);
    const summary = { turns: 0, toolCalls: 0, deltas: 0, partials: 0, metrics: [] };
    let firstTokenAt;
    let request = { model, input: [{ role: 'user', content: question }], tools, text };
    let answer;

    for (;;) {
      summary.turns++;
      // One request, shared by every reader below (one HTTP stream per turn).
      const events$ = client.responses.stream(request).pipe(share());
      // The answer as it grows: on a terminal, a status line with the partial object. A turn that only calls
      // tools has no answer, and partialParsed() fails at its end: finalParsed() below tells what counts.
      events$.pipe(partialParsed(WeatherReport)).subscribe({
        next: (partial) => {
          summary.partials++;
          status(`answer > ${JSON.stringify(partial)}`);
        },
        error: () => {},
      });
      events$.pipe(textDeltas()).subscribe((delta) => {
        firstTokenAt ??= performance.now();
        summary.deltas++;
        if (!tty) process.stdout.write(summary.deltas === 1 ? `answer > ${delta}` : delta); // progressive print
      });
      const { response, calls, parsed, metrics } = await lastValueFrom(
        forkJoin({
          response: events$.pipe(finalResponse()),
          calls: events$.pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()),
          // The validated answer, kept as a value: a turn that only calls tools has none.
          parsed: events$.pipe(
            finalParsed(WeatherReport),
            map((value) => ({ value })),
            catchError((error) => of({ error })),
          ),
          metrics: events$.pipe(streamMetrics()),
        }),
      );
      summary.metrics.push(metrics);
      clearStatus();
      if (!tty && summary.deltas > 0 && calls.length === 0) process.stdout.write('\n');

      if (calls.length === 0) {
        if (parsed.error) throw parsed.error;
        answer = { response, report: parsed.value };
        break;
      }
      if (summary.turns > 5) throw new Error('the model kept calling tools');
      const outputs = calls.map((call) => {
        summary.toolCalls++;
        const output = JSON.stringify(getWeather(call.parsedArguments));
        console.log(`assistant > calls ${call.name}(${call.arguments})`);
        console.log(`tool > ${output}`);
        return { type: 'function_call_output', call_id: call.callId, output };
      });
      // The next turn continues the stored response with the tools' outputs.
      request = { model, previous_response_id: response.id, input: outputs, tools, text };
    }

    console.log('answer (validated by finalParsed):');
    console.log(JSON.stringify(answer.report, null, 2).replace(/^/gm, '  '));
    const durationMs = performance.now() - startedAt;
    console.log('\nsummary');
    console.log(`  final status        ${answer.response.status}`);
    console.log(`  turns               ${summary.turns}`);
    console.log(`  tool calls          ${summary.toolCalls}`);
    console.log(`  text deltas         ${summary.deltas}`);
    console.log(`  partial objects     ${summary.partials} (partialParsed)`);
    console.log(`  tokens (last turn)  ${answer.response.usage?.total_tokens ?? 'n/a'}`);
    console.log(`  time to first token ${firstTokenAt ? `${Math.round(firstTokenAt - startedAt)} ms` : 'n/a'} (from the start)`);
    console.log(`  duration            ${Math.round(durationMs)} ms`);
    console.log('  streams (streamMetrics)');
    summary.metrics.forEach((m, i) => {
      const ttft = m.timeToFirstToken === undefined ? 'no text' : `first token after ${Math.round(m.timeToFirstToken)} ms`;
      const rate = m.deltasPerSecond === undefined ? '' : `, ${Math.round(m.deltasPerSecond)} deltas/s`;
      console.log(`    ${i + 1}. ${m.completed ? 'completed' : 'cut'} (${m.finishReason ?? 'n/a'}), ${m.eventCount} events, ${m.deltaCount} deltas, ${ttft}${rate}, ${Math.round(m.duration)} ms`);
    });
    if (answer.response.status !== 'completed') process.exitCode = 1;
  } finally {
    await emulator?.close();
  }
}

// Run as a script (not imported): Node gives import.meta.url the real path, so the command's path is resolved too
// (a path through a symlink would otherwise skip the demo and print nothing).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const run = process.argv.includes('--assistants') ? (await import('./assistants-run.mjs')).main : main;
  run().catch((error) => {
    clearStatus();
    console.error(error);
    process.exitCode = 1;
  });
}
