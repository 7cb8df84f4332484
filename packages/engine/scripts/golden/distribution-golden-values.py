#!/usr/bin/env python3
"""Golden values for the engine's distributions (packages/engine/src/distributions).

Writes src/distributions/golden/distributions.json (run from packages/engine, see README.md here):
cdf, quantile, mean and limited expected values of every distribution kind at a grid of parameters and
points, computed independently of the TypeScript code:

- normal: mpmath at 60 significant digits (Phi = mp.ncdf; the quantile by mp.findroot on it), so the
  deep tails (p = 1e-300, 1 - 2^-53) are exact to double precision; scipy.special.ndtr/ndtri are
  compared and their largest relative difference is printed;
- lognormal: scipy.stats.lognorm(s=sigma, scale=exp(mu));
- PERT: scipy.stats.beta(alpha, beta, loc=min, scale=max-min) with the PERT alpha and beta;
- spliced lognormal-GPD: composed here from scipy.stats.lognorm and scipy.stats.genpareto(c=tailShape,
  scale=tailScale), with the body weight w = lognorm.cdf(threshold);
- Poisson and negative binomial cdfs: mpmath's regularised incomplete gamma and beta functions at 60
  digits (Q(k+1, rate) and I_p(dispersion, k+1), p = dispersion/(dispersion+rate)), because scipy's
  nbinom.cdf loses up to 1e-9 (relative) at dispersions near 1e9; scipy.stats.poisson and
  scipy.stats.nbinom(n = dispersion, p) are compared and every difference above 1e-12 is printed, and
  their ppf is the starting point of the quantile search; Bernoulli: scipy.stats;
- limited expected values E[min(X, u)] = integral of the survival function from 0 to u, by mpmath.quad
  (not by the closed forms the engine uses), and means likewise from scipy or closed forms in mpmath.

Discrete quantile points where p lies within 1e-9 (relative) of a cdf value are dropped, since there the
answer depends on rounding, not on the algorithm.

Needs scipy, numpy and mpmath (checked with scipy 1.17, numpy 2.4, mpmath 1.3).
"""

import argparse
import json
import math
import sys

import mpmath as mp
import numpy as np
import scipy
import scipy.special as sc
import scipy.stats as st

mp.mp.dps = 60
Z_95 = 1.6448536269514722


def as_float(value):
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"non-finite golden value {value!r}")
    return result


# ---------------------------------------------------------------- normal

NORMAL_CDF_POINTS = [
    -38.0, -37.5, -30.0, -20.0, -12.0, -8.5, -6.0, -5.656854249492381, -5.0, -3.0, -2.0, -1.5,
    -0.6744897501960817, -0.5, -0.1, -1e-10, 0.0, 1e-10, 0.25, 0.6744897501960817, 0.7, 1.0,
    1.959963984540054,
    2.5, 4.0, 5.656854249492381, 6.5, 8.0, 8.25,
]
NORMAL_QUANTILE_POINTS = [
    1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-16, 1e-12, 1e-9, 1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.07,
    0.075, 0.08, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.92, 0.925, 0.93, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6,
    1 - 1e-9, 1 - 1e-12, 1 - 1e-15, 1 - 1e-16,
]


def normal_quantile_exact(p):
    target = mp.mpf(p)
    start = float(sc.ndtri(p))
    return mp.findroot(lambda x: mp.ncdf(x) - target, mp.mpf(start), tol=mp.mpf(10) ** -55)


def normal_values():
    cdf = [{"x": x, "p": as_float(mp.ncdf(mp.mpf(x)))} for x in NORMAL_CDF_POINTS]
    quantile = [{"p": p, "x": as_float(normal_quantile_exact(p))} for p in NORMAL_QUANTILE_POINTS]
    normal_range = [r for r in cdf if r["p"] >= sys.float_info.min]  # subnormal values underflow in ndtr
    scipy_cdf_error = max(abs(sc.ndtr(r["x"]) - r["p"]) / r["p"] for r in normal_range)
    scipy_quantile_error = max(abs(sc.ndtri(r["p"]) - r["x"]) / abs(r["x"]) for r in quantile if r["x"])
    print(
        f"normal: scipy ndtr max rel. diff {scipy_cdf_error:.2e}, ndtri {scipy_quantile_error:.2e}"
        " (against mpmath)",
        file=sys.stderr,
    )
    return {"cdf": cdf, "quantile": quantile}


# ---------------------------------------------------------------- continuous severities

QUANTILE_LEVELS = [1e-10, 1e-4, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999, 1 - 1e-6]


def survival_integral(survival, low, high, breakpoints=()):
    """Integral of a survival function over [low, high], split at the given interior points."""
    points = [mp.mpf(low)] + [mp.mpf(b) for b in sorted(breakpoints) if low < b < high] + [mp.mpf(high)]
    return mp.quad(survival, points)


def lognormal_survival_mp(mu, sigma):
    return lambda x: mp.ncdf(-(mp.log(x) - mu) / sigma) if x > 0 else mp.mpf(1)


def lognormal_lev_mp(mu, sigma, u):
    # Integrate in log space, where the integrand is smooth: E[min(X,u)] = int_{-inf}^{ln u} S(e^t) e^t dt.
    mu, sigma = mp.mpf(mu), mp.mpf(sigma)
    integrand = lambda t: mp.ncdf(-(t - mu) / sigma) * mp.exp(t)
    log_u = mp.log(u)
    points = [-mp.inf] + [c for c in (mu - 6 * sigma, mu, mu + 3 * sigma) if c < log_u] + [log_u]
    return mp.quad(integrand, points)


def lognormal_case(mu, sigma, extra=None):
    distribution = st.lognorm(s=sigma, scale=math.exp(mu))
    median = math.exp(mu)
    xs = [median * math.exp(sigma * z) for z in (-5.0, -2.0, -0.5, 0.0, 0.3, 1.0, 2.5, 6.0)]
    us = [median * math.exp(sigma * z) for z in (-3.0, -1.0, 0.0, 1.0, 2.0, 4.0)]
    case = {
        "mu": mu,
        "sigma": sigma,
        "mean": as_float(mp.exp(mp.mpf(mu) + mp.mpf(sigma) ** 2 / 2)),
        "cdf": [{"x": x, "p": as_float(distribution.cdf(x))} for x in xs],
        "quantile": [{"p": p, "x": as_float(distribution.ppf(p))} for p in QUANTILE_LEVELS],
        "limitedExpectedValue": [{"u": u, "value": as_float(lognormal_lev_mp(mu, sigma, u))} for u in us],
    }
    if extra:
        case.update(extra)
    return case


def lognormal_values():
    return [
        lognormal_case(0.0, 0.25),
        lognormal_case(10.0, 1.0),
        lognormal_case(11.5, 2.5),
        lognormal_case(-1.0, 0.05),
    ]


def lognormal_interval_values():
    cases = []
    for low, high in ((10_000.0, 50_000.0), (10_000.0, 500_000.0), (50_000.0, 2_500_000.0), (1.0, 100_000.0)):
        mu = (math.log(low) + math.log(high)) / 2
        sigma = (math.log(high) - math.log(low)) / (2 * Z_95)
        distribution = st.lognorm(s=sigma, scale=math.exp(mu))
        cases.append(
            {
                "low": low,
                "high": high,
                "mu": mu,
                "sigma": sigma,
                "mean": as_float(distribution.mean()),
                "quantile": [{"p": p, "x": as_float(distribution.ppf(p))} for p in (0.05, 0.5, 0.95)],
            }
        )
    return cases


def pert_alpha_beta(minimum, mode, maximum, shape):
    width = maximum - minimum
    return 1 + shape * (mode - minimum) / width, 1 + shape * (maximum - mode) / width


def pert_case(minimum, mode, maximum, shape):
    alpha, beta = pert_alpha_beta(minimum, mode, maximum, shape)
    width = maximum - minimum
    distribution = st.beta(alpha, beta, loc=minimum, scale=width)
    xs = [minimum + width * y for y in (1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999)]
    us = [minimum + width * y for y in (0.05, 0.25, 0.5, 0.75, 0.95)]
    a, b = mp.mpf(alpha), mp.mpf(beta)
    survival = lambda x: 1 - mp.betainc(a, b, 0, (x - minimum) / mp.mpf(width), regularized=True)
    return {
        "min": minimum,
        "mode": mode,
        "max": maximum,
        "shape": shape,
        "alpha": alpha,
        "beta": beta,
        "mean": as_float(distribution.mean()),
        "cdf": [{"x": x, "p": as_float(distribution.cdf(x))} for x in xs],
        "quantile": [{"p": p, "x": as_float(distribution.ppf(p))} for p in QUANTILE_LEVELS],
        "limitedExpectedValue": [
            {"u": u, "value": as_float(minimum + survival_integral(survival, minimum, u, [mode]))} for u in us
        ],
    }


def pert_values():
    return [
        pert_case(0.0, 1.0, 10.0, 4.0),
        pert_case(1000.0, 1000.0, 50_000.0, 4.0),
        pert_case(5000.0, 20_000.0, 20_000.0, 4.0),
        pert_case(100.0, 3000.0, 4000.0, 8.0),
        pert_case(0.0, 0.5, 1.0, 0.0),
        pert_case(10.0, 11.0, 1_000_000.0, 2.5),
        pert_case(20_000.0, 150_000.0, 2_000_000.0, 40.0),
    ]


class Splice:
    """Lognormal(mu, sigma) below the threshold, generalised Pareto excess above it.

    See src/distributions/severity/spliced-lognormal-gpd.ts for the definition.
    """

    def __init__(self, mu, sigma, threshold, tail_shape, tail_scale):
        self.mu, self.sigma, self.threshold = mu, sigma, threshold
        self.tail_shape, self.tail_scale = tail_shape, tail_scale
        self.body = st.lognorm(s=sigma, scale=math.exp(mu))
        self.tail = st.genpareto(c=tail_shape, scale=tail_scale)
        self.weight = self.body.cdf(threshold)
        self.tail_weight = self.body.sf(threshold)

    def cdf(self, x):
        if x <= self.threshold:
            return self.body.cdf(x)
        return self.weight + self.tail_weight * self.tail.cdf(x - self.threshold)

    def ppf(self, p):
        if p <= self.weight:
            return self.body.ppf(p)
        return self.threshold + self.tail.isf((1 - p) / self.tail_weight)

    def survival_mp(self, x):
        x = mp.mpf(x)
        mu, sigma, t = mp.mpf(self.mu), mp.mpf(self.sigma), mp.mpf(self.threshold)
        if x <= t:
            return mp.ncdf(-(mp.log(x) - mu) / sigma) if x > 0 else mp.mpf(1)
        tail_weight = mp.ncdf(-(mp.log(t) - mu) / sigma)
        xi, beta = mp.mpf(self.tail_shape), mp.mpf(self.tail_scale)
        y = x - t
        if xi == 0:
            return tail_weight * mp.exp(-y / beta)
        base = 1 + xi * y / beta
        if base <= 0:
            return mp.mpf(0)
        return tail_weight * base ** (-1 / xi)

    def lev_mp(self, u):
        body_end = min(u, self.threshold)
        body = lognormal_lev_mp(self.mu, self.sigma, body_end)
        if u <= self.threshold:
            return body
        upper = u
        if self.tail_shape < 0:
            upper = min(u, self.threshold - self.tail_scale / self.tail_shape)
        tail = survival_integral(self.survival_mp, self.threshold, upper, [self.threshold + self.tail_scale])
        return body + tail

    def mean(self):
        if self.tail_shape >= 1:
            return None
        mu, sigma, t = mp.mpf(self.mu), mp.mpf(self.sigma), mp.mpf(self.threshold)
        body_partial = mp.exp(mu + sigma**2 / 2) * mp.ncdf((mp.log(t) - mu - sigma**2) / sigma)
        tail_weight = mp.ncdf(-(mp.log(t) - mu) / sigma)
        return body_partial + tail_weight * (t + mp.mpf(self.tail_scale) / (1 - mp.mpf(self.tail_shape)))


def spliced_case(mu, sigma, threshold, tail_shape, tail_scale):
    splice = Splice(mu, sigma, threshold, tail_shape, tail_scale)
    xs = [threshold * f for f in (0.01, 0.2, 0.7, 1.0)]
    xs += [threshold + tail_scale * f for f in (0.01, 0.5, 2.0, 8.0)]
    if tail_shape < 0:
        end = threshold - tail_scale / tail_shape
        xs = [x for x in xs if x < end] + [threshold + 0.999 * (end - threshold)]
    levels = sorted(set(QUANTILE_LEVELS + [splice.weight * 0.999, min(1 - 1e-9, splice.weight + 1e-3)]))
    us = [threshold * 0.5, threshold, threshold + tail_scale * 0.5, threshold + tail_scale * 3]
    mean = splice.mean()
    return {
        "mu": mu,
        "sigma": sigma,
        "threshold": threshold,
        "tailShape": tail_shape,
        "tailScale": tail_scale,
        "bodyWeight": as_float(splice.weight),
        "mean": None if mean is None else as_float(mean),
        "cdf": [{"x": x, "p": as_float(splice.cdf(x))} for x in xs],
        "quantile": [{"p": p, "x": as_float(splice.ppf(p))} for p in levels],
        "limitedExpectedValue": [{"u": u, "value": as_float(splice.lev_mp(u))} for u in us],
    }


def spliced_values():
    return [
        spliced_case(10.0, 1.5, 200_000.0, 0.3, 150_000.0),
        spliced_case(12.0, 1.0, 1_000_000.0, 0.0, 400_000.0),
        spliced_case(9.0, 2.0, 50_000.0, -0.2, 40_000.0),
        spliced_case(10.0, 1.0, 100_000.0, 1.2, 50_000.0),
        spliced_case(11.0, 0.8, 10_000.0, 0.5, 10_000.0),
        spliced_case(10.0, 1.2, 150_000.0, 1.0, 80_000.0),
        spliced_case(10.0, 1.2, 150_000.0, 1e-9, 80_000.0),
    ]


# ---------------------------------------------------------------- frequencies

DISCRETE_LEVELS = [1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1 - 1e-9]


def discrete_case(distribution, exact_cdf, mean, sd, parameters):
    """cdf values from mpmath (exact_cdf); quantiles as the smallest k with exact_cdf(k) >= p, starting at
    scipy's ppf. Reports where scipy's cdf differs from the exact value by more than 1e-12 (relative)."""
    top = int(mean + 12 * sd + 10)
    ks = sorted({0, 1, 2, int(mean), int(mean + sd), int(mean + 3 * sd), int(mean + 6 * sd), top})
    cdf = []
    for k in ks:
        exact = exact_cdf(k)
        scipy_value = distribution.cdf(k)
        if abs(scipy_value - exact) > 1e-12 * exact:
            difference = float(abs(scipy_value - exact) / exact)
            print(f"  scipy cdf off by {difference:.1e} at {parameters}, k={k}", file=sys.stderr)
        cdf.append({"k": k, "p": as_float(exact)})
    quantiles = []
    for p in DISCRETE_LEVELS:
        k = int(distribution.ppf(p))
        while k > 0 and exact_cdf(k - 1) >= p:
            k -= 1
        while exact_cdf(k) < p:
            k += 1
        at, below = exact_cdf(k), (exact_cdf(k - 1) if k > 0 else mp.mpf(0))
        if abs(at - p) > 1e-9 * p and abs(below - p) > 1e-9 * p:
            quantiles.append({"p": p, "k": k})
    case = dict(parameters)
    case["cdf"] = cdf
    case["quantile"] = quantiles
    return case


def poisson_values():
    cases = []
    for rate in (0.02, 0.7, 3.5, 9.99, 10.0, 37.5, 400.0):
        exact = lambda k, rate=rate: mp.gammainc(k + 1, mp.mpf(rate), mp.inf, regularized=True)
        cases.append(discrete_case(st.poisson(rate), exact, rate, math.sqrt(rate), {"rate": rate}))
    return cases


def negative_binomial_values():
    cases = []
    for rate, dispersion in (
        (0.3, 0.5), (2.0, 1.0), (8.0, 20.0), (50.0, 2.0), (1.5, 0.05), (300.0, 150.0),
        (3.0, 1e6), (0.01, 1e9),  # large dispersions: p within rounding of 1
    ):
        n, r = mp.mpf(dispersion), mp.mpf(rate)
        exact = lambda k, n=n, r=r: mp.betainc(n, k + 1, 0, n / (n + r), regularized=True)
        distribution = st.nbinom(dispersion, dispersion / (dispersion + rate))
        sd = math.sqrt(rate + rate * rate / dispersion)
        cases.append(discrete_case(distribution, exact, rate, sd, {"rate": rate, "dispersion": dispersion}))
    return cases


def bernoulli_values():
    cases = []
    for probability in (0.0, 0.05, 0.5, 0.999, 1.0):
        distribution = st.bernoulli(probability)
        case = {"probability": probability}
        case["cdf"] = [{"k": k, "p": as_float(distribution.cdf(k))} for k in (-1, 0, 1, 2)]
        levels = [p for p in (0.01, 0.5, 0.9, 0.99) if abs(p - (1 - probability)) > 1e-9]
        case["quantile"] = [{"p": p, "k": int(distribution.ppf(p))} for p in levels]
        cases.append(case)
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/distributions/golden/distributions.json")
    arguments = parser.parse_args()
    golden = {
        "generatedBy": "packages/engine/scripts/golden/distribution-golden-values.py",
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mp.__version__},
        "normal": normal_values(),
        "lognormal": lognormal_values(),
        "lognormalInterval": lognormal_interval_values(),
        "pert": pert_values(),
        "splicedLognormalGpd": spliced_values(),
        "poisson": poisson_values(),
        "negativeBinomial": negative_binomial_values(),
        "bernoulli": bernoulli_values(),
    }
    with open(arguments.out, "w", encoding="utf-8") as handle:
        json.dump(golden, handle, indent=1, allow_nan=False)
        handle.write("\n")
    print(f"wrote {arguments.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
