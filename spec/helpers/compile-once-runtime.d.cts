// Types of what spec/helpers/compile-once-runtime.cjs exports for its spec.
import type { Context, Script } from 'node:vm';

type Scripts = Map<string, { source: string; head: string; script: Script | undefined }>;

/** The parts of jest-runtime's module executor the runtime uses. */
interface ModuleExecutorLike {
  compile(source: string, filename: string): Function | null;
  exec(...args: unknown[]): unknown;
  injectedModuleParameters: string[];
  environment: { getVmContext(): Context | null };
  resolution: { isCoreModule(filename: string): boolean };
}

/** The module function of `source` in `context`, its script compiled once per filename (see the .cjs file). */
export declare function compileOnce(scripts: Scripts, source: string, filename: string, params: string[], context: Context): Function | undefined;

/** A replacement for `executor.compile` that goes through `compileOnce()`, else to the executor's own. */
export declare function compileOnceFor(executor: ModuleExecutorLike, scripts: Scripts): (source: string, filename: string) => Function | null;

/** Whether the executor compiles through `this.compile()` and has what `compileOnceFor()` uses. */
export declare function usable(executor: unknown): boolean;
