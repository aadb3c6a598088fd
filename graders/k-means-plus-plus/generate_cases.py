#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the k-means-plus-plus kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/k-means-plus-plus/generate_cases.py

Expected values come from an own numpy float64 implementation of the kata's rule (D^2 seeding driven by the given
uniforms u[0..k-1]):
    i0 = min(floor(u[0] * n), n - 1)
    D2 = ||x - x[i0]||^2                         (sum of squared coordinate differences)
    for j in 1..k-1:
        C = cumsum(D2); total = C[n-1]; t = u[j] * total
        i_j = the first i with D2[i] > 0 and C[i] >= t
        D2 = minimum(D2, ||x - x[i_j]||^2)
Cross-checks, all asserted:
  * the same rule in exact rational arithmetic (fractions.Fraction): identical indices. Every case either keeps every
    threshold t far from every cumulative sum (relative margin > 1e-9, so no rounding can move a choice) or is a
    designed exact case (small integer coordinates, power-of-two totals, dyadic uniforms) whose float64 sums are exact
    and equal the rational ones, so the boundary C[i] == t really happens;
  * on those exact cases, comparing normalised probabilities (cumsum(D2 / total) >= u) picks the same indices, so
    the statement may accept either formulation;
  * scikit-learn 1.2's kmeans_plusplus with n_local_trials=1 (plain D^2 sampling, not its greedy default), driven by
    a RandomState whose randint/uniform return our uniforms, picks the same indices, on every case where its
    ||x||^2 - 2x.c + ||c||^2 distances and its separate sum for the total cannot matter (not the u = 0 case, where it
    re-picks a chosen point, and not the 1e8 offset case, where its distances lose all precision);
  * every mutant the C# tests carry (distance not squared, uniform sampling, strict inequality, nearest-to-last-centre
    only, the zero-weight point picked at u = 0, expanded distances) gives a different answer on at least one case.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.cluster import kmeans_plusplus

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "k-means-plus-plus"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ONE_MINUS = float(np.nextafter(1.0, 0.0))  # the largest double below 1


# ---------------------------------------------------------------------------------------------- the rule, float64
def seed(x, u, variant="exact", stats=None):
    """D^2 seeding. `variant` names a mutant for the detection check; 'exact' is the kata's rule."""
    n = x.shape[0]
    k = len(u)

    def dist2(c):
        if variant == "expanded":
            return (x ** 2).sum(1) - 2 * x @ c + (c ** 2).sum()
        d2 = ((x - c) ** 2).sum(1)
        return np.sqrt(d2) if variant == "not-squared" else d2

    i0 = min(int(math.floor(u[0] * n)), n - 1)
    chosen = [i0]
    d2 = dist2(x[i0])
    for j in range(1, k):
        if variant == "uniform":
            i = min(int(math.floor(u[j] * n)), n - 1)
        else:
            c = np.cumsum(d2)
            total = c[-1]
            t = u[j] * total
            if stats is not None and t > 0:
                gaps = np.abs(c - t)
                stats["min_margin"] = min(stats["min_margin"], float(gaps.min() / total))
            if variant == "strict":
                ok = (c > t) & (d2 > 0)
            elif variant == "zero-weight":
                ok = c >= t  # searchsorted 'left' without the D2 > 0 rule
            elif variant == "normalised":
                ok = (np.cumsum(d2 / total) >= u[j]) & (d2 > 0)
            else:
                ok = (c >= t) & (d2 > 0)
            i = int(np.argmax(ok))
            assert ok[i], "no index qualifies"
        chosen.append(i)
        new = dist2(x[i])
        d2 = new if variant == "last-only" else np.minimum(d2, new)
    return np.array(chosen, dtype=np.int64)


def seed_exact(x, u):
    """The same rule in rational arithmetic; also returns every step's (C, t) for the exactness check."""
    X = [[Fraction(float(v)) for v in row] for row in x]
    U = [Fraction(float(v)) for v in u]
    n = len(X)

    def dist2(c):
        return [sum((a - b) ** 2 for a, b in zip(p, c)) for p in X]

    i0 = min(math.floor(U[0] * n), n - 1)
    chosen = [i0]
    d2 = dist2(X[i0])
    steps = []
    for j in range(1, len(U)):
        c, acc = [], Fraction(0)
        for w in d2:
            acc += w
            c.append(acc)
        total = c[-1]
        assert total > 0, "fewer than k distinct points"
        t = U[j] * total
        i = next(i for i in range(n) if d2[i] > 0 and c[i] >= t)
        steps.append((c, t, d2))
        chosen.append(i)
        d2 = [min(a, b) for a, b in zip(d2, dist2(X[i]))]
    return chosen, steps


class RiggedState(np.random.RandomState):
    """A RandomState whose randint(n) and uniform() replay the kata's uniforms, to drive scikit-learn's seeding."""

    def __init__(self, u):
        super().__init__(0)
        self.u = [float(v) for v in u]
        self.next = 1

    def randint(self, low, high=None, size=None, dtype=int):  # noqa: D102 - sklearn calls randint(n_samples)
        assert high is None and size is None
        return min(int(math.floor(self.u[0] * low)), low - 1)

    def uniform(self, low=0.0, high=1.0, size=None):  # noqa: D102 - sklearn calls uniform(size=n_local_trials)
        assert size == 1
        v = self.u[self.next]
        self.next += 1
        return np.array([v])


# ---------------------------------------------------------------------------------------------- cases
WRITTEN = []
MUTANTS = ["not-squared", "uniform", "strict", "last-only", "zero-weight", "expanded"]
DETECTED = {m: [] for m in MUTANTS}


def case(name, x, u, note, exact=False, boundary=False, sklearn_check=True):
    x = np.ascontiguousarray(x, dtype=np.float64)
    u = np.ascontiguousarray(u, dtype=np.float64)
    n, d = x.shape
    k = len(u)
    assert 1 <= k <= n and np.all(u >= 0) and np.all(u < 1)
    assert len(np.unique(x, axis=0)) >= k, (name, "fewer than k distinct points")
    stats = {"min_margin": np.inf}
    idx = seed(x, u, stats=stats)

    chosen, steps = seed_exact(x, u)
    assert list(idx) == chosen, (name, "rational run disagrees", list(idx), chosen)
    if exact:
        assert all(float(v).is_integer() for v in x.ravel()), name
        for c, t, d2 in steps:
            total = c[-1]
            assert total.denominator == 1 and total.numerator & (total.numerator - 1) == 0, (name, "total not 2^m", total)
            assert t.denominator & (t.denominator - 1) == 0, (name, "threshold not dyadic")
        assert np.array_equal(seed(x, u, "normalised"), idx), (name, "normalised probabilities disagree")
        hits = sum(1 for c, t, d2 in steps if t > 0 and t in c)
        assert hits > 0 or not boundary, (name, "designed boundary case has no threshold on a cumulative sum")
    else:
        assert stats["min_margin"] > 1e-9, (name, "a threshold lies within rounding of a cumulative sum", stats)
        assert np.array_equal(seed(x, u, "normalised"), idx), name

    sk = "sklearn skipped"
    if sklearn_check:
        centres, sk_idx = kmeans_plusplus(x, n_clusters=k, random_state=RiggedState(u), n_local_trials=1)
        assert np.array_equal(sk_idx.astype(np.int64), idx), (name, "sklearn disagrees", sk_idx, idx)
        assert np.array_equal(centres, x[idx]), name
        sk = "sklearn (n_local_trials=1) agrees"

    caught = []
    for m in MUTANTS:
        try:
            other = seed(x, u, m)
            wrong = not np.array_equal(other, idx)
        except (AssertionError, IndexError):
            wrong = True
        if wrong:
            DETECTED[m].append(name)
            caught.append(m)
    margin = "exact" if exact else f"{stats['min_margin']:.1e}"
    print(f"{name}: n={n} d={d} k={k} -> indices {list(idx)}; threshold margin {margin}; {sk}; "
          f"tells apart: {', '.join(caught) or 'none'}")

    tensors = {"in.x": x, "in.uniforms": u, "out.indices": idx, "out.centres": x[idx].copy()}
    meta = {"kata": SLUG, "args": "{}", "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def blobs(rng, n, d, k, spread, std):
    centres = rng.normal(scale=spread, size=(k, d))
    return centres[rng.integers(0, k, size=n)] + rng.normal(scale=std, size=(n, d))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(1729)

    x = blobs(rng, 300, 2, 6, 8.0, 1.0)
    case("01-blobs", x, rng.random(6), "random: 6 blobs n=300 d=2, k=6 with random uniforms")

    x = blobs(rng, 400, 8, 10, 5.0, 1.0)
    case("02-blobs-d8", x, rng.random(10), "random: 10 blobs n=400 d=8, k=10 with random uniforms")

    x = rng.normal(size=(50, 3))
    case("03-k-1", x, np.array([0.61]), "edge: k=1, only the first centre floor(u0*n) = floor(0.61*50) = 30")

    x = rng.normal(size=(7, 2)) * 3
    case("04-k-equals-n", x, rng.random(7),
         "edge: k=n=7, every point is chosen; the last step has a single point of positive weight")

    # duplicates: 6 distinct rows, each repeated; k = 6 forces the last choices onto the only rows still uncovered
    base = rng.normal(size=(6, 2)) * 4
    x = base[rng.permutation(np.repeat(np.arange(6), [5, 1, 3, 2, 4, 2]))]
    case("05-duplicates", x, rng.random(6),
         "edge: 6 distinct points repeated 1-5 times, k=6: a duplicate of a chosen centre has D2=0 and is never chosen")

    # exact boundaries (2-d): origin first (u0 = 0); D2 = 0,1,2,4,1 (total 8), u1*8 = 3 = C[2]; after the update
    # D2 = 0,1,0,2,1 (total 4), u2*4 = 1 = C[1]
    x = np.array([[0, 0], [1, 0], [1, 1], [2, 0], [0, 1]], dtype=np.float64)
    case("06-exact-threshold", x, np.array([0.0, 0.375, 0.25]),
         "edge: u*total lands exactly on a cumulative sum (total 8, u=0.375 -> C[2]=3; then total 4, u=0.25 -> C[1]=1): "
         "take the first index with C >= u*total, not C > u*total", exact=True, boundary=True)

    # exact boundaries (1-d) with a zero-weight duplicate right after the boundary: from x=0, D2 = 0,4,4,0,16,4,0,4
    # (total 32), u1*32 = 8 = C[2] = C[3]; then D2 = 0,0,0,0,4,0,0,4 (total 8), u2*8 = 4 = C[4]
    x = np.array([[0], [2], [2], [0], [4], [2], [0], [-2]], dtype=np.float64)
    case("07-exact-threshold-1d", x, np.array([0.0, 0.25, 0.5]),
         "edge: d=1 with duplicates: u*total = 8 equals C at index 2 and at the zero-weight index 3 (take 2); after the "
         "update u*total = 4 = C[4] again", exact=True, boundary=True)

    x = rng.normal(size=(20, 2))
    case("08-u-zero", x, np.zeros(5),
         "edge: every uniform is 0: the first centre is index 0, then each step takes the first point of positive "
         "D2 (never the already chosen index 0)", sklearn_check=False)

    # totals 16, 8, 4 (powers of two), so u*total is exact and just below the last cumulative sum
    x = np.array([[-2, 0], [0, 0], [-1, 1], [-1, 1], [2, -2]], dtype=np.float64)
    case("09-u-near-one", x, np.full(4, ONE_MINUS),
         "edge: every uniform is the largest double below 1: the first centre is index n-1, each later one the last "
         "point of positive D2 (index 3, not its duplicate 2)", exact=True)

    x = np.vstack([blobs(rng, 60, 2, 3, 4.0, 1.0), [[40.0, -35.0]]])
    case("10-outlier", x, np.array([0.3, 0.2, 0.9, 0.55]),
         "random: 3 blobs and one far outlier that dominates D2 (with D instead of D2 it would rarely be chosen)")

    x = blobs(rng, 80, 3, 4, 3.0, 1.0) + 1e8
    case("11-large-offset", x, rng.random(5),
         "hard: coordinates near 1e8 with spread ~3: ||x||^2 - 2x.c + ||c||^2 cancels to noise; differences are exact "
         "enough", sklearn_check=False)

    x = rng.normal(size=(40, 1)) * 5
    case("12-d-1", x, rng.random(6), "edge: d=1, n=40, k=6")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    for m, cases in DETECTED.items():
        assert cases, f"mutant {m} is not detected by any case"
        print(f"mutant {m}: detected by {', '.join(cases)}")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
