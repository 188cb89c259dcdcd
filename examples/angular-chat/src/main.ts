import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { provideChatClient } from './app/chat-client';

bootstrapApplication(App, {
  providers: [provideZonelessChangeDetection(), provideHttpClient(withFetch()), provideChatClient()],
}).catch((error: unknown) => console.error(error));
