/**
 * Angular apps for the specs, in Node: the browser platform (`createApplication`, zoneless) over a document from
 * the DOM emulation that ships with @angular/platform-server (domino), since jest runs in a `node` environment.
 */
import '@angular/compiler'; // JIT for the specs' own components; the library has no decorators
import {
  type ApplicationRef,
  type EnvironmentProviders,
  type Provider,
  provideZonelessChangeDetection,
  type Type,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';

interface DominoDocument extends Document {
  serialize?(): string;
}

let dom: DominoDocument | undefined;

/** The document of the specs' browser apps (`globalThis.document`, one per spec file). */
export function browserDocument(): DominoDocument {
  if (!dom) {
    const domino = require('../../node_modules/@angular/platform-server/third_party/domino/bundled-domino.mjs').default;
    dom = domino.createWindow('<html><head></head><body></body></html>', 'http://localhost/').document as DominoDocument;
    (globalThis as { document?: Document }).document = dom;
  }
  return dom;
}

/** A zoneless browser app with `providers`, destroyed after the current test. */
export async function browserApp(providers: Array<Provider | EnvironmentProviders>): Promise<ApplicationRef> {
  browserDocument();
  const log = console.log;
  console.log = () => undefined; // Angular's "running in development mode" notice
  try {
    const app = await createApplication({ providers: [provideZonelessChangeDetection(), ...providers] });
    apps.push(app);
    return app;
  } finally {
    console.log = log;
  }
}

/** Bootstraps `component` into a new host element of the document. */
export function mount<C>(app: ApplicationRef, component: Type<C>, selector: string) {
  const host = browserDocument().createElement(selector);
  browserDocument().body.appendChild(host);
  const log = console.log;
  console.log = () => undefined; // the development-mode notice again
  try {
    return { ref: app.bootstrap(component, host), host };
  } finally {
    console.log = log;
  }
}

const apps: ApplicationRef[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) if (!app.destroyed) app.destroy();
});
