import type { RangeConverters } from './feeds/index.js';
import { rangesFromNodeSemver, rangesFromRustsecRequirements, rangesFromVictims } from './versions/index.js';

/** The legacy feeds' range syntaxes, read by the version orderings (the adapters take them injected). */
export const RANGE_CONVERTERS: RangeConverters = {
  nodeSemver: rangesFromNodeSemver,
  rustsec: rangesFromRustsecRequirements,
  victims: rangesFromVictims,
};
