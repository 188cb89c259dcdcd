/**
 * Chat Completions: `POST /chat/completions`. The answer is the test's (`emulator.scriptAnswer`), else the
 * generated one (see `../completion-plan.ts`):
 * a `chat.completion` object, or with `stream: true` its chunks as `data:` lines ending with `data: [DONE]`.
 * Nothing is stored.
 */
import { chatCompletionChunks, chatCompletionObject, readChatRequest, scriptChat } from '../chat-script.js';
import { playBlocks } from '../paced-stream.js';
import { checkChatRequest, checkModelParameters, checkParameters } from '../request-checks.js';
import { type Route, scriptedAnswerOf } from '../routing.js';

/**
 * The Chat Completions endpoint.
 *
 * @example
 * const table = [...chatRoutes]; // POST /chat/completions
 * // then, with the official SDK:
 * const messages = [{ role: 'user' as const, content: 'Hi' }];
 * const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
 * completion.choices[0].message.content; // 'You said: Hi'
 */
export const chatRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/chat/completions',
    handle: (ctx) => {
      const checks = ctx.state.options.strictRequests;
      checkParameters('chat', ctx.body, checks);
      const request = readChatRequest(ctx.body);
      checkModelParameters('chat', ctx.body, checks);
      checkChatRequest(ctx.body, checks);
      const tools = request.tools.map((tool) => tool.function.name);
      const scripted = scriptedAnswerOf(ctx, 'chat', { input: request.userText, tools, toolOutputs: request.toolOutputs });
      const script = scriptChat(request, scripted);
      ctx.state.counters.chatCompletionsCreated++;
      if (!request.stream) return chatCompletionObject(script);
      playBlocks(ctx.state, ctx.openEventStream('chat'), chatCompletionChunks(script, request.includeUsage, request.includeObfuscation));
      return undefined;
    },
  },
];
