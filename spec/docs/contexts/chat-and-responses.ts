// The surroundings of docs/chat-and-responses.md's snippets (see spec/docs/contexts/shared.ts).
import type { Response, Responses } from '../../../src/index.js';

/** The outputs of the function calls of a response, as the next turn's input. */
export declare function outputsFor(response: Response): Responses.ResponseInputItem[];
