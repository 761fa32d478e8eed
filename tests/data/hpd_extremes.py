"""Highest-posterior-density intervals of Beta share posteriors, at levels
up to 0.999999999999, in 50-digit arithmetic.

For `SharePosterior::hpd` (tests/vectors_extremes.rs). The posterior of
`s` successes in `n` is Beta(s + c, n - s + c), c = 1 (uniform prior) or
1/2 (Jeffreys). With an interior mode the HPD interval is [x1, x2] with
equal density at both ends and probability `alpha` outside: for each trial
x1 below the mode its partner x2 above the mode is found by bisection on
the log density, and x1 by Illinois root finding on the log of the mass
outside, each tail a separate quadrature (`extreme_vectors.Beta`). With a
density falling from 0 the interval is [0, x] with `alpha` above x.

`alpha` is formed as the crate forms it: the table's decimal double for
0.95, else `1 - level` in double precision.

Run from this folder: python3 hpd_extremes.py > hpd_extremes.json
"""
import json

from mpmath import mp

import extreme_vectors as ev

mp.dps = 50

CASES = [
    # (successes, n, prior pseudo-count)
    (3, 10, 1.0),
    (3, 10, 0.5),
    (50, 100, 1.0),
    (995, 1000, 1.0),
    (995, 1000, 0.5),
    (2, 10_000, 1.0),
    (300_000, 1_000_000, 0.5),
    (0, 10, 1.0),
    (0, 10, 0.5),
]
LEVELS = [0.95, 0.999999, 0.999999999999]


def alpha_of(level):
    return 0.05 if level == 0.95 else 1.0 - level


def hpd(s, n, c, alpha):
    a, b = mp.mpf(s) + mp.mpf(c), mp.mpf(n - s) + mp.mpf(c)
    beta = ev.Beta(a, b)
    alpha = mp.mpf(alpha)
    if a <= 1:
        # The density falls from 0 (a < 1, or a = 1 with b > 1).
        return mp.mpf(0), beta.quantile(alpha, upper=True)
    mode = (a - 1) / (a + b - 2)

    def ln_f(t):
        return (a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t)

    def partner(x1):
        target = ln_f(x1)
        lo, hi = mode, mp.mpf(1)
        for _ in range(400):
            mid = (lo + hi) / 2
            if ln_f(mid) > target:
                lo = mid
            else:
                hi = mid
            if hi - lo <= mp.mpf(10) ** -45 * (1 - lo):
                break
        return (lo + hi) / 2

    def excess(u):
        x1 = mp.exp(u)
        x2 = partner(x1)
        outside = beta.tails_precise(x1)[0] + beta.tails_precise(x2)[1]
        return mp.log(outside) - mp.log(alpha)

    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    lo_x = mode - 60 * sd
    lo_x = lo_x if lo_x > 0 else mode * mp.mpf(10) ** -30
    lo_u, hi_u = mp.log(lo_x), mp.log(mode) - mp.mpf(10) ** -30
    assert excess(lo_u) < 0 < excess(hi_u), "bracket"
    u = mp.findroot(excess, (lo_u, hi_u), solver="illinois", tol=mp.mpf(10) ** -40)
    x1 = mp.exp(u)
    return x1, partner(x1)


def main():
    out = []
    for s, n, c in CASES:
        for level in LEVELS:
            lower, upper = hpd(s, n, c, alpha_of(level))
            out.append({
                "successes": s,
                "n": n,
                "prior": "uniform" if c == 1.0 else "jeffreys",
                "level": level,
                "lower": float(lower),
                "upper": float(upper),
            })
    print(json.dumps({"share_hpd": out}, indent=1))


if __name__ == "__main__":
    main()
