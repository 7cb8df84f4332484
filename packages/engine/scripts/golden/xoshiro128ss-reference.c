/*
 * Reference generator for packages/engine/src/random/golden/xoshiro128ss.json.
 *
 * xoshiro128** 1.1 and SplitMix64 exactly as published by David Blackman and Sebastiano Vigna
 * (https://prng.di.unimi.it/xoshiro128starstar.c, https://prng.di.unimi.it/splitmix64.c),
 * written out again from the algorithm description so that the TypeScript port is checked
 * against plain 32/64-bit unsigned C arithmetic rather than against itself.
 *
 * Seeding convention shared with the TypeScript code: SplitMix64 starts at the user seed and its
 * first two outputs fill the 128-bit state low word first:
 *   s[0] = lo32(z1), s[1] = hi32(z1), s[2] = lo32(z2), s[3] = hi32(z2).
 *
 * Build and run: see README.md beside this file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t s[4];

static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];

  s[2] ^= t;

  s[3] = rotl(s[3], 11);

  return result;
}

static void apply_jump_polynomial(const uint32_t polynomial[4]) {
  uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int i = 0; i < 4; i++)
    for (int b = 0; b < 32; b++) {
      if (polynomial[i] & UINT32_C(1) << b) {
        s0 ^= s[0];
        s1 ^= s[1];
        s2 ^= s[2];
        s3 ^= s[3];
      }
      next();
    }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

/* Equivalent to 2^64 calls to next(). */
static void jump(void) {
  static const uint32_t JUMP[] = {0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b};
  apply_jump_polynomial(JUMP);
}

/* Equivalent to 2^96 calls to next(). */
static void long_jump(void) {
  static const uint32_t LONG_JUMP[] = {0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662};
  apply_jump_polynomial(LONG_JUMP);
}

static uint64_t splitmix64_x;

static uint64_t splitmix64_next(void) {
  uint64_t z = (splitmix64_x += UINT64_C(0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void seed_with_splitmix64(uint64_t seed, uint64_t outputs[2]) {
  splitmix64_x = seed;
  outputs[0] = splitmix64_next();
  outputs[1] = splitmix64_next();
  s[0] = (uint32_t)outputs[0];
  s[1] = (uint32_t)(outputs[0] >> 32);
  s[2] = (uint32_t)outputs[1];
  s[3] = (uint32_t)(outputs[1] >> 32);
}

/* 53 random bits: the top 27 bits of one output and the top 26 of the next, divided by 2^53. */
static double next_float64(void) {
  const uint32_t a = next() >> 5;
  const uint32_t b = next() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

static void print_state(void) { printf("[%" PRIu32 ", %" PRIu32 ", %" PRIu32 ", %" PRIu32 "]", s[0], s[1], s[2], s[3]); }

static void print_outputs(int count) {
  printf("[");
  for (int i = 0; i < count; i++) printf("%s%" PRIu32, i ? ", " : "", next());
  printf("]");
}

static void print_float64s(int count) {
  printf("[");
  for (int i = 0; i < count; i++) printf("%s%.17g", i ? ", " : "", next_float64());
  printf("]");
}

/* Fails loudly if this file drifts from the published algorithms. */
static void check_published_vectors(void) {
  /* SplitMix64, seed 1234567: first output as listed on Rosetta Code's "Pseudo-random numbers/Splitmix64". */
  splitmix64_x = 1234567;
  if (splitmix64_next() != UINT64_C(6457827717110365317)) {
    fprintf(stderr, "SplitMix64 does not match its published first output\n");
    exit(1);
  }
  /* xoshiro128**, state {0, 1, 2, 3}: the first output is rotl(1 * 5, 7) * 9 = 5760 by hand. */
  const uint32_t initial[4] = {0, 1, 2, 3};
  memcpy(s, initial, sizeof s);
  if (next() != 5760) {
    fprintf(stderr, "xoshiro128** does not match its hand-computed first output\n");
    exit(1);
  }
}

#define OUTPUT_COUNT 16
#define FLOAT64_COUNT 8

int main(void) {
  static const struct {
    const char *name;
    uint32_t state[4];
  } fixed_states[] = {
      {"small integers", {1, 2, 3, 4}},
      {"hex digits of pi", {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}},
      {"all bits set", {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}},
  };
  static const struct {
    const char *decimal;
    uint64_t value;
  } seeds[] = {
      {"0", 0},
      {"1", 1},
      {"42", 42},
      {"9007199254740991", UINT64_C(9007199254740991)},
      {"18446744073709551615", UINT64_C(18446744073709551615)},
  };
  const int fixed_state_count = sizeof fixed_states / sizeof *fixed_states;
  const int seed_count = sizeof seeds / sizeof *seeds;

  check_published_vectors();

  printf("{\n");
  printf("  \"generator\": \"xoshiro128** 1.1 (Blackman & Vigna) seeded through SplitMix64\",\n");
  printf("  \"producedBy\": \"packages/engine/scripts/golden/xoshiro128ss-reference.c\",\n");
  printf("  \"fixedStates\": [\n");
  for (int f = 0; f < fixed_state_count; f++) {
    printf("    {\n      \"name\": \"%s\",\n      \"state\": ", fixed_states[f].name);
    memcpy(s, fixed_states[f].state, sizeof s);
    print_state();
    printf(",\n      \"outputs\": ");
    print_outputs(OUTPUT_COUNT);

    memcpy(s, fixed_states[f].state, sizeof s);
    printf(",\n      \"float64s\": ");
    print_float64s(FLOAT64_COUNT);

    memcpy(s, fixed_states[f].state, sizeof s);
    jump();
    printf(",\n      \"afterJump\": { \"state\": ");
    print_state();
    printf(", \"outputs\": ");
    print_outputs(OUTPUT_COUNT);

    memcpy(s, fixed_states[f].state, sizeof s);
    long_jump();
    printf(" },\n      \"afterLongJump\": { \"state\": ");
    print_state();
    printf(", \"outputs\": ");
    print_outputs(OUTPUT_COUNT);
    printf(" }\n    }%s\n", f + 1 < fixed_state_count ? "," : "");
  }
  printf("  ],\n");

  printf("  \"seeds\": [\n");
  for (int i = 0; i < seed_count; i++) {
    uint64_t splitmix64_outputs[2];
    seed_with_splitmix64(seeds[i].value, splitmix64_outputs);
    printf("    {\n      \"seed\": \"%s\",\n", seeds[i].decimal);
    printf("      \"splitMix64Outputs\": [\"0x%016" PRIx64 "\", \"0x%016" PRIx64 "\"],\n", splitmix64_outputs[0],
           splitmix64_outputs[1]);
    printf("      \"state\": ");
    print_state();
    printf(",\n      \"outputs\": ");
    print_outputs(OUTPUT_COUNT);
    printf("\n    }%s\n", i + 1 < seed_count ? "," : "");
  }
  printf("  ],\n");

  /* Stream i is the seeded generator jumped i times. */
  printf("  \"streams\": {\n    \"seed\": \"42\",\n    \"states\": [\n");
  uint64_t ignored[2];
  seed_with_splitmix64(42, ignored);
  for (int stream = 0; stream < 4; stream++) {
    if (stream > 0) jump();
    printf("      ");
    print_state();
    printf("%s\n", stream < 3 ? "," : "");
  }
  printf("    ]\n  }\n}\n");
  return 0;
}
