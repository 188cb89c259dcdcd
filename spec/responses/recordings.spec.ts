/**
 * Every real Responses recording (OpenAI API and Azure OpenAI) and the published example, through every chunking:
 * the stream completes, and its events and final response equal the official SDK 7.x `ResponseStream`'s on the
 * same bytes. The default checks read only what the library uses, so the fields these recordings omit (though the
 * OpenAPI description requires them) pass; `conformance: responseEventDataSchemas` accepts them too, since the
 * schemas were corrected to what the wire sends.
 */
import fc from 'fast-check';
import { responseEventDataSchemas } from '../../src/schemas';
import { chunksOf, fixtureBytes, fixtureNames, splitAt } from '../helpers/bytes';
import { expectSameAnswers, ours, sdk, type Sdk } from './sdk-parity';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(200, 10);

const recordings: Array<[string, Uint8Array]> = [
  ...fixtureNames('responses-recorded').map((name) => [`recorded/${name}`, fixtureBytes('responses-recorded', name)] as [string, Uint8Array]),
  ...fixtureNames('responses').map((name) => [`responses/${name}`, fixtureBytes('responses', name)] as [string, Uint8Array]),
];

it('covers every recording', () => {
  expect(recordings.map(([name]) => name)).toEqual([
    'recorded/azure-text.sse',
    'recorded/image-generation.sse',
    'recorded/reasoning-summary-function-calls.sse',
    'recorded/swiftagent-function-call.sse',
    'recorded/web-search-annotations.sse',
    'responses/create-response.sse',
  ]);
});

describe.each(recordings)('%s', (_name, bytes) => {
  let reference: Sdk;

  beforeAll(async () => {
    reference = await sdk(chunksOf(bytes, 4096));
  });

  it("completes with the SDK's events and final response, whole", async () => {
    expectSameAnswers(await ours([bytes]), reference);
  });

  it('the same one byte at a time', async () => {
    expectSameAnswers(await ours(chunksOf(bytes, 1)), reference);
  });

  it('the same whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 30 }), async (cuts) => {
        expectSameAnswers(await ours(splitAt(bytes, cuts)), reference);
      }),
      { numRuns: RUNS },
    );
  });

  it('passes the opt-in full OpenAPI validation too', async () => {
    expectSameAnswers(await ours([bytes], { conformance: responseEventDataSchemas }), reference);
  });
});
