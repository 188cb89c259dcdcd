/**
 * Type tests, checked by `tsc` (`npm run typecheck`), not run by jest: the top-level parameters the emulator knows
 * (`strictRequests.parameters` refuses any other) are exactly those of the official SDK's request types. An update
 * of the `openai` devDependency that adds or drops one fails here until the emulator's lists follow.
 */
import { expectTypeOf } from 'expect-type';
import type { ResponseCreateParamsBase as BetaResponseCreateParamsBase } from 'openai/resources/beta/responses/responses';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import type { CHAT_PARAMETERS, RESPONSES_PARAMETERS } from '../../src/testing/emulator/request-checks.js';

expectTypeOf<(typeof CHAT_PARAMETERS)[number]>().toEqualTypeOf<keyof ChatCompletionCreateParamsBase>();

// The beta form's `betas` is sent as a header, not in the body.
type ResponsesBody = keyof ResponseCreateParamsBase | Exclude<keyof BetaResponseCreateParamsBase, 'betas'>;
expectTypeOf<(typeof RESPONSES_PARAMETERS)[number]>().toEqualTypeOf<ResponsesBody>();
