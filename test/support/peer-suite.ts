import { startHttpsPeer, type TestPeer } from './https-peer';
import { startTestServer, type TestServer } from './server';

/** Filled in by beforeAll (see usePeerSuite). */
export class PeerSuite {
  server: TestServer;
  admin: { cookie: string };
  /** Answers every request with 200 and the suite's body unless a test sets another handler. */
  peer: TestPeer;
  /** How far the server's clock runs ahead of real time; back to 0 before each test. */
  clockOffset = 0;
}

/**
 * A server with a movable clock, a signed-in admin and a recording HTTPS peer, shared by a
 * test file; the peer's log and handler and the clock are reset before each test.
 */
export function usePeerSuite(options: { env?: Record<string, string>; body: string }): PeerSuite {
  const suite = new PeerSuite();
  beforeAll(async () => {
    suite.server = await startTestServer({
      env: options.env,
      clock: () => new Date(Date.now() + suite.clockOffset),
    });
    suite.admin = await suite.server.login();
    suite.peer = await startHttpsPeer();
  });
  afterAll(async () => {
    await suite.peer.close();
    await suite.server.stop();
  });
  beforeEach(() => {
    suite.peer.received.length = 0;
    suite.peer.setHandler((_request, response) => void response.writeHead(200).end(options.body));
    suite.clockOffset = 0;
  });
  return suite;
}
