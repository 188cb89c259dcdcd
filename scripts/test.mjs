// `npm test`: the type check (`npm run typecheck`) and jest, at the same time (the type check is one process on one
// core; jest's workers take the others), failing when either fails. The type check's report is printed after
// jest's, so a type error is the last thing shown. Arguments go to jest: `npm test -- spec/browser`.
//
// The type check runs in tsc's build mode (`tsc -b`; tsconfig.json has `noEmit` and keeps tsc's incremental state in
// node_modules/.cache): it checks the same program with the same options as `tsc -p tsconfig.json --noEmit`, but when
// no input is newer than that state and the last check passed, it reads no source at all (0.4 s, against 6.3 s and
// 8.8 CPU-seconds for `tsc -p`, which parses and binds every file before it finds nothing to check). A check that
// failed is always done again.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (...path) => join(root, 'node_modules', ...path);

function run(args, { capture }) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => done({ code: 1, output: String(error) }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const typecheck = run([bin('typescript', 'bin', 'tsc'), '-b', 'tsconfig.json'], { capture: true });
const jest = run([bin('jest', 'bin', 'jest.js'), ...process.argv.slice(2)], { capture: false });
const [types, tests] = await Promise.all([typecheck, jest]);

if (types.code === 0) console.log('\nType check (tsc -b tsconfig.json): no errors.');
else console.error(`\nType check (tsc -b tsconfig.json) failed:\n${types.output}`);
process.exit(types.code !== 0 ? types.code : tests.code);
