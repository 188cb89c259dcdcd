// The surroundings of docs/angular.md's snippets (see spec/docs/contexts/shared.ts): these names win over the
// shared ones there.
import type { HttpInterceptorFn } from '@angular/common/http';
import type { IncomingMessage, Server } from 'node:http';
import type { MonoTypeOperatorFunction } from 'rxjs';
import type { OpenAIStreamClient, ResponseCreateParams } from '../../../src/index.js';

export { createEnvironmentInjector, DestroyRef, EnvironmentInjector, input, resource, type ResourceStreamItem } from '@angular/core';
export { injectOpenAIStreamClient, provideOpenAIStream } from '../../../src/angular/index.js';
export { scan } from 'rxjs';

/** The client of `injectOpenAIStreamClient()`, or of `createClient()` in the app. */
export declare const client: OpenAIStreamClient;
export declare const authInterceptor: HttpInterceptorFn;
export declare const server: Server;
export declare function isSignedIn(req: IncomingMessage): boolean;
export declare function readBody(req: IncomingMessage): Promise<string>;
/** A request's body. */
export declare const body: ResponseCreateParams;
/** An app's operator that shows a loading bar while a request runs. */
export declare function showsLoadingBar<T>(): MonoTypeOperatorFunction<T>;
