// rxjs/fetch for jest: the part of the one-file build of rxjs that jest.config.ts maps `rxjs` to (see there).
module.exports = require('rxjs').fetch;
