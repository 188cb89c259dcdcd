// A jest transform for the ES modules Angular ships (`node_modules/@angular/**/*.mjs`): jest runs the specs as
// CommonJS (ts-jest), and on Node < 24.9 it cannot require() an ES module, so each .mjs file is converted to
// CommonJS by esbuild, file by file (about 10 ms for Angular's largest file). Jest caches the result on disk, keyed
// by the file's content and this transform (its source and esbuild's version), so warm runs pay nothing.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

const self = createHash('sha1').update(readFileSync(__filename)).update(version).digest('hex');

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha1').update(self).update(path).update('\0').update(source).digest('hex');
  },
  process(source, path) {
    // Named as a .js file: for a .mjs file esbuild reads a default import as Node does (`module.exports`), but every
    // module here is an ES module converted alike, whose default export is `exports.default`.
    const { code } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcefile: path.replace(/\.mjs$/, '.js') });
    return { code };
  },
};
