/**
 * The layers of apps/server/src, each importing only those below it (README, "Architecture"):
 *
 *   main.ts, keys/rewrap-cli.ts   entry points: wire everything
 *   http/                         inbound server, GraphQL wiring, sessions, job lifecycle
 *   graphql/                      schema assembly, error formatting, limits, loaders
 *   services.ts, entities.ts      the domain's composition root (fills in the ports)
 *   features                      keys → secrets ← connections, workflows, notifications;
 *                                 all may use auth and audit; auth may use audit
 *   outbound/, crypto/            the outgoing HTTP client; envelope encryption (a leaf)
 *   db/                           data source, migrations, the cross-replica event bus
 *   config.ts, logger.ts          the parsed environment and the logger
 *   common/                       errors, pagination, small rules; imports nothing of the app
 *
 * A feature's resolver is its GraphQL adapter: it alone may read graphql/context.ts (the
 * request context and the CurrentPrincipal decorator) and graphql/loaders.ts.
 */
const SRC = '^apps/server/src/';
const FEATURES = ['keys', 'secrets', 'connections', 'workflows', 'notifications', 'auth', 'audit'];
const inSrc = (...folders) => `${SRC}(${folders.join('|')})(/|\\.ts$)`;
const SETTINGS = ['config', 'logger'];
/** Processes start here and wire everything, so they may import any layer. */
const ENTRY_POINTS = [`${SRC}main\\.ts$`, `${SRC}keys/rewrap-cli\\.ts$`];
/** What a resolver may read of graphql/: the request context and its per-request loaders. */
const REQUEST_CONTEXT = `${SRC}graphql/(context|loaders)\\.ts$`;

/** A rule that keeps `from` off everything in apps/server/src except `allowed` (and itself). */
const onlyBelow = (name, comment, from, allowed) => ({
  name,
  comment,
  severity: 'error',
  from: { path: inSrc(from), pathNot: ENTRY_POINTS },
  to: { path: SRC, pathNot: [inSrc(from, ...allowed), REQUEST_CONTEXT] },
});

module.exports = {
  forbidden: [
    onlyBelow(
      'common-imports-nothing-of-the-app',
      'common/ is the floor: errors, pagination and small rules that every layer may use.',
      'common',
      [],
    ),
    {
      name: 'settings-import-only-common',
      comment:
        'config.ts and logger.ts sit just above common/: every layer may read them. config.ts checks ' +
        'CIDRs with the outbound policy, which imports nothing of the app.',
      severity: 'error',
      from: { path: inSrc(...SETTINGS) },
      to: {
        path: SRC,
        pathNot: [inSrc('common', ...SETTINGS), `${SRC}outbound/destination-policy\\.ts$`],
      },
    },
    onlyBelow(
      'db-imports-only-settings-and-common',
      'db/ (data source, migrations, event bus) knows no feature: entities are passed in.',
      'db',
      ['common', ...SETTINGS],
    ),
    onlyBelow(
      'crypto-is-a-leaf',
      'crypto/ seals and opens; it knows no table, no feature and no job.',
      'crypto',
      ['common', ...SETTINGS],
    ),
    onlyBelow(
      'outbound-imports-only-common',
      'outbound/ is the one outgoing HTTP client; features use it, never the reverse.',
      'outbound',
      ['common', ...SETTINGS],
    ),
    onlyBelow(
      'audit-imports-no-feature',
      'audit/ is the lowest feature: every other feature records into it.',
      'audit',
      ['db', 'crypto', 'outbound', 'common', ...SETTINGS],
    ),
    onlyBelow(
      'auth-imports-only-audit',
      'auth/ (users, sessions, tokens) may record into audit/ and nothing else of the features.',
      'auth',
      ['audit', 'db', 'crypto', 'outbound', 'common', ...SETTINGS],
    ),
    onlyBelow(
      'secrets-knows-nothing-of-its-users',
      'secrets/ learns of its users through ports filled in at the composition root (services.ts).',
      'secrets',
      ['auth', 'audit', 'db', 'crypto', 'outbound', 'common', ...SETTINGS],
    ),
    ...['connections', 'workflows', 'notifications'].map((feature) =>
      onlyBelow(
        `${feature}-imports-only-secrets-auth-audit`,
        `${feature}/ uses secrets/, auth/ and audit/; features beside it are reached through ports.`,
        feature,
        ['secrets', 'auth', 'audit', 'db', 'crypto', 'outbound', 'common', ...SETTINGS],
      ),
    ),
    onlyBelow(
      'keys-imports-only-secrets-audit',
      'keys/ (key rotation) rewraps secrets/ and records into audit/.',
      'keys',
      ['secrets', 'audit', 'db', 'crypto', 'common', ...SETTINGS],
    ),
    {
      name: 'only-resolvers-read-the-graphql-context',
      comment:
        'A feature reaches graphql/ only from its resolver, and only for the request context.',
      severity: 'error',
      from: { path: inSrc(...FEATURES), pathNot: ['\\.resolver\\.ts$', ...ENTRY_POINTS] },
      to: { path: inSrc('graphql', 'http', 'services', 'entities', 'main') },
    },
    {
      name: 'resolvers-read-only-the-graphql-context',
      comment: 'A resolver may read the request context of graphql/, not the rest of it or http/.',
      severity: 'error',
      from: { path: `${SRC}(${FEATURES.join('|')})/.*\\.resolver\\.ts$` },
      to: {
        path: inSrc('graphql', 'http', 'services', 'entities', 'main'),
        pathNot: REQUEST_CONTEXT,
      },
    },
    {
      name: 'services-import-only-features-and-below',
      comment: 'services.ts builds the domain; the transport (graphql/, http/) sits above it.',
      severity: 'error',
      from: { path: `${SRC}(services|entities)\\.ts$` },
      to: { path: inSrc('graphql', 'http', 'main') },
    },
    {
      name: 'graphql-imports-no-transport',
      comment: 'graphql/ assembles the schema; the inbound server (http/) sits above it.',
      severity: 'error',
      from: { path: inSrc('graphql') },
      to: { path: inSrc('http', 'main') },
    },
    {
      name: 'nothing-imports-an-entry-point',
      comment: 'main.ts and keys/rewrap-cli.ts start processes; nothing imports them.',
      severity: 'error',
      from: {},
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'web-imports-no-server',
      comment: 'apps/web shares rules through packages/, not by reaching into the server.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'shared-rules-import-no-app',
      comment: 'packages/rules is shared by the server and the web app; it imports neither.',
      severity: 'error',
      from: { path: '^packages/rules/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle makes two modules one; break it with a port or by moving the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
