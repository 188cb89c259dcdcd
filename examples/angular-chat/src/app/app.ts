import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { CONVERSATIONS, Chat, type ConversationId } from './chat';

/**
 * The chat page: a prompt box sending to conversation A or B, one list merging the messages of both (each
 * tagged with its conversation), Stop, and a status line.
 */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <h1>rx-openai-stream <span>· Angular chat</span></h1>
      <p class="status" data-testid="status" role="status">{{ chat.status() }}</p>
    </header>

    <main>
      <ol class="messages" aria-live="polite">
        @for (message of chat.messages(); track message.id) {
          <li class="exchange" [class]="'conv-' + message.conversation">
            <div class="prompt-line">
              <span class="tag" [attr.aria-label]="'Conversation ' + message.conversation">{{ message.conversation }}</span>
              <span class="user">{{ message.prompt }}</span>
            </div>
            <article
              class="answer"
              data-testid="message"
              [attr.data-conversation]="message.conversation"
              [attr.data-status]="message.answer.status()"
              [attr.data-response-id]="message.answer.snapshot()?.responseId"
            >
              @for (call of message.answer.snapshot()?.tools ?? []; track call.id) {
                <div class="tool" data-testid="tool-call" [class.done]="call.done">
                  <span class="tool-name">{{ call.name }}</span><code>{{ call.args }}</code>
                  <span class="tool-state">{{ call.done ? 'called' : 'calling…' }}</span>
                </div>
              }
              <p class="text" data-testid="message-text">{{ message.answer.text() }}</p>
              @switch (message.answer.status()) {
                @case ('streaming') { <span class="caret" aria-hidden="true"></span> }
                @case ('stopped') { <small class="note">stopped</small> }
                @case ('error') { <small class="note error">{{ errorText(message.answer.error()) }}</small> }
              }
              @if (message.answer.snapshot()?.cutShort; as reason) {
                <small class="note" data-testid="cut-short">cut short ({{ reason }})</small>
              }
            </article>
          </li>
        } @empty {
          <li class="empty">Ask something in conversation A, then something else in B while A is still answering.</li>
        }
      </ol>
    </main>

    <footer>
      <div class="conversations" role="radiogroup" aria-label="Conversation">
        @for (id of conversations; track id) {
          <button
            type="button"
            role="radio"
            [class]="'conv-' + id"
            [attr.aria-checked]="conversation() === id"
            [attr.data-testid]="'conversation-' + id"
            (click)="conversation.set(id)"
          >
            {{ id }}@if (chat.busy().has(id)) {<span class="dot" aria-label="streaming"></span>}
          </button>
        }
      </div>
      <textarea
        data-testid="prompt"
        rows="2"
        placeholder="Ask something (try: get weather in Paris)"
        aria-label="Prompt"
        [value]="prompt()"
        (input)="prompt.set($any($event.target).value)"
        (keydown.enter)="onEnter($event)"
      ></textarea>
      <button type="button" data-testid="send" class="send" [disabled]="!canSend()" (click)="send()">Send</button>
      <button type="button" data-testid="stop" class="stop" [disabled]="chat.streaming().length === 0" (click)="chat.stop()">
        Stop
      </button>
    </footer>
  `,
  styles: `
    :host { display: grid; grid-template-rows: auto 1fr auto; height: 100vh; max-width: 860px; margin: 0 auto; }
    header { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; padding: 0.9rem 1rem 0.4rem; }
    h1 { font-size: 1.15rem; margin: 0; }
    h1 span { font-weight: 400; color: #5b6778; }
    .status { margin: 0; font-size: 0.85rem; color: #5b6778; }
    main { overflow-y: auto; padding: 0 1rem; }
    .messages { list-style: none; margin: 0; padding: 0.5rem 0; display: grid; gap: 0.8rem; }
    .empty { color: #5b6778; padding: 2rem 0; text-align: center; }
    .prompt-line { display: flex; gap: 0.5rem; align-items: baseline; margin-bottom: 0.3rem; }
    .tag { font-size: 0.75rem; font-weight: 700; color: #fff; border-radius: 999px; padding: 0.05rem 0.5rem; }
    .conv-A .tag, .conversations button.conv-A[aria-checked='true'] { background: #2f6fdf; }
    .conv-B .tag, .conversations button.conv-B[aria-checked='true'] { background: #d9731a; }
    .user { font-weight: 600; }
    .answer { background: #fff; border-radius: 10px; padding: 0.6rem 0.8rem; border-left: 4px solid #2f6fdf; box-shadow: 0 1px 2px #0001; }
    .conv-B .answer { border-left-color: #d9731a; }
    .text { margin: 0; white-space: pre-wrap; display: inline; }
    .caret { display: inline-block; width: 0.5em; height: 1em; vertical-align: text-bottom; background: #1c2430; margin-left: 2px; animation: blink 1s steps(2) infinite; }
    @keyframes blink { to { visibility: hidden; } }
    .note { display: block; color: #5b6778; margin-top: 0.3rem; }
    .note.error { color: #b3261e; }
    .tool { font-size: 0.85rem; background: #eef2f8; border-radius: 6px; padding: 0.25rem 0.5rem; margin-bottom: 0.4rem; display: flex; gap: 0.5rem; align-items: baseline; }
    .tool-name { font-weight: 600; }
    .tool-state { margin-left: auto; color: #5b6778; }
    .tool.done .tool-state { color: #1e7d32; }
    footer { display: grid; grid-template-columns: auto 1fr auto auto; gap: 0.5rem; align-items: center; padding: 0.8rem 1rem 1rem; }
    .conversations { display: flex; gap: 0.25rem; }
    .conversations button { min-width: 2.6rem; white-space: nowrap; color: #1c2430; background: #e3e8ef; }
    .conversations button[aria-checked='true'] { color: #fff; }
    .dot { display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: currentColor; margin-left: 4px; vertical-align: middle; }
    textarea { font: inherit; padding: 0.5rem 0.6rem; border: 1px solid #c7cfdb; border-radius: 8px; resize: none; }
    button { font: inherit; border: 0; border-radius: 8px; padding: 0.55rem 0.9rem; cursor: pointer; }
    button:disabled { opacity: 0.45; cursor: default; }
    .send { background: #1c2430; color: #fff; }
    .stop { background: #b3261e; color: #fff; }
  `,
})
export class App {
  protected readonly chat = inject(Chat);
  protected readonly conversations = CONVERSATIONS;
  protected readonly conversation = signal<ConversationId>('A');
  protected readonly prompt = signal('');
  protected readonly canSend = computed(() => this.prompt().trim() !== '' && !this.chat.busy().has(this.conversation()));

  protected send(): void {
    if (!this.canSend()) return;
    this.chat.send(this.conversation(), this.prompt().trim());
    this.prompt.set('');
  }

  protected errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  protected onEnter(event: Event): void {
    const key = event as KeyboardEvent;
    // Shift+Enter is a new line; an Enter that ends an input method's composition (picking a candidate in Japanese,
    // Chinese, Korean input) is the IME's, not a send (Safari marks it with keyCode 229 only).
    if (key.shiftKey || key.isComposing || key.keyCode === 229) return;
    event.preventDefault();
    this.send();
  }
}
