"""Confidence-sequence bounds at large n, in 50-digit arithmetic.

The share and net-score sequences of src/monitoring/confidence_sequence.rs
(alpha = 0.05; uniform prior, and Jeffreys's for a few), computed with mpmath from their definitions:
the bounds are where the log-likelihood (profiled over the passives for a
net score) meets ln B(a + n) - ln B(a) + ln alpha, found by bisection in
50-digit arithmetic, with ln B from mpmath's loggamma. No algorithm is
shared with the crate (which never forms ln B(a + n) on its own).

Run: python3 confidence_sequence_extremes.py > confidence_sequence_extremes.json
"""
import json

from mpmath import mp, mpf, log, loggamma

mp.dps = 50
ALPHA = mpf("0.05")


def ln_beta(v):
    return sum(loggamma(x) for x in v) - loggamma(sum(v))


def bisect(f, inside, outside, steps):
    for _ in range(steps):
        m = (inside + outside) / 2
        if f(m):
            inside = m
        else:
            outside = m
    return inside


def share(s, n, A=1):
    s, f = mpf(s), mpf(n) - mpf(s)
    c = ln_beta([A + s, A + f]) - ln_beta([A, A]) + log(ALPHA)

    def ll(p):
        return (s * log(p) if s else 0) + (f * log(1 - p) if f else 0)

    hat = s / (s + f)
    lower = mpf(0) if s == 0 else bisect(lambda p: ll(p) >= c, hat, mpf(0), 300)
    upper = mpf(1) if f == 0 else bisect(lambda p: ll(p) >= c, hat, mpf(1), 300)
    return lower, upper


def net(d, o, p, A=1):
    nd, no, np_ = mpf(d), mpf(o), mpf(p)
    c = ln_beta([A + nd, A + no, A + np_]) - ln_beta([A, A, A]) + log(ALPHA)

    def profile(delta):
        # Shares along the constraint, u from the end where the smaller of
        # the detractor and promoter shares is zero.
        base_d, base_p, width = max(-delta, 0), max(delta, 0), 1 - abs(delta)
        terms = lambda u: ((nd, base_d + u, 1), (no, width - 2 * u, -2), (np_, base_p + u, 1))

        def ll(u):
            return sum(k * log(x) for k, x, _ in terms(u) if k)

        def slope(u):
            return sum(sign * k / x for k, x, sign in terms(u) if k)

        if no == 0:
            return ll(width / 2)
        lo, hi = mpf(0), width / 2
        for _ in range(250):
            m = (lo + hi) / 2
            if slope(m) > 0:
                lo = m
            else:
                hi = m
        return max(ll(lo), ll(hi))

    hat = (np_ - nd) / (nd + no + np_)
    inside = lambda delta: profile(delta) >= c
    return bisect(inside, hat, mpf(-1), 170), bisect(inside, hat, mpf(1), 170)


UNIFORM, JEFFREYS = 1, mpf(1) / 2
SHARES = [(300_000, 1_000_000), (1, 10**12), (3 * 10**11, 10**12), (7, 10**9),
          (5 * 10**14, 10**15), (10**15 - 3, 10**15), (40, 100)]
NETS = [(30, 50, 120), (200_000, 300_000, 500_000), (2, 105_344_034, 1),
        (150 * 10**9, 250 * 10**9, 600 * 10**9), (0, 0, 5), (3, 0, 0), (2, 3, 0),
        (0, 10**12, 0), (10**14, 0, 3 * 10**14)]
JEFFREYS_SHARES = [(40, 100), (1, 10**12), (0, 50)]
JEFFREYS_NETS = [(30, 50, 120), (0, 0, 5), (2, 105_344_034, 1)]

out = {
    "description": "Confidence-sequence bounds (alpha 0.05, uniform and Jeffreys priors) at large n, "
    "50-digit mpmath; see confidence_sequence_extremes.py.",
    "share": [{"successes": s, "n": n, "prior": name, "lower": mp.nstr(l, 20), "upper": mp.nstr(u, 20)}
              for name, a, cases in [("uniform", UNIFORM, SHARES), ("jeffreys", JEFFREYS, JEFFREYS_SHARES)]
              for s, n in cases for l, u in [share(s, n, a)]],
    "net": [{"counts": [d, o, p], "prior": name, "lower": mp.nstr(l, 20), "upper": mp.nstr(u, 20)}
            for name, a, cases in [("uniform", UNIFORM, NETS), ("jeffreys", JEFFREYS, JEFFREYS_NETS)]
            for d, o, p in cases for l, u in [net(d, o, p, a)]],
}
print(json.dumps(out, indent=1))
