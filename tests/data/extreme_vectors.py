#!/usr/bin/env python3
"""Reference values for the exact methods at the extremes (issue 12).

Writes extreme_vectors.json next to this file: Clopper-Pearson and Jeffreys
limits, exact two-sided binomial p-values (minimum-likelihood rule, as R's
binom.test) and two-sided Student-t critical values, at sample sizes up to
1e15 (p-values up to 2^64 - 1) and degrees of freedom from 1 to 1e12; and
both tails of the regularised incomplete beta at extreme shapes.

Independent of the crate's algorithms: every probability is a numerical
integral of the density (mpmath's tanh-sinh quadrature, piecewise between
break points around the mode) at 60 significant digits, with log-gamma at 90
digits, and every quantile is a bisection-safeguarded Newton iteration to 45
digits. Values are stored rounded to the nearest double. Levels and
benchmark shares are taken as the doubles the crate receives (for a level,
1 - level is then exact, as in the crate: at 0.999999999999 the decimal's
alpha differs from the double's by 6e-5 relative). A self-check
against mpmath's own betainc (hypergeometric series, exact where it
converges, i.e. at moderate shapes) runs first.

Requires mpmath (pip install mpmath). Runs in a few minutes:
    python3 tests/data/extreme_vectors.py
"""

import json
import math
import os
import sys

import mpmath as mp

mp.mp.dps = 60
TOL = mp.mpf(10) ** -45


class Beta:
    """Beta(a, b): tails by piecewise quadrature of the density."""

    def __init__(self, a, b):
        self.a, self.b = mp.mpf(a), mp.mpf(b)
        a, b = self.a, self.b
        with mp.workdps(90):
            self.ln_beta = +(mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
        if a >= 1 and b >= 1 and a + b > 2:
            mode = (a - 1) / (a + b - 2)
        elif a < 1 <= b:
            mode = mp.mpf(0)
        elif b < 1 <= a:
            mode = mp.mpf(1)
        else:
            mode = mp.mpf("0.5")
        sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        points = {mp.mpf(0), mp.mpf(1), mode}
        for k in [0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80,
                  100, 130, 160, 200, 300, 500, 800, 1500, 3000, 10000]:
            for p in (mode - k * sd, mode + k * sd):
                if 0 < p < 1:
                    points.add(p)
        self.points = sorted(points)
        self.pieces = [self._integral(lo, hi) for lo, hi in zip(self.points, self.points[1:])]

    def ln_density(self, t):
        return (self.a - 1) * mp.log(t) + (self.b - 1) * mp.log1p(-t) - self.ln_beta

    def density(self, t):
        if t <= 0 or t >= 1:
            return mp.mpf(0)
        return mp.exp(self.ln_density(t))

    def _integral(self, lo, hi, points=None):
        """The integral over [lo, hi] (through `points` when given), with the
        integrand scaled by its largest end value: mpmath's quadrature stops
        at an absolute error of 2^-precision, which is no accuracy at all
        for a tail of 1e-176 left unscaled."""
        if hi <= lo:
            return mp.mpf(0)
        a, b = self.a, self.b
        if lo == 0:
            # t = u^(1/a) removes the endpoint behaviour t^(a-1).
            def ln_f(u):
                return (b - 1) * mp.log1p(-(u ** (1 / a))) - self.ln_beta - mp.log(a)
            end = hi**a
            scale = max(ln_f(mp.mpf(0)), ln_f(end))
            return mp.exp(scale) * mp.quad(lambda u: mp.exp(ln_f(u) - scale), [0, end])
        if hi == 1:
            # 1 - t = v^(1/b) likewise at the upper end.
            def ln_g(v):
                return (a - 1) * mp.log1p(-(v ** (1 / b))) - self.ln_beta - mp.log(b)
            end = (1 - lo) ** b
            scale = max(ln_g(mp.mpf(0)), ln_g(end))
            return mp.exp(scale) * mp.quad(lambda v: mp.exp(ln_g(v) - scale), [0, end])
        # The density is unimodal and the mode is a break point: its largest
        # value on a piece is at one end.
        scale = max(self.ln_density(lo), self.ln_density(hi))
        return mp.exp(scale) * mp.quad(lambda t: mp.exp(self.ln_density(t) - scale), points or [lo, hi])

    def tails(self, x):
        """(P(X <= x), P(X > x)), each summed on its own side."""
        x = mp.mpf(x)
        j = max(i for i, p in enumerate(self.points) if p <= x)
        if j == len(self.points) - 1:
            return mp.mpf(1), mp.mpf(0)
        left = mp.fsum(self.pieces[:j]) + self._integral(self.points[j], x)
        right = mp.fsum(self.pieces[j + 1:]) + self._integral(x, self.points[j + 1])
        return left, right

    def _integral_toward(self, lo, hi, end):
        """The integral over [lo, hi] split geometrically toward `end`, where
        the mass of a far tail concentrates within a small fraction of the
        piece."""
        if hi <= lo:
            return mp.mpf(0)
        if lo == 0 or hi == 1:
            return self._integral(lo, hi)
        width = hi - lo
        fractions = [mp.mpf(10) ** -k for k in range(14, 0, -1)]
        if end == "hi":
            points = [lo] + [hi - width * f for f in reversed(fractions)] + [hi]
        else:
            points = [lo] + [lo + width * f for f in fractions] + [hi]
        return self._integral(lo, hi, sorted(points))

    def tails_precise(self, x):
        """(P(X <= x), P(X > x)) with the pieces next to x split toward x."""
        x = mp.mpf(x)
        j = max(i for i, p in enumerate(self.points) if p <= x)
        if j == len(self.points) - 1:
            return mp.mpf(1), mp.mpf(0)
        left = mp.fsum(self.pieces[:j]) + self._integral_toward(self.points[j], x, "hi")
        right = mp.fsum(self.pieces[j + 1:]) + self._integral_toward(x, self.points[j + 1], "lo")
        return left, right

    def quantile(self, target, upper=False):
        """x with P(X <= x) = target (or P(X > x) = target when upper)."""
        target = mp.mpf(target)
        # Bracket between break points from cumulative sums.
        cum = [mp.mpf(0)]
        for piece in self.pieces:
            cum.append(cum[-1] + piece)
        suffix = [mp.mpf(0)]
        for piece in reversed(self.pieces):
            suffix.append(suffix[-1] + piece)
        suffix = suffix[::-1]  # suffix[i] = P(X > points[i])
        value = (lambda i: suffix[i]) if upper else (lambda i: cum[i])
        j = None
        for i in range(len(self.points) - 1):
            lo_v, hi_v = value(i), value(i + 1)
            if min(lo_v, hi_v) <= target <= max(lo_v, hi_v):
                j = i
                break
        assert j is not None, "target out of range"
        lo, hi = self.points[j], self.points[j + 1]
        x = (lo + hi) / 2
        for _ in range(400):
            left, right = self.tails(x)
            tail = right if upper else left
            g = tail - target
            # tail above target: lower tail -> x too big; upper tail -> x too small
            if (g > 0) != upper:
                hi = x
            else:
                lo = x
            slope = self.density(x) * (-1 if upper else 1)
            nxt = x - g / slope if slope != 0 else (lo + hi) / 2
            if not (lo < nxt < hi):
                nxt = (lo + hi) / 2
            if abs(nxt - x) <= TOL * abs(x) or hi - lo <= TOL * abs(hi):
                return nxt
            x = nxt
        raise RuntimeError("quantile did not converge")


def binomial_two_sided(x, n, p0):
    """Exact two-sided binomial p-value, minimum-likelihood rule (R's binom.test)."""
    n, x = int(n), int(x)
    # The benchmark share exactly as the double the crate receives: at
    # n = 1e16 the decimal 0.7 and the double 0.7 put the mean 0.44 apart.
    p0 = mp.mpf(float(p0))
    with mp.workdps(90):
        ln_n1 = mp.loggamma(n + 1)

        def ln_pmf(k):
            return ln_n1 - mp.loggamma(k + 1) - mp.loggamma(n - k + 1) + k * mp.log(p0) + (n - k) * mp.log1p(-p0)

        # The split at the mean as R's binom.test and scipy's binomtest make
        # it: n·p0 in double precision, compared exactly.
        mean = float(n) * float(p0)
        if x == mean:
            return mp.mpf(1)
        threshold = ln_pmf(x) + mp.log(1 + mp.mpf("1e-7"))

        def lower_tail(k):  # P(X <= k)
            if k < 0:
                return mp.mpf(0)
            if k >= n:
                return mp.mpf(1)
            return Beta(k + 1, n - k).tails(p0)[1]

        def upper_tail(k):  # P(X >= k)
            if k <= 0:
                return mp.mpf(1)
            if k > n:
                return mp.mpf(0)
            return Beta(k, n - k + 1).tails(p0)[0]

        if x < mean:
            lo, hi = min(math.ceil(mean), n), n + 1  # smallest y >= mean with pmf(y) <= threshold
            while lo < hi:
                mid = (lo + hi) // 2
                if ln_pmf(mid) <= threshold:
                    hi = mid
                else:
                    lo = mid + 1
            p = lower_tail(x) + upper_tail(lo)
        else:
            lo, hi = 0, min(math.floor(mean), n) + 1  # largest y <= mean with pmf(y) <= threshold, plus 1
            while lo < hi:
                mid = (lo + hi) // 2
                if ln_pmf(mid) <= threshold:
                    lo = mid + 1
                else:
                    hi = mid
            p = upper_tail(x) + lower_tail(lo - 1)
        return min(p, mp.mpf(1))


def t_critical(df, alpha):
    """t with P(|T_df| > t) = alpha, from the t density."""
    nu = mp.mpf(df)
    alpha = mp.mpf(alpha)
    with mp.workdps(90):
        ln_c = +(mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2)

    def density(s):
        return mp.exp(ln_c - (nu + 1) / 2 * mp.log1p(s * s / nu))

    def two_sided(t):
        return 2 * mp.quad(density, [t, t + 1, t + 10, t + 100, mp.inf])

    # Start from the normal quantile; safeguarded Newton on the tail.
    t = mp.sqrt(2) * mp.erfinv(1 - alpha)
    lo, hi = mp.mpf(0), mp.inf
    for _ in range(200):
        g = two_sided(t) - alpha
        if g > 0:
            lo = t
        else:
            hi = t
        nxt = t + g / (2 * density(t))
        if not (lo < nxt < hi):
            nxt = (lo + hi) / 2 if hi != mp.inf else 2 * t
        if abs(nxt - t) <= TOL * t:
            return nxt
        t = nxt
    raise RuntimeError("t did not converge")


def incomplete_beta_cases():
    """Both tails of I_x(a, b) at extreme shapes; "x" is a double, or "y" is
    a double and x = 1 - y exactly (the pair the crate passes)."""
    cases = []
    for a, b, key, v in [
        (5e14, 5e14 + 1, "x", 0.5 - 3e-8),
        (5e14, 5e14 + 1, "x", 0.5 - 1.5e-7),
        (7e14, 3e14, "y", 0.3 + 5e-8),
        (1e6, 1e6, "x", 0.49),
        (1e9, 1e9, "x", 0.5 - 1e-4),
        (150, 160, "x", 0.3),
        (150, 160, "x", 0.47),
        (101, 1e15, "x", 1e-13),
        (1000, 1e12, "x", 1.1e-9),
        (1, 1e15, "x", 3e-15),
        (3, 1e15, "x", 1e-14),
        (0.5, 1e15 + 0.5, "x", 2e-15),
        (0.5, 1e15 + 0.5, "x", 2e-14),
        (0.5, 5e5, "x", 6.6e-6),
        (5e5, 0.5, "y", 6.6e-6),
        (5e5, 0.5, "y", 6.6e-5),
        (1e15, 3, "y", 1e-14),
        (2.5, 3.5, "x", 0.4),
        (0.5, 0.5, "x", 1e-10),
    ]:
        v = mp.mpf(v)
        x = v if key == "x" else 1 - v
        lower, upper = Beta(a, b).tails_precise(x)
        cases.append({"a": a, "b": b, key: float(v), "lower": float(lower), "upper": float(upper)})
    return cases


def self_check():
    for a, b, x in [(3, 1000, "0.002"), (500, 501, "0.49"), ("0.5", "400.5", "0.01"), (1, 50, "0.0004")]:
        ours = Beta(a, b).tails(mp.mpf(x))[0]
        theirs = mp.betainc(mp.mpf(a), mp.mpf(b), 0, mp.mpf(x), regularized=True)
        assert abs(ours - theirs) <= mp.mpf(10) ** -40 * theirs, (a, b, x, ours, theirs)
    # A far tail (28 standard deviations) against the series
    # I_x(a, b) = x^a y^b / (a B(a, b)) * sum_k prod_j (a+b+j)/(a+1+j) x.
    a = b = mp.mpf(10**6)
    x = mp.mpf(0.49)
    with mp.workdps(90):
        front = mp.exp(a * mp.log(x) + b * mp.log1p(-x) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))) / a
    total, term, k = mp.mpf(0), mp.mpf(1), 0
    while term > mp.mpf(10) ** -50 * total:
        total += term
        term *= (a + b + k) / (a + 1 + k) * x
        k += 1
    ours = Beta(a, b).tails_precise(x)[0]
    assert abs(ours - front * total) <= mp.mpf(10) ** -30 * ours, (ours, front * total)
    # t with 1 and 2 degrees of freedom in closed form.
    assert abs(t_critical(1, "0.05") - mp.cot(mp.pi * mp.mpf("0.05") / 2)) < mp.mpf(10) ** -40
    a = mp.mpf("0.01")
    assert abs(t_critical(2, a) - mp.sqrt(2 / (a * (2 - a)) - 2)) < mp.mpf(10) ** -40


LEVELS = ["0.9", "0.95", "0.99", "0.999"]
EXTREME_LEVELS = ["0.999999999", "0.999999999999", "0.999999999999999"]


def share_cases():
    cases = []
    for n in [10**9, 10**12, 10**15]:
        for x in sorted({0, 1, 3, 1000, n // 1000, n // 2, 7 * n // 10 + 123, n - 1, n}):
            levels = LEVELS if x in (1, n // 2, n - 1) else ["0.95"]
            for level in levels:
                cases.append((x, n, level))
    # Levels whose alpha/2 is below the rounding of 1 - alpha/2: an upper
    # limit must come from the upper tail at alpha/2 itself.
    for n in [10, 10**4, 10**9, 10**12]:
        for x in sorted({0, 1, 3, n // 2, n - 1}):
            for level in EXTREME_LEVELS:
                cases.append((x, n, level))
    return cases


def interval_limits(x, n, level, method):
    half = (1 - mp.mpf(float(level))) / 2
    if method == "clopper_pearson":
        lower = mp.mpf(0) if x == 0 else Beta(x, n - x + 1).quantile(half)
        upper = mp.mpf(1) if x == n else Beta(x + 1, n - x).quantile(half, upper=True)
    else:
        a, b = mp.mpf(x) + mp.mpf("0.5"), mp.mpf(n - x) + mp.mpf("0.5")
        lower = mp.mpf(0) if x == 0 else Beta(a, b).quantile(half)
        upper = mp.mpf(1) if x == n else Beta(a, b).quantile(half, upper=True)
    return lower, upper


def main():
    self_check()
    out = {
        "description": (
            "Reference values for the exact methods at the extremes, computed by "
            "tests/data/extreme_vectors.py with mpmath at 60 digits (quadrature of the "
            "densities, independent of the crate's algorithms), rounded to the nearest double."
        ),
        "clopper_pearson": [],
        "jeffreys": [],
        "binomial_two_sided": [],
        "t_critical": [],
        "incomplete_beta": [],
    }
    for method in ("clopper_pearson", "jeffreys"):
        for x, n, level in share_cases():
            lower, upper = interval_limits(x, n, level, method)
            out[method].append({"x": x, "n": n, "level": float(level), "lower": float(lower), "upper": float(upper)})
        print(method, len(out[method]), file=sys.stderr)
    for x, n, p0 in [
        (700_000_000 + 20_000, 10**9, "0.7"),
        (3, 10**9, "1e-9"),
        (0, 10**9, "1e-9"),
        (700_000_000_000 + 500_000, 10**12, "0.7"),
        (10**12 // 2, 10**12, "0.5"),
        (10**12 // 2 - 1_000_000, 10**12, "0.5"),
        (250_000_000_000_000 - 30_000_000, 10**15, "0.25"),
        (7 * 10**15 + 10_000_000, 10**16, "0.7"),
        (7 * 10**15 + 100_000_000, 10**16, "0.7"),
        (10**16, 10**16, "0.9999999999999999"),
        (2**63, 2**64 - 1, "0.5"),
        (2**63 + 3 * 2**32, 2**64 - 1, "0.5"),
        (2**64 - 1, 2**64 - 1, "0.5"),
    ]:
        p = binomial_two_sided(x, n, p0)
        out["binomial_two_sided"].append({"x": x, "n": n, "p0": float(p0), "p_value": float(p)})
    print("binomial", len(out["binomial_two_sided"]), file=sys.stderr)
    for df in [1, 2, 3, 5, 7.5, 10, 30, 75, 100, 123.456, 300, 500, 999, 1000, 1001, 2000, 5000,
               10**4, 5 * 10**4, 99_999, 10**5, 100_001, 2 * 10**5, 10**6, 10**9, 10**12]:
        for alpha in ["0.999", "0.99", "0.5", "0.2", "0.1", "0.05", "0.01", "0.001", "1e-6", "1e-10"]:
            t = t_critical(df, alpha)
            out["t_critical"].append({"df": float(df), "alpha": float(alpha), "t": float(t)})
    print("t", len(out["t_critical"]), file=sys.stderr)
    out["incomplete_beta"] = incomplete_beta_cases()
    print("incomplete beta", len(out["incomplete_beta"]), file=sys.stderr)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extreme_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
