import { DOCUMENT } from '@angular/common';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { inject, provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideOpenAIStream } from 'rx-openai-stream/angular';
import { App } from './app/app';

bootstrapApplication(App, {
  providers: [
    provideZonelessChangeDetection(),
    // withFetch(): streams arrive chunk by chunk (the XMLHttpRequest backend delivers them in bursts).
    provideHttpClient(withFetch()),
    // The library's client over HttpClient, pointed at the relay on this origin: no API key in the browser.
    provideOpenAIStream(() => ({ baseURL: new URL('api/v1', inject(DOCUMENT).baseURI).href, maxRetries: 3 })),
  ],
}).catch((error: unknown) => console.error(error));
