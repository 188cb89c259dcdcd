// The public types the protocol registry derives (`src/protocols/registry.ts`, `accumulations.ts`) stay what
// they were when they were written out by hand.
import { expectTypeOf } from 'expect-type';
import type { Observable } from 'rxjs';
import {
  type AssistantStreamEvent,
  type ChatCompletionChunk,
  type ChatToolCallDeltaWithSnapshot,
  type ResponseStreamEvent,
  type ResponseToolCallDeltaWithSnapshot,
  type StreamKind,
  type StreamValue,
  type ToolCallDeltaOf,
  type ToolCallDeltaWithSnapshot,
  toolCallDeltas,
} from '../../src/index';

expectTypeOf<StreamValue>().toEqualTypeOf<AssistantStreamEvent | ChatCompletionChunk | ResponseStreamEvent>();
expectTypeOf<StreamKind>().toEqualTypeOf<'assistants' | 'chat' | 'responses'>();

expectTypeOf<ToolCallDeltaOf<AssistantStreamEvent>>().toEqualTypeOf<ToolCallDeltaWithSnapshot>();
expectTypeOf<ToolCallDeltaOf<ChatCompletionChunk>>().toEqualTypeOf<ChatToolCallDeltaWithSnapshot>();
expectTypeOf<ToolCallDeltaOf<ResponseStreamEvent>>().toEqualTypeOf<ResponseToolCallDeltaWithSnapshot>();
expectTypeOf<ToolCallDeltaOf<StreamValue>>().toEqualTypeOf<
  ToolCallDeltaWithSnapshot | ChatToolCallDeltaWithSnapshot | ResponseToolCallDeltaWithSnapshot
>();
// One member of a union API type still maps to its API's deltas.
expectTypeOf<ToolCallDeltaOf<Extract<ResponseStreamEvent, { type: 'response.completed' }>>>().toEqualTypeOf<
  ResponseToolCallDeltaWithSnapshot
>();
expectTypeOf<ToolCallDeltaOf<string>>().toEqualTypeOf<never>();

declare const chunks$: Observable<ChatCompletionChunk>;
expectTypeOf(chunks$.pipe(toolCallDeltas())).toEqualTypeOf<Observable<ChatToolCallDeltaWithSnapshot>>();
declare const events$: Observable<AssistantStreamEvent>;
expectTypeOf(events$.pipe(toolCallDeltas())).toEqualTypeOf<Observable<ToolCallDeltaWithSnapshot>>();
