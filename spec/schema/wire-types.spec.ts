/**
 * The declared wire interfaces (src/wire/) and the opt-in OpenAPI schemas (src/schema/) say the same: the compiler
 * checks that each schema's output fits its interface (`ObjectSchema<Run>`), and this checks the other direction,
 * that the interfaces are what `scripts/wire-types-from-schemas.mjs` writes from the schemas, so an interface
 * cannot accept less, or more, than its schema.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('wire interfaces', () => {
  it('are in step with the OpenAPI schemas they are written from', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'wire-types-from-schemas.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  }, 30_000);
});
