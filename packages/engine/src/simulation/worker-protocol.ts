import type { RandomSeed } from '../random/xoshiro128-star-star.js';
import type { Chunk } from './chunk-plan.js';
import type { RunSummary, SummarisedQuantity, SummaryOptions } from './run-simulation.js';
import type { YearLossSelection } from './year-losses.js';

/** Messages between the pool and its workers. The model travels as its JSON spec and is rebuilt there. */
export type WorkerJob =
  | {
      readonly type: 'fill-chunks';
      readonly spec: unknown;
      readonly seed: RandomSeed;
      readonly runIndex: number;
      readonly chunks: readonly Chunk[];
      readonly iterations: number;
      readonly selection: YearLossSelection;
      readonly buffer: SharedArrayBuffer;
    }
  | {
      readonly type: 'summarise-run';
      readonly spec: unknown;
      readonly seed: RandomSeed;
      readonly runIndex: number;
      readonly iterations: number;
      readonly quantities: readonly SummarisedQuantity[];
      readonly options: SummaryOptions;
    };

export type WorkerReply =
  | { readonly type: 'filled'; readonly occurrences: number }
  | { readonly type: 'summarised'; readonly summary: RunSummary }
  | { readonly type: 'failed'; readonly message: string };
