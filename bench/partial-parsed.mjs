// What partialParsed() costs as one string value grows: a Responses answer `{"title":…,"body":"lorem ipsum …"}` in
// 4-character deltas (about one token each), read whole through partialParsed(). The time per 1,000 characters
// should not grow with the length (each delta is parsed once; a string value grows by concatenation).
//
//   npm run build && node bench/partial-parsed.mjs [--arrays]
import { count, from, lastValueFrom } from 'rxjs';

const { partialParsed } = await import(new URL('../dist/esm/structured/index.js', import.meta.url));

for (const length of [30_000, 60_000, 120_000, 240_000, 480_000]) {
  const text = JSON.stringify({ title: 'Report', body: 'lorem ipsum '.repeat(Math.ceil(length / 12)) });
  const events = text.match(/.{1,4}/gs).map((delta, sequence_number) => ({
    type: 'response.output_text.delta',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta,
    sequence_number,
    logprobs: [],
  }));
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    await lastValueFrom(from(events).pipe(partialParsed(), count()));
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `${String(text.length).padStart(7)} characters, ${String(events.length).padStart(6)} deltas: ${best.toFixed(0).padStart(5)} ms ` +
      `(${((best / text.length) * 1000).toFixed(2)} ms per 1,000 characters, best of 3)`,
  );
}

// Where the time per character does grow: a value that grows one element at a time inside one long array. Each new
// value copies the array (the path to what changed is copied, so that finished parts keep their identity).
//   node bench/partial-parsed.mjs --arrays
if (process.argv.includes('--arrays')) {
  const { createPartialJsonParser } = await import(new URL('../dist/esm/structured/index.js', import.meta.url));
  for (const kb of [16, 32, 64, 128]) {
    let text = '[';
    for (let i = 0; text.length < kb * 1024; i++) text += (i ? ',' : '') + i;
    text += ']';
    const parser = createPartialJsonParser();
    const t0 = performance.now();
    for (const character of text) parser.push(character);
    parser.end();
    console.log(`array of numbers, ${String(kb).padStart(3)} KB in 1-character deltas: ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
  }
}
