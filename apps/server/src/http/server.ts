import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { parse as parseCookie, stringifySetCookie } from 'cookie';
import express from 'express';
import helmet from 'helmet';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type GraphQLFormattedError,
} from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../auth/principal';
import { isDatabaseUnavailable } from '../common/postgres-errors';
import { SESSION_COOKIE } from '../auth/tokens';
import type { Config } from '../config';
import { loadKeyring } from '../crypto/master-key';
import { DatabaseAvailability } from '../db/availability';
import { openDatabase } from '../db/database';
import { pgPool } from '../db/pg-pool';
import { entities } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { compiledQueryExecutor } from '../graphql/compiled-executor';
import { DocumentCache } from '../graphql/document-cache';
import {
  contextCreationError,
  createErrorFormatter,
  serviceUnavailablePlugin,
} from '../graphql/errors';
import { introspectionForCallersOnly } from '../graphql/introspection';
import { queryLimitRules, queryParseOptions } from '../graphql/query-limits';
import { Loaders } from '../graphql/loaders';
import { countResponseBytes, ResponseBudget, withinBudget } from '../graphql/response-budget';
import { buildAppSchema } from '../graphql/schema';
import { SubscriptionFanOut } from '../graphql/subscription-fan-out';
import { DeliveryWorker } from '../notifications/delivery-worker';
import { ExpiryScanner } from '../notifications/expiry-scanner';
import { LiveEvents } from '../notifications/live-events';
import { createLocalPubSub } from '../db/topics';
import { createServices, type Services } from '../services';
import { clientAddressOf, isHttpsOf, requestIdOf } from './client-address';
import { graphqlEndpoint, headersOf } from './graphql-endpoint';
import { isAllowedOrigin, ownOrigins } from './public-origin';
import { Metrics, scrapeAllowed } from './metrics';
import { requestContextOf, tieToRequest } from './request-context';
import { runEvery } from '../common/periodic';
import { RunnerLease } from '../workflows/runner-lease';

export interface RunningServer {
  url: string;
  dataSource: DataSource;
  services: Services;
  /** How many subscription executions served how many deliveries (B5). */
  fanOut: SubscriptionFanOut;
  /** Stops accepting, closes WebSockets, finishes requests, then closes the database. */
  close(): Promise<void>;
}

export interface ServerOptions {
  logger: Logger;
  clock?: () => Date;
  /** Where the one-time first-admin password goes. */
  print?: (line: string) => void;
}

/** 4401 tells a graphql-ws client that it must authenticate (A1). */
const WS_UNAUTHORIZED = 4401;
/** "Try Again Later": a graphql-ws client retries it, unlike the 4500 an error would cause. */
const WS_TRY_AGAIN_LATER = 1013;
/** Expired login counts and ended sessions are only dead rows: a sweep now and then. */
const AUTH_PURGE_INTERVAL_MS = 5 * 60_000;
const WEB_DIST = resolve(__dirname, '../../../web/dist');

/** `Bearer <token>`; over a WebSocket's connectionParams the bare token is accepted too. */
function bearerToken(value: unknown, allowBare = false): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:Bearer\s+)?(\S+)$/i.exec(value.trim());
  if (!match?.[1] || (!allowBare && !/^Bearer\s/i.test(value.trim()))) return null;
  return match[1];
}

function sessionToken(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  return header ? (parseCookie(header)[SESSION_COOKIE] ?? null) : null;
}

export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const keyring = loadKeyring(config, logger);
  const database = await openDatabase(config, logger, entities);
  const { dataSource } = database;
  const availability = new DatabaseAvailability(dataSource, logger);
  /** From close() (SIGTERM) on, /readyz says 503 so that load balancers stop sending. */
  let closing = false;
  /**
   * False from the moment shutdown closes the listener (Apollo's drain closes it a tick
   * later). A request read from then on, on a connection accepted just before, is dropped
   * unread rather than run: it then has no answer and no effect, so a proxy may send it to
   * another replica, even a mutation (deploy/nginx.conf). Without this, a request read in
   * that tick was sometimes run and its answer lost, and nginx's retry wrote it twice
   * (test/deploy/rolling-restart.test.ts).
   */
  let accepting = true;
  const fanOut = new SubscriptionFanOut();
  const metrics = new Metrics({
    openSubscriptions: () => fanOut.stats().open,
    pool: () => {
      const pool = pgPool(dataSource);
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
  });
  const runnerLease = new RunnerLease({
    url: database.url,
    sweepIntervalMs: config.EXPIRY_SCAN_INTERVAL_MS,
    logger,
  });
  const services = createServices({
    config,
    dataSource,
    keyring,
    clock,
    runnerId: runnerLease.runnerId,
    onOutboundResult: (result) => metrics.outboundRequest(result.errorCode),
  });
  await services.users.bootstrapAdmin(
    config,
    logger,
    options.print ?? ((line) => process.stdout.write(`${line}\n`)),
  );

  const clientAddress = clientAddressOf(config.TRUSTED_PROXIES);
  const isHttps = isHttpsOf(config.TRUSTED_PROXIES);
  const pubSub = createLocalPubSub();
  const schema = countResponseBytes(await buildAppSchema(pubSub));
  const formatAppError = createErrorFormatter(logger, {
    hideSuggestions: config.NODE_ENV === 'production',
    onDatabaseUnavailable: (error) => availability.report(error),
  });
  // Every error answered is counted by code; an HTTP request's codes go to its log line, and
  // what the formatter logs of its errors carries the request's id.
  const formatError = (formatted: GraphQLFormattedError, error: unknown) => {
    const request =
      requestContextOf(error) ??
      requestContextOf(error instanceof GraphQLError ? error.originalError : undefined);
    const answer = formatAppError(
      formatted,
      error,
      request ? logger.child({ reqId: request.reqId }) : logger,
    );
    const given = answer.extensions?.code;
    const code = typeof given === 'string' ? given : 'INTERNAL_SERVER_ERROR';
    metrics.graphqlError(code);
    if (request) (request.errorCodes ??= []).push(code);
    return answer;
  };
  const app = express();
  app.disable('x-powered-by');
  // Requests go to graphqlEndpoint first, which passes all but /graphql on to express.
  const httpServer = createServer();

  // A message carrying a 64 KiB value, JSON-escaped, fits in 1 MiB; ws would take 100 MiB.
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 1024 * 1024,
    // Cross-site WebSocket hijacking: a page from an origin outside PUBLIC_ORIGIN gets 403
    // before the upgrade (no 101). The port is the one the request came in on.
    verifyClient: ({ req }, allow) =>
      allow(
        isAllowedOrigin(
          req.headers.origin,
          config.PUBLIC_ORIGIN ?? ownOrigins(config.HOST, req.socket.localPort ?? config.PORT),
        ),
        403,
        'Origin not allowed',
      ),
  });
  /** Open sockets and who opened them, so that revoking a credential closes its sockets. */
  const principals = new Map<WebSocket, Principal>();
  const closeSocketsOf = (credentialId: string, reason = 'Credential revoked') => {
    for (const [socket, principal] of principals) {
      if (principal.id === credentialId || principal.sessionId === credentialId) {
        socket.close(WS_UNAUTHORIZED, reason);
      }
    }
  };
  /** Pushes are no use of a session: an open socket closes once its session idles out or ends. */
  const closeSocketsOfEndedSessions = async () => {
    const sessionIds = new Set(
      [...principals.values()].flatMap(({ sessionId }) => (sessionId ? [sessionId] : [])),
    );
    for (const id of await services.auth.endedSessions([...sessionIds]))
      closeSocketsOf(id, 'Session ended');
  };
  const authenticateSocket = (ctx: {
    connectionParams?: Readonly<Record<string, unknown>>;
    extra: Extra;
  }) =>
    services.auth.authenticate({
      bearer: bearerToken(ctx.connectionParams?.authorization, true),
      sessionToken: sessionToken(ctx.extra.request),
    });
  const documents = new DocumentCache(schema, config.RESPONSE_MAX_BYTES);
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      subscribe: fanOut.subscribe,
      // graphql-ws runs none of Apollo's rules: the same parse options and limits apply here.
      // The context is built here rather than in `context`, whose errors close the socket:
      // a database that is away fails this operation (SERVICE_UNAVAILABLE), not the socket.
      onSubscribe: async (ctx, _id, payload) => {
        const parsed = documents.parse(payload.query);
        if ('errors' in parsed) return parsed.errors;
        let principal: Principal | null;
        try {
          // Every operation checks the credential again (and counts as a use of its session):
          // one that ended since the socket opened closes the socket instead of being served.
          principal = await authenticateSocket(ctx);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          return [new GraphQLError('Database unavailable.', { originalError: error as Error })];
        }
        if (!principal) ctx.extra.socket.close(WS_UNAUTHORIZED, 'Session ended');
        const operation = getOperationAST(parsed.document, payload.operationName)?.operation;
        const contextValue: GraphQLContext = {
          principal,
          // A subscription keeps its context for every event: its events are not added up.
          responseBudget:
            operation === OperationTypeNode.SUBSCRIPTION
              ? undefined
              : new ResponseBudget(config.RESPONSE_MAX_BYTES),
          client: clientAddress(ctx.extra.request),
          services,
          loaders: new Loaders(services),
        };
        return {
          schema,
          document: parsed.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      async onConnect(ctx) {
        let principal: Principal | null;
        try {
          principal = await authenticateSocket(ctx);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          availability.report(error);
          ctx.extra.socket.close(WS_TRY_AGAIN_LATER, 'Service briefly unavailable');
          return false;
        }
        if (!principal) {
          ctx.extra.socket.close(WS_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        const { socket } = ctx.extra;
        principals.set(socket, principal);
        socket.once('close', () => principals.delete(socket));
        return true;
      },
      // graphql-ws does not run Apollo's formatError: apply the same one here.
      onNext: (_ctx, _id, _payload, args, result) =>
        result.errors
          ? withinBudget(
              {
                ...result,
                errors: result.errors.map((error) => formatError(error.toJSON(), error)),
              },
              args.contextValue,
            )
          : undefined,
      onError: (_ctx, _id, _payload, errors: readonly GraphQLError[]) =>
        errors.map((error) => formatError(error.toJSON(), error)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    gateway: compiledQueryExecutor(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: queryParseOptions,
    validationRules: queryLimitRules(config.RESPONSE_MAX_BYTES),
    // Stated although they are Apollo 5's defaults: one operation per request, and requests
    // a browser would send cross-site without a preflight (GET, text/plain, forms) refused.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The server owns its shutdown order (STACK.md).
    stopOnTerminationSignals: false,
    plugins: [
      // Nothing here is cacheable by HTTP caches; the default plugin ran per field anyway.
      ApolloServerPluginCacheControlDisabled(),
      introspectionForCallersOnly,
      serviceUnavailablePlugin,
      {
        async requestDidStart() {
          return {
            // Ties the errors to their request, for formatError above.
            async didEncounterErrors({ contextValue, errors }) {
              const { request } = contextValue;
              if (request) for (const error of errors) tieToRequest(error, request);
            },
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind === 'single') {
                response.body.singleResult = withinBudget(response.body.singleResult, contextValue);
              }
            },
          };
        },
      },
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Computed once: they are the same for every response.
  const securityHeaders = headersOf(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MUI's emotion injects <style> elements; scripts stay strictly same-origin.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use((_req, res, next) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    next();
  });
  // Liveness: the process serves. It stays 200 while the database is away, so that an
  // orchestrator does not restart every replica at once over an outage none of them can fix.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness: migrations have run (the server listens only after them) and the database
  // answers; 503 while it does not, and from shutdown on.
  app.get('/readyz', (_req, res, next) => {
    (closing ? Promise.resolve(false) : availability.probe()).then(
      (ready) => res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' }),
      next,
    );
  });
  // Prometheus text (O4): only for the bearer of METRICS_TOKEN; without one it does not exist.
  app.get('/metrics', (req, res, next) => {
    if (!config.METRICS_TOKEN) {
      res.sendStatus(404);
      return;
    }
    if (!scrapeAllowed(req, config.METRICS_TOKEN)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => res.type(metrics.registry.contentType).send(text), next);
  });
  const requestId = requestIdOf(config.TRUSTED_PROXIES);
  /** Responses not yet finished: on close, each says `Connection: close` if it still can. */
  const unfinished = new Set<ServerResponse>();
  const endpoint = graphqlEndpoint(apollo, {
    logger,
    metrics,
    headers: securityHeaders,
    context: async (req, res): Promise<GraphQLContext> => {
      const request = requestContextOf(req);
      const principal = await services.auth
        .authenticate({
          bearer: bearerToken(req.headers.authorization),
          sessionToken: sessionToken(req),
        })
        .catch((error: unknown) => {
          const failure = contextCreationError(error);
          if (request && typeof failure === 'object' && failure) tieToRequest(failure, request);
          throw failure;
        });
      let client: string | undefined;
      const context: GraphQLContext = {
        principal,
        request,
        // Read by logging in only: every other request skips proxy-addr's parsing (issue 13).
        get client() {
          return (client ??= clientAddress(req));
        },
        services,
        loaders: new Loaders(services),
        responseBudget: new ResponseBudget(config.RESPONSE_MAX_BYTES),
        sessionCookie: {
          set: (token, expiresAt) =>
            res.appendHeader(
              'set-cookie',
              stringifySetCookie(SESSION_COOKIE, token, {
                httpOnly: true,
                sameSite: 'strict',
                secure: isHttps(req),
                path: '/',
                expires: expiresAt,
              }),
            ),
          clear: () =>
            res.appendHeader(
              'set-cookie',
              stringifySetCookie(SESSION_COOKIE, '', { path: '/', expires: new Date(0) }),
            ),
        },
      };
      return context;
    },
    next: app,
  });
  httpServer.on('request', (request, response) => {
    if (!accepting) {
      request.socket.destroy();
      return;
    }
    const reqId = requestId(request);
    response.setHeader('x-request-id', reqId);
    // O2: once stopping, no kept-alive connection takes another request.
    if (closing) response.setHeader('connection', 'close');
    unfinished.add(response);
    response.once('close', () => unfinished.delete(response));
    tieToRequest(request, { reqId });
    endpoint(request, response);
  });
  if (config.SERVE_WEB && existsSync(resolve(WEB_DIST, 'index.html'))) {
    app.use(express.static(WEB_DIST, { index: false }));
    // Client-side routes: every other GET gets the SPA, so deep links and reloads work.
    app.get(/^\/(?!graphql|healthz|readyz|metrics).*/, (_req, res) =>
      res.sendFile(resolve(WEB_DIST, 'index.html')),
    );
  }

  const deliveries = new DeliveryWorker({
    channels: services.notificationChannels,
    pollIntervalMs: config.CHANNEL_POLL_INTERVAL_MS,
    logger,
  });
  const scanner = new ExpiryScanner({
    dataSource,
    clock,
    warningDays: config.EXPIRY_WARNING_DAYS,
    intervalMs: config.EXPIRY_SCAN_INTERVAL_MS,
    logger,
    onRaised: (count) => {
      metrics.notificationsRaised(count);
      // The channel deliveries the pass queued are due now.
      if (count > 0) deliveries.wake();
    },
  });
  const liveEvents = new LiveEvents({
    url: database.url,
    pubSub,
    notifications: services.notifications,
    secrets: services.secrets,
    scanner,
    onCredentialRevoked: (id) => {
      services.credentials.revoke(id);
      closeSocketsOf(id);
    },
    onListening: (heard) => services.credentials.listening(heard),
    logger,
  });
  await liveEvents.start();
  scanner.start();
  deliveries.start();
  // Before serving: runs left RUNNING by servers that died are failed now, then periodically.
  await runnerLease.start(() => services.workflowRunner.failInterruptedRuns());
  const sessionCheck = runEvery(
    config.SESSION_CHECK_INTERVAL_MS,
    closeSocketsOfEndedSessions,
    (error) => logger.warn({ err: error }, 'could not check the sessions of open WebSockets'),
  );
  const authPurge = runEvery(
    AUTH_PURGE_INTERVAL_MS,
    () => services.auth.purgeExpired(),
    (error) => logger.warn({ err: error }, 'could not delete expired login attempts and sessions'),
  );

  await new Promise<void>((done) => httpServer.listen(config.PORT, config.HOST, done));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'listening');
  if (!config.PUBLIC_ORIGIN && ownOrigins(config.HOST, port).length === 0) {
    logger.warn('PUBLIC_ORIGIN is unset: browsers cannot open the WebSocket until it is set');
  }

  return {
    url,
    dataSource,
    services,
    fanOut,
    async close() {
      // New work stops first (/readyz 503 at once; the listener closes after
      // SHUTDOWN_DELAY_MS); then connections close once their requests are answered, and
      // WebSockets with 1001; then LISTEN and the database go.
      closing = true;
      for (const response of unfinished) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      // Load balancers that poll /readyz take the replica out meanwhile; it still serves.
      if (config.SHUTDOWN_DELAY_MS > 0) await sleep(config.SHUTDOWN_DELAY_MS);
      accepting = false;
      availability.close();
      await sessionCheck.stop();
      await authPurge.stop();
      await scanner.stop();
      await apollo.stop();
      // After the requests (a test send), before the clients it sends with.
      await deliveries.stop();
      services.channelSender.close();
      await services.outbound.close();
      await runnerLease.close();
      await liveEvents.close();
      await database.close();
    },
  };
}
