import { InjectionToken, inject, type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { createClient, type OpenAIStreamClient } from 'rx-openai-stream';

/** The library's client, pointed at the relay on this origin (no API key in the browser). */
export const CHAT_CLIENT = new InjectionToken<OpenAIStreamClient>('CHAT_CLIENT');

/** Provides {@link CHAT_CLIENT}. */
export function provideChatClient(): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: CHAT_CLIENT,
      useFactory: () => createClient({ baseURL: new URL('api/v1', document.baseURI).href, maxRetries: 3 }),
    },
  ]);
}

/** The client, in an injection context. */
export function injectChatClient(): OpenAIStreamClient {
  return inject(CHAT_CLIENT);
}
