"""Reference values of the NPS profile log-likelihood (src/monitoring/counts.rs).

l*(D) = max { nd ln t- + no ln t0 + np ln t+ : t+ - t- = D, t on the simplex },
computed with mpmath at 60 significant digits: the shares written with
u = distance from the segment's end, the maximiser found by 400 bisections of
the derivative in high precision. Run: python3 profile_loglik.py
"""
from mpmath import mp, mpf, log

mp.dps = 60

CASES = [
    ([30, 50, 120], 0.3),
    ([10673069, 2593031, 8331943], 0.9999955340678173),
    ([1, 363, 0], -0.9999906660427267),
    ([113571275350, 2, 350994664432], -0.9524109708304203),
    ([2, 32697641103, 1], -0.999999999999999),
    ([0, 41305934, 72354098], 0.9999999999999993),
    ([345998929194, 1, 261886768536], 0.9999999999969837),
    ([0, 1, 490403022283], 0.999999999997665),
    ([390973470, 0, 2], -0.9999999999999999),
]


def profile(counts, delta):
    nd, no, np_ = (mpf(c) for c in counts)
    delta = mpf(delta)  # the double's exact value
    base_d, base_p, width = max(-delta, 0), max(delta, 0), 1 - abs(delta)

    def loglik(u):
        shares = ((nd, base_d + u), (no, width - 2 * u), (np_, base_p + u))
        return sum(n * log(x) for n, x in shares if n)

    def slope(u):
        terms = ((nd, base_d + u, 1), (no, width - 2 * u, -2), (np_, base_p + u, 1))
        return sum(s * n / x for n, x, s in terms if n)

    if no == 0:
        return loglik(width / 2)
    if nd == 0 and np_ == 0:
        return loglik(0)
    a, b = mpf(0), width / 2
    for _ in range(400):
        m = (a + b) / 2
        if m == a or m == b:
            break
        if slope(m) > 0:
            a = m
        else:
            b = m
    # An end of the segment when the slope keeps one sign on it.
    return max(loglik(a), loglik(b))


for counts, delta in CASES:
    print(f"({counts}, {delta!r}, {mp.nstr(profile(counts, delta), 20)}),")
