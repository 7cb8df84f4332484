/**
 * How the single-pass hot loops of the metrics stay fast on Node 20.
 *
 * V8 11 compiles a loop that runs long on a function's first call while it runs (on-stack replacement,
 * OSR), before the code after the loop has ever executed, so that code is compiled without type
 * feedback. The compiled loop is cached and re-entered by later calls, and can deoptimise at the loop
 * exit every time: a copy pass measured 8–11 ms instead of 1.6 ms per million values, in some processes
 * for good. So a single-pass hot loop either ends in a bare `return` of a local, or runs as a function
 * over blocks of BLOCK_LENGTH values, called once per block: a call that short never triggers OSR, and a
 * function called thousands of times per pass is optimised whole, with feedback for all its code, within
 * the first pass. Measured on a million values: blocks of 256 are as fast as one loop from the second
 * call on; blocks of 4096 or more can still fall into the trap.
 *
 * @module
 */

export const BLOCK_LENGTH = 256;
