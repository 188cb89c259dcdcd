import type { IncomingMessage, ServerResponse } from 'node:http';
import { expectTypeOf } from 'expect-type';
import { type Observable, type OperatorFunction } from 'rxjs';
import {
  relayToNodeResponse,
  resumableEventStream,
  toEventStreamFrames,
  toEventStreamResponse,
  type ChatCompletionChunk,
  type RelayFactory,
  type ResponseStreamEvent,
} from '../../src/index';

declare const req: IncomingMessage;
declare const res: ServerResponse;
declare const responses$: Observable<ResponseStreamEvent>;
declare const chunks$: Observable<ChatCompletionChunk>;

// node's own request and response fit the adapter, with an Observable or a factory.
relayToNodeResponse(req, res, responses$, { format: 'responses' });
relayToNodeResponse(req, res, (lastEventId: string | undefined) => chunks$, { format: 'chat' });
// @ts-expect-error an unknown format
relayToNodeResponse(req, res, chunks$, { format: 'ndjson' });

expectTypeOf(toEventStreamFrames<ResponseStreamEvent>()).toEqualTypeOf<OperatorFunction<ResponseStreamEvent, string>>();
expectTypeOf(toEventStreamResponse(chunks$)).toEqualTypeOf<Response>();
// A fetch-style handler: a reconnect is answered once upstream says something (or 204 when it has nothing left).
expectTypeOf(resumableEventStream((id) => responses$)).toEqualTypeOf<(request: Request) => Promise<Response>>();
expectTypeOf<Parameters<RelayFactory<ResponseStreamEvent>>>().toEqualTypeOf<[lastEventId: string | undefined, request: Request]>();
