import type { Observable } from 'rxjs';
import { assistantCheck } from '../body-checks.js';
import type { Assistant } from '../../wire/resources.js';
import type { RequestOptions } from '../options.js';
import type { AssistantCreateParams } from '../params.js';
import { readJSON } from '../readers.js';
import { enc, type Transport } from '../transport.js';

/**
 * `client.assistants`: create and retrieve assistants.
 *
 * @example
 * client.assistants.create({ model: 'gpt-4o', name: 'Helper' }).subscribe((assistant) => console.log(assistant.id));
 */
export interface AssistantsResource {
  /** `POST /assistants`. @example client.assistants.create({ model: 'gpt-4o', name: 'Helper' }); */
  create(body: AssistantCreateParams, options?: RequestOptions): Observable<Assistant>;
  /** `GET /assistants/{id}`. @example client.assistants.retrieve('asst_1'); */
  retrieve(assistantId: string, options?: RequestOptions): Observable<Assistant>;
}

/**
 * Builds `client.assistants` on a transport.
 *
 * @internal
 * @example
 * const assistants = assistantsResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * assistants.retrieve('asst_1').subscribe((assistant) => console.log(assistant.name));
 */
export function assistantsResource(transport: Transport): AssistantsResource {
  return {
    create: (body, options) => transport.request({ method: 'POST', path: '/assistants', body }, options, readJSON(assistantCheck)),
    retrieve: (id, options) =>
      transport.request({ method: 'GET', path: `/assistants/${enc(id)}` }, options, readJSON(assistantCheck)),
  };
}
