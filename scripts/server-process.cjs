// How the server process is started, by `pnpm start` and by `pnpm bench` alike. CommonJS, so
// that the bench (compiled to CommonJS) can require it and the .mjs scripts import it.
const { join } = require('node:path');

/**
 * Node.js flags of the server. A GraphQL answer allocates a great deal that dies young (rows,
 * resolve infos, the JSON): with V8's default 16 MiB semi-spaces a list of 50 secrets spent a
 * quarter of its time in scavenges. 32 MiB halves how often they run (issue 13; see
 * bench/results/perf-notes.md), for at most 64 MiB more memory under load.
 */
exports.SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** `node` arguments that start the built server. */
exports.serverArgs = () => [
  ...exports.SERVER_NODE_FLAGS,
  join(__dirname, '../apps/server/dist/main.js'),
];
