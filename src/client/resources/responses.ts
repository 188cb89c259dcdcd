import { filter, type Observable } from 'rxjs';
import { listPageCheck, responseCheck, responseDeletedCheck, responseInputItemCheck } from '../body-checks.js';
import type { ListPage } from '../../wire/list-page.js';
import type { Response, ResponseStreamEvent } from '../../wire/responses-api.js';
import { attempt } from '../layers/attempt.js';
import type { RequestOptions } from '../options.js';
import { type ResponseStreamApi, type ResponseStreamOptions, responsesProtocol } from '../protocols/responses.js';
import { readJSON, readJSONWithHeaders } from '../readers.js';
import { streamCall } from '../stream-call.js';
import { enc, type RequestHold, type RequestSpec, type Transport } from '../transport.js';
import { paginate } from './paginate.js';

export type { ResponseStreamOptions } from '../protocols/responses.js';

/**
 * The body of a Responses API request: `model`, `input` and any other parameter of the API.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi', instructions: 'Answer briefly.' });
 */
export interface ResponseCreateParams extends ResponseCreateFields {
  [field: string]: unknown;
}

/**
 * What the Responses calls read of a body, as a type without an index signature: a body of an interface type (the
 * official SDK's `ResponseCreateParamsStreaming`, whose `model` is optional) fits it, where it cannot fit
 * {@link ResponseCreateParams}. The calls take either.
 *
 * @example
 * const fields: ResponseCreateFields = { model: 'gpt-4o', input: 'Hi', background: true };
 */
export interface ResponseCreateFields {
  /** The model; a request with a stored `prompt` may leave it to the prompt, as the API and the SDK allow. */
  model?: string | undefined;
  input?: unknown;
  /** Run the response in the background: the API answers at once (`queued`) and produces it over time. */
  background?: boolean | null | undefined;
  /**
   * The conversation (`conv_...`, or `{ id }`) the response belongs to: its items are the start of the input, and
   * the turn's input and output items are added to it (see `client.conversations`).
   */
  conversation?: string | { id: string } | null | undefined;
}

/**
 * The events of an existing background response, from after `starting_after` (a `sequence_number`; default: all
 * of them): the form of `client.responses.stream()` that reads `GET /responses/{id}?stream=true`.
 *
 * @example
 * client.responses.stream({ response_id: 'resp_...', starting_after: 41 }).subscribe(print);
 */
export interface ResponseStreamByIdParams {
  response_id: string;
  starting_after?: number | undefined;
}

/**
 * The query of `client.responses.retrieve()`: with `stream: true` the events of a background response (after
 * `starting_after`) instead of the response object.
 *
 * @example
 * client.responses.retrieve('resp_...', { stream: true, starting_after: 10 });
 */
export interface ResponseRetrieveParams {
  stream?: boolean | undefined;
  starting_after?: number | undefined;
  include_obfuscation?: boolean | undefined;
  /** More output to include (`message.output_text.logprobs`, ...), sent as `include[]` values. */
  include?: readonly string[] | undefined;
}

/**
 * The answer of `client.responses.delete()`: as the server sent it (the API: `{ id, object: 'response.deleted',
 * deleted: true }`), or `{ id, deleted: true }` for a successful answer without a body (as the API's description has
 * it, and some compatible servers send it).
 *
 * @example
 * client.responses.delete('resp_...').subscribe(({ id, deleted }) => console.log(id, deleted));
 */
export interface ResponseDeleted {
  id: string;
  object?: string | undefined;
  deleted?: boolean | undefined;
  [field: string]: unknown;
}

/**
 * One input item of a stored response, as `GET /responses/{id}/input_items` lists it (a message, a function
 * call output, ...; every item has an `id` and a `type`).
 *
 * @example
 * client.responses.inputItems.listAll('resp_...').subscribe((item) => console.log(item.type, item.id));
 */
export interface ResponseInputListItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * The query of `client.responses.inputItems.list()`: cursor pagination.
 *
 * @example
 * client.responses.inputItems.list('resp_...', { limit: 10, order: 'asc' });
 */
export interface ResponseInputItemListParams {
  limit?: number | undefined;
  order?: 'asc' | 'desc' | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

/**
 * `client.responses.inputItems`.
 *
 * @example
 * client.responses.inputItems.list('resp_...', { order: 'asc' }).subscribe((page) => console.log(page.data));
 */
export interface ResponseInputItemsResource {
  /** One page of the input items. @example client.responses.inputItems.list('resp_...', { limit: 5 }); */
  list(responseId: string, query?: ResponseInputItemListParams, options?: RequestOptions): Observable<ListPage<ResponseInputListItem>>;
  /** Every input item, page after page, one emission each. @example client.responses.inputItems.listAll('resp_...').pipe(toArray()); */
  listAll(responseId: string, query?: ResponseInputItemListParams, options?: RequestOptions): Observable<ResponseInputListItem>;
}

/**
 * `client.responses`.
 *
 * @example
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(finalResponse()).subscribe((r) => console.log(r.status));
 */
export interface ResponsesResource {
  /**
   * Streams a response (`stream: true` is set for you) as events. `response.failed` and `error` events fail it
   * with `ResponseStreamError`. The cut stream of a stored response (`store` is on by default) that is not in the
   * background is completed once the response settled, with exactly the events it missed (`onRecover` with
   * `method: 'settle'`; `ResponseNotRetrievableError` when the API does not serve the response,
   * `ResponseDivergedError`, holding the response, when it does not continue the text the stream delivered); with
   * `store: false` a cut fails with `IncompleteStreamError`. With `fallbackToPolling`, a stream that cannot be established becomes
   * one non-streaming request, polled until the response settled (a background one answers `queued`), emitted as
   * equivalent events (a `failed` or `cancelled` response fails with `ResponseStreamError`). Given
   * `{ response_id, starting_after }`, streams the events of an existing background response after that
   * sequence number (the server leaves the earlier ones out, so `finalResponse()` and `finalParsed()`, which
   * accumulate from `response.created`, need the stream from its start: leave `starting_after` out for them). The
   * stream of a background response (`background: true`, or by id) that is cut, reset or silent past the idle
   * timeout resumes by itself after its last delivered `sequence_number` (every event once, in order;
   * `recoverStreams: false` turns it off); when the API no longer serves the events it fails with
   * `ResponseResumeExpiredError`.
   *
   * @example
   * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(textDeltas()).subscribe(print);
   * client.responses.stream({ response_id: 'resp_...', starting_after: 12 }).pipe(textDeltas()).subscribe(print);
   */
  stream(params: ResponseCreateParams | ResponseCreateFields | ResponseStreamByIdParams, options?: ResponseStreamOptions): Observable<ResponseStreamEvent>;
  /**
   * One non-streaming response (with `background: true`: the `queued` response, at once).
   *
   * @example
   * client.responses.create({ model: 'gpt-4o', input: 'Hi' }).subscribe((r) => console.log(r.status));
   */
  create(params: ResponseCreateParams | ResponseCreateFields, options?: RequestOptions): Observable<Response>;
  /**
   * A stored response (`GET /responses/{id}`); with `{ stream: true, starting_after }` the events of a
   * background response after that sequence number.
   *
   * @example
   * client.responses.retrieve('resp_...').subscribe((r) => console.log(r.status));
   * client.responses.retrieve('resp_...', { stream: true, starting_after: 3 }).subscribe((e) => console.log(e.type));
   */
  retrieve(responseId: string, query?: ResponseRetrieveParams & { stream?: false | undefined }, options?: RequestOptions): Observable<Response>;
  retrieve(responseId: string, query: ResponseRetrieveParams & { stream: true }, options?: ResponseStreamOptions): Observable<ResponseStreamEvent>;
  /**
   * Cancels a background response (`POST /responses/{id}/cancel`); emits it, `cancelled`.
   *
   * @example
   * client.responses.cancel('resp_...').subscribe((r) => console.log(r.status)); // 'cancelled'
   */
  cancel(responseId: string, options?: RequestOptions): Observable<Response>;
  /**
   * Deletes a stored response (`DELETE /responses/{id}`).
   *
   * @example
   * client.responses.delete('resp_...').subscribe(({ deleted }) => console.log(deleted));
   */
  delete(responseId: string, options?: RequestOptions): Observable<ResponseDeleted>;
  /** The input items of a stored response. @example client.responses.inputItems.listAll('resp_...'); */
  readonly inputItems: ResponseInputItemsResource;
}

/**
 * Builds `client.responses` on a transport.
 *
 * @internal
 * @example
 * const responses = responsesResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * responses.create({ model: 'gpt-4o', input: 'Hi' }).subscribe((r) => console.log(r.status));
 */
export function responsesResource(transport: Transport): ResponsesResource {
  // `hold`: what the fallback's create does when left once sent (see `RequestHold`); the resource's own has none.
  const create = (params: ResponseCreateParams | ResponseCreateFields, options?: RequestOptions, hold?: RequestHold<Response>) => {
    const { stream: _ignored, ...body } = params as Record<string, unknown>;
    void _ignored;
    return transport.request({ method: 'POST', path: '/responses', body }, options, readJSON(responseCheck), hold);
  };
  const path = (responseId: string) => `/responses/${enc(responseId)}`;
  const streamSpec = (responseId: string, startingAfter: number | undefined, extra?: ResponseRetrieveParams): RequestSpec => ({
    method: 'GET',
    path: path(responseId),
    query: { ...extra, stream: true, starting_after: startingAfter },
  });
  // The plain calls a stream needs to resume, cancel or fall back.
  const api: ResponseStreamApi = {
    streamAfter: (responseId, startingAfter, options, query, decode) =>
      // The API filters by `starting_after`; filtering here too keeps the promise when a server does not.
      // Before any numbered event (-1), from the start: no `starting_after`.
      attempt(transport, { decode, nameOf: responsesProtocol.nameOf }, streamSpec(responseId, startingAfter < 0 ? undefined : startingAfter, query as ResponseRetrieveParams), options).pipe(
        filter((event) => typeof event.sequence_number !== 'number' || event.sequence_number > startingAfter),
      ),
    cancel: (responseId, options) => transport.request({ method: 'POST', path: `${path(responseId)}/cancel` }, options, readJSON()),
    create: (body, options, hold) => create(body as ResponseCreateParams, options, hold),
    retrieve: (responseId, options, query) =>
      transport.request({ method: 'GET', path: path(responseId), query }, options, readJSONWithHeaders(responseCheck)),
  };
  /**
   * The events of an existing background response after `startingAfter`, resumed after cuts. `-1` (before the
   * first event) is the stream from its start, as no `starting_after`; a number that is not a whole one from -1 on
   * (a relay's `Number(lastEventId)` of a header that is no number: `NaN`) is a `RangeError` before anything is
   * sent, where the API would answer 400, which reads as a resume past its window.
   */
  const streamById = (
    where: string,
    responseId: string,
    startingAfter: number | undefined,
    options?: ResponseStreamOptions,
    extra?: ResponseRetrieveParams,
  ) => {
    if (startingAfter !== undefined && !(Number.isInteger(startingAfter) && startingAfter >= -1)) {
      throw new RangeError(`${where}: starting_after must be a whole number >= -1 (a sequence_number; got ${String(startingAfter)})`);
    }
    const after = startingAfter === -1 ? undefined : startingAfter;
    return streamCall(transport, responsesProtocol, { transport, api, spec: streamSpec(responseId, after, extra), options, responseId, startingAfter: after });
  };

  const inputItemsPath = (responseId: string) => `${path(responseId)}/input_items`;
  const inputItemsPage = (responseId: string, query?: object, options?: RequestOptions) =>
    transport.request(
      { method: 'GET', path: inputItemsPath(responseId), query: query as Record<string, string> },
      options,
      readJSON(listPageCheck(responseInputItemCheck)),
    );

  function retrieve(responseId: string, query?: ResponseRetrieveParams & { stream?: false }, options?: RequestOptions): Observable<Response>;
  function retrieve(responseId: string, query: ResponseRetrieveParams & { stream: true }, options?: ResponseStreamOptions): Observable<ResponseStreamEvent>;
  function retrieve(
    responseId: string,
    query?: ResponseRetrieveParams,
    options?: ResponseStreamOptions,
  ): Observable<Response> | Observable<ResponseStreamEvent> {
    const { stream, starting_after, ...rest } = query ?? {};
    if (stream === true) return streamById('responses.retrieve()', responseId, starting_after, options, rest);
    return transport.request({ method: 'GET', path: path(responseId), query: rest }, options, readJSON(responseCheck));
  }

  return {
    create: (params, options) => create(params, options),
    retrieve,
    cancel: (responseId, options) =>
      transport.request({ method: 'POST', path: `${path(responseId)}/cancel` }, options, readJSON(responseCheck)),
    delete: (responseId, options) =>
      transport.request(
        { method: 'DELETE', path: path(responseId) },
        options,
        // The API describes its answer as a bare 200; it sends `{ id, object, deleted }` today.
        readJSON(responseDeletedCheck, (): ResponseDeleted => ({ id: responseId, deleted: true })),
      ),
    inputItems: {
      list: (responseId, query, options) => inputItemsPage(responseId, query, options),
      listAll: (responseId, query, options) =>
        paginate(inputItemsPath(responseId), query?.after, (after) => inputItemsPage(responseId, { ...query, after }, options)),
    },
    stream: (params, options) => {
      if (isStreamById(params)) return streamById('responses.stream()', params.response_id, params.starting_after, options);
      const spec: RequestSpec = { method: 'POST', path: '/responses', body: { ...params, stream: true } };
      return streamCall(transport, responsesProtocol, { transport, api, spec, body: params as Record<string, unknown>, options });
    },
  };
}

function isStreamById(params: ResponseCreateParams | ResponseCreateFields | ResponseStreamByIdParams): params is ResponseStreamByIdParams {
  return typeof (params as ResponseStreamByIdParams).response_id === 'string' && (params as ResponseCreateParams).model === undefined;
}
