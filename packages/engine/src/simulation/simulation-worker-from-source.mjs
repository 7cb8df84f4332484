// Worker entry used only when the engine runs from its TypeScript sources (tests, benchmarks): Node 20's
// worker threads do not inherit tsx's loader, so the worker registers it before loading the real entry.
// The built package starts dist/simulation/simulation-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./simulation-worker.ts');
