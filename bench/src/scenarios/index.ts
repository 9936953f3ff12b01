import type { BenchContext } from '../context';
import type { Comparison } from '../report';
import type { Sizes } from '../sizes';
import { metadataRead } from './b1-read';
import { list } from './b2-list';
import { create } from './b3-create';
import { stepWithSecrets } from './b4-step';
import { fanOut } from './b5-fan-out';
import { expiryScan } from './b6-expiry-scan';
import { decomposition } from './d-decomposition';

export interface Scenario {
  id: string;
  run(context: BenchContext, sizes: Sizes): Promise<Comparison[]>;
}

/**
 * In the order they run: B5 first, so that its memory reading is not blurred by garbage the
 * other scenarios' load left in the product's heap; the decomposition (D) next to B1, whose
 * request it takes apart; B6 last, since its million rows would weigh on the others.
 */
export const SCENARIOS: readonly Scenario[] = [
  { id: 'B5', run: fanOut },
  { id: 'D', run: decomposition },
  { id: 'B1', run: metadataRead },
  { id: 'B2', run: list },
  { id: 'B3', run: create },
  { id: 'B4', run: stepWithSecrets },
  { id: 'B6', run: expiryScan },
];
