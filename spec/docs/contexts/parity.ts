// The surroundings of docs/parity.md's snippets (see spec/docs/contexts/shared.ts).
import type { ResponseCreateParams } from '../../../src/index.js';

export declare const params: ResponseCreateParams;
export declare const write: (text: string) => void;
