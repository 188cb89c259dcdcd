/**
 * The browser side of `spec/angular/chromium.spec.ts`: a zoneless Angular app (JIT, since the spec bundles it with
 * esbuild and no Angular compiler step), bundled from `src/angular`, driven from Node with
 * `page.evaluate('window.angularTest.<name>()')`. Everything a scenario returns crosses to Node as JSON.
 */
import '@angular/compiler';
import { type HttpInterceptorFn, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  type ComponentRef,
  provideZonelessChangeDetection,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import type { ResponseStreamEvent } from '../../../src/index';
import { injectOpenAIStreamClient, provideOpenAIStream, type StreamSignals, streamSignals } from '../../../src/angular/index';

/** What the page exposes as `window.angularTest`. */
export type AngularTest = typeof angularTest;

const auth: HttpInterceptorFn = (request, next) => next(request.clone({ setHeaders: { Authorization: 'Bearer browser-key' } }));

// A component declared without decorator syntax (the decorator called as a function): JIT compiles it.
class Chat {
  private readonly client = injectOpenAIStreamClient();
  readonly answer: StreamSignals<ResponseStreamEvent> = streamSignals<ResponseStreamEvent>();
  ask(input: string, headers?: Record<string, string>) {
    this.answer.start(this.client.responses.stream({ model: 'gpt-4o-mini', input }, { headers }));
  }
}
Component({
  selector: 'app-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<p>{{ answer.text() }}</p><i>{{ answer.status() }}</i>',
})(Chat);

let app: ApplicationRef | undefined;
let chat: ComponentRef<Chat> | undefined;

async function mountChat(): Promise<{ app: ApplicationRef; chat: ComponentRef<Chat>; host: HTMLElement }> {
  app ??= await createApplication({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch(), withInterceptors([auth])),
      provideOpenAIStream({ baseURL: location.origin + '/v1' }),
    ],
  });
  chat?.destroy();
  document.body.innerHTML = '';
  const host = document.createElement('app-chat');
  document.body.appendChild(host);
  chat = app.bootstrap(Chat, host);
  return { app, chat, host };
}

const text = (host: HTMLElement) => host.querySelector('p')!.textContent ?? '';
const status = (host: HTMLElement) => host.querySelector('i')!.textContent ?? '';

const angularTest = {
  environment() {
    return { userAgent: navigator.userAgent, zone: typeof (globalThis as { Zone?: unknown }).Zone };
  },

  /**
   * Asks, and records what the page shows each time the DOM changes, until the status is done: the rendered text
   * grows while the status still reads streaming.
   */
  async progressive(input: string) {
    const { chat, host } = await mountChat();
    const shown: Array<{ text: string; status: string }> = [];
    const done = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        shown.push({ text: text(host), status: status(host) });
        if (status(host) === 'done' || status(host) === 'error') {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(host, { subtree: true, characterData: true, childList: true });
    });
    chat.instance.ask(input);
    await done;
    return { shown, final: chat.instance.answer.text(), error: String(chat.instance.answer.error() ?? '') };
  },

  /** Starts a stream the server holds open; resolves when some text is shown and the app is stable. */
  async stableWhileStreaming(fault: string) {
    const { app, chat, host } = await mountChat();
    chat.instance.ask('Tell me about the sea and the sky', { 'x-emulator-fault': fault });
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (text(host) !== '') {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(host, { subtree: true, characterData: true, childList: true });
    });
    await app.whenStable();
    return { text: text(host), status: chat.instance.answer.status() };
  },

  /** Destroys the chat component (its stream is cancelled). */
  destroyChat() {
    const status = chat?.instance.answer.status();
    chat?.destroy();
    chat = undefined;
    return { statusBefore: status };
  },
};

(window as unknown as { angularTest: AngularTest }).angularTest = angularTest;
