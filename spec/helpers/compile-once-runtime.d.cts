// Types of what spec/helpers/compile-once-runtime.cjs exports for its spec.
import type { Context, Script } from 'node:vm';

/** The module function of `source` in `context`, its script compiled once per filename (see the .cjs file). */
export declare function compileOnce(
  scripts: Map<string, { source: string; head: string; script: Script | undefined }>,
  source: string,
  filename: string,
  params: string[],
  context: Context,
): Function | undefined;
