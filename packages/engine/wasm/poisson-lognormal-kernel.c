/*
 * The Poisson × lognormal kernel of src/simulation/poisson-lognormal-kernel.ts, compiled to WebAssembly
 * (ADR 0016). That TypeScript kernel is the reference: this file performs the same integer and
 * floating-point operations in the same order (the xoshiro128** steps, the Poisson indexed search, the
 * Ziggurat's fast path, the exponential by table, the occurrence and annual terms), so its years are bit
 * for bit the same; a property test compares the two. When the kernel changes, change both.
 *
 * Freestanding: no libc, no allocation. Everything lives in fixed arrays below, which the loader fills
 * (tables once per module instance, terms and the Poisson table on every call) and reads back (the
 * years of one block). Where the reference's result depends on the bits of Math.exp or Math.log, which V8's
 * own code decides, this module calls back into JavaScript: for the Ziggurat's tail (≈ 0.06 % of draws),
 * for exponents outside the exponential's table, and for the few wedge tests too close to call (below).
 *
 * Build: npm run build:wasm (packages/engine/scripts/build-wasm.mjs). Compiled with -ffp-contract=off and
 * without -ffast-math: every operation is rounded as written, as in JavaScript.
 */

#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("kernel"), import_name(name)))

/* The most years one call fills: a chunk of the engine's chunk plan (YEARS_PER_CHUNK). */
#define YEARS_PER_BLOCK 65536
/* Entries of PoissonInversionTable.cumulative for any rate below 10 are far fewer (≈ 200 at rate 10). */
#define CUMULATIVE_CAPACITY 1024
#define POISSON_GUIDE_LENGTH 256
#define ZIGGURAT_LAYER_COUNT 128
#define ZIGGURAT_LAYER_MASK 127
#define FRACTION_POWER_COUNT 256
#define EXPONENT_POWER_COUNT 2046

#define TWO_POW_26 67108864.0
#define TWO_POW_32 4294967296.0
#define TWO_POW_MINUS_53 (1.0 / 9007199254740992.0)

/* Indices into terms, as TERM_ in the TypeScript kernel. */
#define TERM_MU 0
#define TERM_SIGMA 1
#define TERM_OCCURRENCE_RETENTION 2
#define TERM_OCCURRENCE_LIMIT 3
#define TERM_SECTION_AGGREGATE_LIMIT 4
#define TERM_AGGREGATE_DEDUCTIBLE 5
#define TERM_AGGREGATE_LIMIT 6
#define TERM_INSURER_SHARE 7
#define TERM_COUNT 8

/* Bits of the output selection: which optional arrays the caller wants. */
#define WANTS_RETAINED 1
#define WANTS_LARGEST_OCCURRENCE_GROSS 2
#define WANTS_LARGEST_OCCURRENCE_INSURED 4
#define WANTS_SECTION_GROSS 8
#define WANTS_SECTION_CEDED 16

/*
 * standardNormalOutsideRectangle(random, indexWord, x) on a generator at `state`, which it reads and
 * advances; returns the normal draw. Called for the tail only (layer 0), whose draw is made of Math.log.
 */
IMPORT("normalOutsideRectangle") double js_normal_outside_rectangle(int32_t index_word, double x);
/* Math.exp: for exponents outside [−708, 709] (and NaN), as expByTable does, and for close wedge tests. */
IMPORT("exp") double math_exp(double x);

static uint32_t state[4];
static double terms[TERM_COUNT];
static int32_t guide[POISSON_GUIDE_LENGTH];
static double cumulative[CUMULATIVE_CAPACITY];
static double layer_x[ZIGGURAT_LAYER_COUNT + 1];
static double layer_density[ZIGGURAT_LAYER_COUNT + 1];
static double fraction_powers[FRACTION_POWER_COUNT];
static double exponent_powers[EXPONENT_POWER_COUNT];

static double gross[YEARS_PER_BLOCK];
static double ceded[YEARS_PER_BLOCK];
static double retained[YEARS_PER_BLOCK];
static double largest_occurrence_gross[YEARS_PER_BLOCK];
static double largest_occurrence_insured[YEARS_PER_BLOCK];
static double section_gross[YEARS_PER_BLOCK];
static double section_ceded[YEARS_PER_BLOCK];

/* Where each array lives in the module's memory, for the loader's typed-array views. */
EXPORT("stateAddress") uint32_t *state_address(void) { return state; }
EXPORT("termsAddress") double *terms_address(void) { return terms; }
EXPORT("guideAddress") int32_t *guide_address(void) { return guide; }
EXPORT("cumulativeAddress") double *cumulative_address(void) { return cumulative; }
EXPORT("cumulativeCapacity") int32_t cumulative_capacity(void) { return CUMULATIVE_CAPACITY; }
EXPORT("layerXAddress") double *layer_x_address(void) { return layer_x; }
EXPORT("layerDensityAddress") double *layer_density_address(void) { return layer_density; }
EXPORT("fractionPowersAddress") double *fraction_powers_address(void) { return fraction_powers; }
EXPORT("exponentPowersAddress") double *exponent_powers_address(void) { return exponent_powers; }
EXPORT("yearsPerBlock") int32_t years_per_block(void) { return YEARS_PER_BLOCK; }
EXPORT("grossAddress") double *gross_address(void) { return gross; }
EXPORT("cededAddress") double *ceded_address(void) { return ceded; }
EXPORT("retainedAddress") double *retained_address(void) { return retained; }
EXPORT("largestOccurrenceGrossAddress") double *largest_occurrence_gross_address(void) {
  return largest_occurrence_gross;
}
EXPORT("largestOccurrenceInsuredAddress") double *largest_occurrence_insured_address(void) {
  return largest_occurrence_insured;
}
EXPORT("sectionGrossAddress") double *section_gross_address(void) { return section_gross; }
EXPORT("sectionCededAddress") double *section_ceded_address(void) { return section_ceded; }

static inline uint32_t rotate_left(uint32_t word, int bits) { return (word << bits) | (word >> (32 - bits)); }

/*
 * expByTable (src/distributions/special-functions/exp-by-table.ts), operation for operation: Tang's
 * table-driven exponential, within 2 ulp of Math.exp; Math.exp itself outside [−708, 709].
 */
static inline double exp_by_table(double x) {
  if (!(x >= -708 && x <= 709)) return math_exp(x);
  /*
   * biased = 1.5·2^52 + round(x · 256 / ln 2) exactly (|that product| < 2^19, and the doubles in
   * [2^52, 2^53) are the integers), so its low 32 bits are the rounded product as an int32: the
   * reference's `scaled | 0`, read from the bits instead of converted (V8 compiles a float-to-int
   * conversion with range checks).
   */
  const double biased = x * 369.3299304675746 + 6755399441055744.0;
  const double scaled = biased - 6755399441055744.0;
  uint64_t biased_bits;
  __builtin_memcpy(&biased_bits, &biased, sizeof biased_bits);
  const int32_t k = (int32_t)(uint32_t)biased_bits;
  const double r = x - scaled * (0.6931471803691238 / 256) - scaled * (1.9082149292705877e-10 / 256);
  const double exp_of_r = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24))));
  return fraction_powers[k & 255] * exponent_powers[(k >> 8) + 1022] * exp_of_r;
}

/* nextUint32() on the generator at `state`, for the rare paths; the block keeps its state in locals. */
static uint32_t next_output(void) {
  const uint32_t s0 = state[0];
  const uint32_t s1 = state[1];
  const uint32_t s2 = state[2] ^ s0;
  const uint32_t s3 = state[3] ^ s1;
  const uint32_t result = rotate_left(s1 * 5, 7) * 9;
  state[0] = s0 ^ s3;
  state[1] = s1 ^ s2;
  state[2] = s2 ^ (s1 << 9);
  state[3] = rotate_left(s3, 11);
  return result;
}

/* nextFloat64(): the top 27 bits of one output and the top 26 of the next, on the 2^−53 grid. */
static double next_float64(void) {
  const uint32_t high27 = next_output() >> 5;
  const uint32_t low26 = next_output() >> 6;
  return ((double)high27 * TWO_POW_26 + (double)low26) * TWO_POW_MINUS_53;
}

/* withSignOf: a multiplication by ±1, not a branch on a bit set half the time. */
static inline double with_sign_of(uint32_t index_word, double x) {
  return x * (double)(1 - (int32_t)((index_word & 128) >> 6));
}

/* layerAbscissa: a uniform on the 2^−53 grid from bits 11–31 of the first word and all of the second. */
static inline double layer_abscissa(uint32_t index_word, uint32_t low_word) {
  return ((double)(index_word >> 11) * TWO_POW_32 + (double)low_word) * TWO_POW_MINUS_53 *
         layer_x[index_word & ZIGGURAT_LAYER_MASK];
}

/*
 * The wedge test `height < Math.exp(−0.5 · x · x)` of standardNormalOutsideRectangle. Only its outcome
 * reaches the draw, so it need not use Math.exp's bits: exp_by_table is within a few ulp of Math.exp (and
 * Math.exp within one of e^x), so where height is further than 2^−40 relative from exp_by_table's value the
 * outcome is Math.exp's. Closer than that, Math.exp decides (about one test in 10^11). Exported for the
 * test that aims heights at Math.exp's value, the only way to reach that path.
 */
EXPORT("isUnderDensity") int32_t is_under_density(double height, double x) {
  const double exponent = -0.5 * x * x;
  const double density = exp_by_table(exponent);
  const double margin = density * 0x1p-40;
  if (height < density - margin) return 1;
  if (height >= density + margin) return 0;
  return height < math_exp(exponent);
}

/*
 * standardNormalOutsideRectangle(random, indexWord, x) for the generator at `state`: the wedge test and
 * fresh proposals here, the tail in JavaScript.
 */
__attribute__((noinline)) static double normal_outside_rectangle(uint32_t index_word, double x) {
  for (;;) {
    const uint32_t layer = index_word & ZIGGURAT_LAYER_MASK;
    if (layer == 0) return js_normal_outside_rectangle((int32_t)index_word, x);
    const double height =
        layer_density[layer] + next_float64() * (layer_density[layer + 1] - layer_density[layer]);
    if (is_under_density(height, x)) return with_sign_of(index_word, x);
    index_word = next_output();
    x = layer_abscissa(index_word, next_output());
    if (x < layer_x[(index_word & ZIGGURAT_LAYER_MASK) + 1]) return with_sign_of(index_word, x);
  }
}

/*
 * Years [0, year_count) of the block arrays, the generator at `state` on entry and exit. Returns the number
 * of occurrences. The state stays in locals except around the rare callback.
 */
EXPORT("simulateBlock") int32_t simulate_block(int32_t year_count, int32_t wanted) {
  uint32_t s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
  const double mu = terms[TERM_MU];
  const double sigma = terms[TERM_SIGMA];
  const double occurrence_retention = terms[TERM_OCCURRENCE_RETENTION];
  const double occurrence_limit = terms[TERM_OCCURRENCE_LIMIT];
  const double section_aggregate_limit = terms[TERM_SECTION_AGGREGATE_LIMIT];
  const double aggregate_deductible = terms[TERM_AGGREGATE_DEDUCTIBLE];
  const double aggregate_limit = terms[TERM_AGGREGATE_LIMIT];
  const double insurer_share = terms[TERM_INSURER_SHARE];
  const int tracks_largest = (wanted & (WANTS_LARGEST_OCCURRENCE_GROSS | WANTS_LARGEST_OCCURRENCE_INSURED)) != 0;
  int32_t occurrences = 0;
  for (int32_t year = 0; year < year_count; year++) {
    /* The count: nextFloat64() from two outputs, inverted through the table. */
    uint32_t high_word = rotate_left(s1 * 5, 7) * 9;
    uint32_t shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotate_left(s3, 11);
    uint32_t low_word = rotate_left(s1 * 5, 7) * 9;
    shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotate_left(s3, 11);
    const double uniform = ((double)(high_word >> 5) * TWO_POW_26 + (double)(low_word >> 6)) * TWO_POW_MINUS_53;
    /*
     * The reference indexes the guide by (uniform · 256) | 0. uniform is the 53-bit integer
     * (high_word >> 5) · 2^26 + (low_word >> 6) times 2^−53, and scaling by powers of two is exact, so that
     * index is the integer's top 8 bits: high_word >> 24. The same index without a float-to-int conversion,
     * which V8 compiles with range checks. The last entry of cumulative is +Infinity, so the search stops
     * inside the table.
     */
    int32_t count = guide[high_word >> 24];
    while (uniform >= cumulative[count]) count++;
    occurrences += count;

    double year_gross = 0;
    double year_insured = 0;
    double largest_gross = 0;
    double largest_insured = 0;
    for (int32_t occurrence = 0; occurrence < count; occurrence++) {
      /* standardNormal(): two outputs and the Ziggurat's fast path. */
      const uint32_t index_word = rotate_left(s1 * 5, 7) * 9;
      shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = rotate_left(s3, 11);
      const uint32_t abscissa_word = rotate_left(s1 * 5, 7) * 9;
      shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = rotate_left(s3, 11);
      double normal = layer_abscissa(index_word, abscissa_word);
      if (normal < layer_x[(index_word & ZIGGURAT_LAYER_MASK) + 1]) {
        normal = with_sign_of(index_word, normal);
      } else {
        state[0] = s0;
        state[1] = s1;
        state[2] = s2;
        state[3] = s3;
        normal = normal_outside_rectangle(index_word, normal);
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
      }
      /* LognormalDistribution.sample(), then the occurrence terms. */
      const double loss = exp_by_table(mu + sigma * normal);
      /* positivePart(loss − retention), then the limit; the same formula as the reference. */
      const double beyond_retention = loss - occurrence_retention;
      const double excess = 0.5 * (beyond_retention + __builtin_fabs(beyond_retention));
      const double insured = excess < occurrence_limit ? excess : occurrence_limit;
      year_gross += loss;
      year_insured += insured;
      if (tracks_largest) {
        if (loss > largest_gross) largest_gross = loss;
        if (insured > largest_insured) largest_insured = insured;
      }
    }
    /* The general kernel's annual terms for one section, term for term. */
    if (year_insured > section_aggregate_limit) year_insured = section_aggregate_limit;
    const double beyond_deductible = year_insured - aggregate_deductible;
    const double after_deductible = 0.5 * (beyond_deductible + __builtin_fabs(beyond_deductible));
    const double capped = after_deductible < aggregate_limit ? after_deductible : aggregate_limit;
    const double year_ceded = capped * insurer_share;
    gross[year] = year_gross;
    ceded[year] = year_ceded;
    if (wanted & WANTS_RETAINED) retained[year] = year_gross - year_ceded;
    if (wanted & WANTS_LARGEST_OCCURRENCE_GROSS) largest_occurrence_gross[year] = largest_gross;
    if (wanted & WANTS_LARGEST_OCCURRENCE_INSURED) largest_occurrence_insured[year] = largest_insured;
    if (wanted & WANTS_SECTION_GROSS) section_gross[year] = year_gross;
    if (wanted & WANTS_SECTION_CEDED) {
      section_ceded[year] = year_insured * (year_insured > 0 ? year_ceded / year_insured : 0);
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return occurrences;
}
