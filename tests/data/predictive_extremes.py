"""Posterior predictive probabilities at large n, in 50-digit arithmetic.

`SharePosterior::prob_final_at_least` and `NetScorePosterior::
prob_final_at_least` (uniform prior): the sum of Beta-binomial (and, for a
net score, nested Beta-binomial) probabilities, each from mpmath's
loggamma at 50 digits. The target is formed in double precision exactly as
the test forms it, and the crate's tie tolerance (1e-9) applied the same
way. Run: python3 predictive_extremes.py
"""
from mpmath import mp, mpf, loggamma, exp, ceil, binomial
import math
mp.dps = 50
def bb(k, m, a, b):
    return exp(loggamma(m+1)-loggamma(k+1)-loggamma(m-k+1)+loggamma(k+a)+loggamma(m-k+b)-loggamma(m+a+b)-loggamma(a)-loggamma(b)+loggamma(a+b))
for s,n,m,k in [(300000000000,1000000000000,1000,305.0),(3000,10000,1000,305.0),(300000000,1000000000,1000,310.0)]:
    target=(float(s)+k)/(float(n)+float(m))
    needed=target*(float(n)+float(m))-float(s)-1e-9
    first=max(0,math.ceil(needed))
    a,b=mpf(1+s),mpf(1+n-s)
    tot=sum(bb(j,m,a,b) for j in range(first,m+1))
    print('share',s,n,m,repr(target),mp.nstr(tot,17))
for d,o,p,m,k in [(200000000000,300000000000,500000000000,200,62.0),(20,30,50,200,62.0)]:
    n=float(d+o+p); target=((float(p)-float(d))+k)/(n+float(m))
    kk=target*(n+m)-(float(p)-float(d))-1e-9
    ad,ao,ap=mpf(d+1),mpf(o+1),mpf(p+1)
    tot=mpf(0)
    for s_ in range(0,m+1):
        ps=bb(s_,m,ap+ad,ao)
        need=math.ceil((s_+kk)/2)
        lo=max(0,need)
        if lo>s_: continue
        tot+=ps*sum(bb(q,s_,ap,ad) for q in range(lo,s_+1))
    print('net',d,o,p,m,repr(target),mp.nstr(tot,17))
