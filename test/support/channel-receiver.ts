// A local HTTPS receiver for SLACK and WEBHOOK channels (issue 15): it checks each
// X-Signature-256 against the signing key it is given, can fail the first N requests and
// can hold requests unanswered, like a slow destination.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startHttpsPeer, type ReceivedRequest, type TestPeer } from './https-peer';

export interface ChannelReceiver {
  peer: TestPeer;
  /** Requests answered 2xx. */
  accepted: ReceivedRequest[];
  /** Requests whose signature did not match (answered 401). */
  badSignatures: ReceivedRequest[];
  /** Answers the next `count` requests with 500. */
  failNext(count: number): void;
  /** Leaves requests unanswered until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
}

export const signatureOf = (key: string, body: string): string =>
  `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;

/** `signingKey`: the WEBHOOK secret's value to verify with; none for a Slack receiver. */
export async function startChannelReceiver(signingKey?: string): Promise<ChannelReceiver> {
  const accepted: ReceivedRequest[] = [];
  const badSignatures: ReceivedRequest[] = [];
  let failures = 0;
  let held: Promise<void> | null = null;
  const peer = await startHttpsPeer(async (request, response) => {
    if (held) await held;
    if (signingKey !== undefined) {
      const expected = Buffer.from(signatureOf(signingKey, request.body));
      const given = Buffer.from(String(request.headers['x-signature-256'] ?? ''));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        badSignatures.push(request);
        response.writeHead(401).end('bad signature');
        return;
      }
    }
    if (failures > 0) {
      failures--;
      response.writeHead(500).end('try again');
      return;
    }
    accepted.push(request);
    response.writeHead(200).end('ok');
  });
  return {
    peer,
    accepted,
    badSignatures,
    failNext: (count) => (failures = count),
    hold() {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
    close: () => peer.close(),
  };
}
