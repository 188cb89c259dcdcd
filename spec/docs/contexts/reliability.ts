// The surroundings of docs/reliability.md's snippets (see spec/docs/contexts/shared.ts).
import type OpenAI from 'openai';
import type { VirtualTimeScheduler } from 'rxjs';

/** The official SDK's parameters of a chat completion. */
export declare const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
export declare const virtualTime: VirtualTimeScheduler;
