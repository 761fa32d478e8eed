"""A far lower tail of a net-score posterior, in 50-digit arithmetic.

For `NetScorePosterior::cdf` (tests/monitoring.rs): 5 negative, 11
neutral and 210 positive answers under the uniform prior, so
S = θ₊ + θ₋ ~ Beta(217, 12) and U = θ₊/S ~ Beta(211, 6), and
F(x) = ∫_{|x|}^1 f_S(s)·I_{(1 + x/s)/2}(211, 6) ds for x < 0.
At x = -0.9 the inner probability is a far lower tail of U, and F is
about 1.14e-277: a check that it is computed on the side that keeps its
relative precision. Quadrature over 400 equal pieces (200 agree to 6e-16).

Run: python3 net_score_tail.py
"""
from mpmath import mp, mpf, betainc, quad, beta

mp.dps = 50
d, o, p = 5 + 1, 11 + 1, 210 + 1
a_s, b_s = p + d, o
x = mpf("-0.9")
k = -x


def density_s(s):
    return s ** (a_s - 1) * (1 - s) ** (b_s - 1) / beta(a_s, b_s)


def inner(s):
    return betainc(p, d, 0, (s + x) / (2 * s), regularized=True)


pieces = [k + (1 - k) * mpf(i) / 400 for i in range(400)] + [mpf(1)]
print(mp.nstr(quad(lambda s: density_s(s) * inner(s), pieces), 20))
