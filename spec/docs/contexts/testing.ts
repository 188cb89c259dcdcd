// The surroundings of docs/testing.md's snippets (see spec/docs/contexts/shared.ts): tests written with the
// official SDK, whose client is `client` here.
import type OpenAI from 'openai';
import type { RunnableToolFunction } from 'openai/lib/RunnableFunction';
import type { Observable, Subscription } from 'rxjs';

export declare const client: OpenAI;
export declare const messages: OpenAI.Chat.ChatCompletionMessageParam[];
export declare const tools: RunnableToolFunction<any>[];
export declare const thread: OpenAI.Beta.Thread;
/** The subscription of the code under test. */
export declare const subscription: Subscription;
export declare const runUnderTest$: Observable<unknown>;
export declare const resilientRun$: Observable<{ text: string }>;
export declare function callUnderTest(): Promise<unknown>;
