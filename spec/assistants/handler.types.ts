/**
 * Type tests of `handleEvents()`'s handlers, checked by `tsc` (`npm run typecheck`), not run by jest: a callback
 * written for a narrower type than the one it is given fits (callbacks are checked as methods are), in an object
 * and in a subclass of `AssistantEventHandler`, and a callback may be `undefined` (an app compiled with
 * `exactOptionalPropertyTypes` passes `cond ? fn : undefined`).
 */
import { expectTypeOf } from 'expect-type';
import {
  AssistantEventHandler,
  type AssistantStreamHandler,
  type FunctionToolCall,
  handleEvents,
  type HandlerCallback,
  type TextDelta,
} from '../../src/index';

// An object whose callback takes only function calls.
const functionCalls = { onToolCallDone(call: FunctionToolCall) { console.log(call.function.name); } };
handleEvents(functionCalls);
const asHandler: AssistantStreamHandler = functionCalls;

// A subclass that overrides a callback with a narrower parameter.
class FunctionCalls extends AssistantEventHandler {
  override onToolCallDone(call: FunctionToolCall): void {
    console.log(call.function.arguments);
  }
}
handleEvents(new FunctionCalls());
const subclass: AssistantStreamHandler = new FunctionCalls();

// A callback left undefined.
declare const verbose: boolean;
handleEvents({ onTextDelta: verbose ? (delta: TextDelta) => console.log(delta.value) : undefined });

// The callback type itself.
expectTypeOf<HandlerCallback<[delta: TextDelta]>>().parameters.toEqualTypeOf<[delta: TextDelta]>();
expectTypeOf<AssistantStreamHandler['onTextDelta']>().toEqualTypeOf<HandlerCallback<[delta: TextDelta, snapshot: import('../../src/index').Text]> | undefined>();

// A callback of another type altogether is still refused.
// @ts-expect-error: a number is no callback
handleEvents({ onTextDelta: 5 });

export { asHandler, subclass };
