// The surroundings of docs/structured-output.md's snippets (see spec/docs/contexts/shared.ts).
import { z } from 'zod';
import type { ToolLoopTool } from '../../../src/structured/index.js';

/** The schema of the doc's first snippet. */
export const Recipe = z.object({
  title: z.string(),
  steps: z.array(z.object({ text: z.string(), minutes: z.number().nullable() })),
});
export declare const tools: ToolLoopTool[];
export declare function lookUp(city: string, signal: AbortSignal): Promise<number>;
export declare function chartDataUrl(city: string): Promise<string>;
