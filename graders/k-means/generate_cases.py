#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the k-means kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/k-means/generate_cases.py

Expected values come from an own numpy float64 implementation of the exact loop in the kata contract:
    labels = assign(x, C0)            # nearest centroid, squared Euclidean; exact ties -> lowest index
    iterations = 0
    while iterations < maxIterations:
        C = update(x, labels, C)      # mean of assigned points; an EMPTY cluster keeps its previous centroid
        iterations += 1
        new = assign(x, C); changed = any(new != labels); labels = new
        if not changed: break
    inertia = sum_i ||x_i - C[labels_i]||^2
Cross-checks, all asserted:
  * the same loop in exact rational arithmetic (fractions.Fraction): identical labels and iteration count,
    centroids/inertia equal to the float64 ones to ~1e-12;
  * no near-ties anywhere: the gap between the two smallest squared distances is > 1e-12 * max(1, ||x||^2, ||c||^2)
    (> 4000 ulps of the largest term, so labels are robust to the ||x||^2-2x.c+||c||^2 formula), unless the case
    is a designed exact tie (small integer / dyadic coordinates and centroids, so every distance formula is exact
    in float64; the exact run proves the ties are real, and breaking ties the other way changes the answer);
  * where no cluster ever empties and there are no exact ties: scikit-learn KMeans(init=C0, n_init=1,
    algorithm="lloyd", tol=0, max_iter=M) gives the same labels, centroids and inertia (within 1e-9) and
    n_iter_ == iterations + 1 if we converged before M, else M.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.cluster import KMeans

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "k-means"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


# ---------------------------------------------------------------------------------------------- float64 Lloyd
def assign(x, c, stats, lowest=True):
    d2 = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)  # [n, k]
    if lowest:
        labels = np.argmin(d2, axis=1)  # numpy: first occurrence of the minimum -> lowest index
    else:
        labels = d2.shape[1] - 1 - np.argmin(d2[:, ::-1], axis=1)  # ties -> highest index (mutant, for checks)
    if c.shape[0] > 1:
        best = d2[np.arange(len(x)), labels]
        rest = d2.copy()
        rest[np.arange(len(x)), labels] = np.inf
        second = rest.min(axis=1)
        gap = second - best
        stats["exact_ties"] += int(np.sum(gap == 0))
        # gap relative to the magnitudes an expanded ||x||^2 - 2x.c + ||c||^2 formula would cancel
        scale = np.maximum(1.0, np.maximum((x ** 2).sum(axis=1), (c ** 2).sum(axis=1).max()))
        rel = gap / scale
        nonzero = rel[gap > 0]
        if nonzero.size:
            stats["min_rel_gap"] = min(stats["min_rel_gap"], float(nonzero.min()))
    return labels.astype(np.int64)


def lloyd(x, c0, max_iter, lowest=True):
    stats = {"exact_ties": 0, "min_rel_gap": np.inf, "ever_empty": False}
    c = c0.copy()
    k = c.shape[0]
    labels = assign(x, c, stats, lowest)
    iterations = 0
    while iterations < max_iter:
        new_c = c.copy()
        for j in range(k):
            members = x[labels == j]
            if len(members) == 0:
                stats["ever_empty"] = True  # keeps previous centroid
            else:
                new_c[j] = members.sum(axis=0) / len(members)
        c = new_c
        iterations += 1
        new = assign(x, c, stats, lowest)
        changed = bool(np.any(new != labels))
        labels = new
        if not changed:
            break
    inertia = float(((x - c[labels]) ** 2).sum())
    return c, labels, inertia, iterations, stats


# ---------------------------------------------------------------------------------------------- exact Lloyd
def lloyd_exact(x, c0, max_iter):
    X = [[Fraction(float(v)) for v in row] for row in x]
    C = [[Fraction(float(v)) for v in row] for row in c0]
    k, d = len(C), len(C[0])

    def assign_e(C):
        out = []
        for p in X:
            best, bj = None, -1
            for j, c in enumerate(C):
                dist = sum((a - b) ** 2 for a, b in zip(p, c))
                if best is None or dist < best:  # strict: ties keep the lower index
                    best, bj = dist, j
            out.append(bj)
        return out

    labels = assign_e(C)
    it = 0
    while it < max_iter:
        newC = []
        for j in range(k):
            mem = [p for p, l in zip(X, labels) if l == j]
            newC.append([sum(col, Fraction(0)) / len(mem) for col in zip(*mem)] if mem else C[j])
        C = newC
        it += 1
        new = assign_e(C)
        changed = new != labels
        labels = new
        if not changed:
            break
    inertia = sum(sum((a - b) ** 2 for a, b in zip(p, C[l])) for p, l in zip(X, labels))
    return C, labels, inertia, it


def is_dyadic(fr, max_den=1 << 20):
    return fr.denominator & (fr.denominator - 1) == 0 and fr.denominator <= max_den


# ---------------------------------------------------------------------------------------------- cases
WRITTEN = []


def case(name, x, c0, max_iter, note, ties=False, expect_empty=False, tie_matters=False, expect_hit=None):
    x = np.ascontiguousarray(x, dtype=np.float64)
    c0 = np.ascontiguousarray(c0, dtype=np.float64)
    n, d = x.shape
    k = c0.shape[0]
    assert c0.shape[1] == d and max_iter >= 0
    c, labels, inertia, iterations, st = lloyd(x, c0, max_iter)

    # exact rational cross-check
    Ce, le, ie, ite = lloyd_exact(x, c0, max_iter)
    assert ite == iterations and list(labels) == le, (name, "exact run disagrees")
    ce = np.array([[float(v) for v in row] for row in Ce])
    dev_exact = max(float(np.max(np.abs(ce - c) / np.maximum(1.0, np.abs(ce)))),
                    abs(float(ie) - inertia) / max(1.0, abs(float(ie))))
    assert dev_exact <= 1e-12, (name, dev_exact)
    if ties:
        assert st["exact_ties"] > 0, (name, "designed tie case has no exact tie")
        assert all(is_dyadic(v) for row in Ce for v in row), (name, "tie case centroids must stay dyadic")
        assert all(is_dyadic(Fraction(float(v))) for v in x.ravel()), name
        assert dev_exact == 0.0, (name, "tie case must be exact in float64")
    else:
        assert st["exact_ties"] == 0, (name, "unexpected exact tie")
    assert st["min_rel_gap"] > 1e-12, (name, "near-tie: expected labels could depend on rounding", st["min_rel_gap"])
    assert st["ever_empty"] == expect_empty, (name, st["ever_empty"])
    if tie_matters:
        c_hi, l_hi, _, it_hi, _ = lloyd(x, c0, max_iter, lowest=False)
        assert not (np.array_equal(c_hi, c) and np.array_equal(l_hi, labels) and it_hi == iterations), \
            (name, "breaking ties towards the highest index gives the same answer; tie does not matter")
    if expect_hit is not None:
        assert (iterations == max_iter) == expect_hit, (name, iterations, max_iter)

    # scikit-learn cross-check
    sk = "skipped (" + ("empty cluster" if st["ever_empty"] else "exact ties" if st["exact_ties"] else
                        "maxIterations=0") + ")"
    if not st["ever_empty"] and st["exact_ties"] == 0 and max_iter >= 1:
        km = KMeans(n_clusters=k, init=c0, n_init=1, algorithm="lloyd", tol=0.0, max_iter=max_iter, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            km.fit(x)
        want_iter = iterations + 1 if iterations < max_iter else max_iter
        assert km.n_iter_ == want_iter, (name, km.n_iter_, iterations, max_iter)
        assert np.array_equal(km.labels_.astype(np.int64), labels), name
        dc = float(np.max(np.abs(km.cluster_centers_ - c)))
        di = abs(km.inertia_ - inertia)
        assert dc <= 1e-9 and di <= 1e-9 * max(1.0, inertia), (name, dc, di)
        sk = f"sklearn agrees: n_iter_={km.n_iter_}, max|dC|={dc:.1e}, |dInertia|={di:.1e}"
    print(f"{name}: n={n} d={d} k={k} M={max_iter} -> iterations={iterations} inertia={inertia:.6g} "
                  f"exact ties={st['exact_ties']} min rel gap={st['min_rel_gap']:.1e} empty={st['ever_empty']}; "
                  f"exact-arith dev={dev_exact:.1e}; {sk}")

    tensors = {"in.x": x, "in.initialCentroids": c0, "out.centroids": c, "out.labels": labels.astype(np.int64),
               "out.inertia": np.array(inertia, dtype=np.float64),
               "out.iterations": np.array(iterations, dtype=np.int64)}
    meta = {"kata": SLUG, "args": json.dumps({"maxIterations": int(max_iter)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def blobs(rng, n, d, k, spread, std):
    centers = rng.normal(scale=spread, size=(k, d))
    lab = rng.integers(0, k, size=n)
    return centers[lab] + rng.normal(scale=std, size=(n, d))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(7031)

    # 01 well separated blobs, init from data points
    x = blobs(rng, 500, 8, 6, 10.0, 1.0)
    c0 = x[rng.choice(500, 6, replace=False)]
    case("01-blobs", x, c0, 100, "random: well separated blobs n=500 d=8 k=6, init = 6 data points")

    # 02 overlapping blobs, bad init (all initial centroids near each other) -> many iterations
    x = blobs(rng, 300, 4, 5, 3.0, 1.5)
    c0 = x[0] + rng.normal(scale=0.3, size=(5, 4))
    case("02-overlapping-bad-init", x, c0, 300,
         "random: overlapping blobs n=300 d=4 k=5, all initial centroids clumped together (many iterations)")

    # 03 a centroid far from every point: empty from the start, keeps C0 row
    x = blobs(rng, 60, 2, 3, 5.0, 1.0)
    c0 = np.vstack([x[rng.choice(60, 3, replace=False)], [[100.0, -100.0]]])
    case("03-empty-cluster", x, c0, 50, "edge: centroid 3 is far from all points, its cluster is empty and it keeps C0",
         expect_empty=True)

    # 04 a cluster that has points at first and becomes empty later: keeps its LAST centroid (6.0), not C0 (6.2)
    xs = np.array([3.5, 3.5, 4.0, 8.0, 8.75, 9.25])
    x = np.stack([xs, np.zeros_like(xs)], axis=1)
    c0 = np.array([[1.0, 0.0], [6.2, 0.0], [11.0, 0.0]])
    case("04-empty-cluster-later", x, c0, 20,
         "edge: cluster 1 owns {4,8} at first, empties after one update and must keep its last centroid (6,0), not C0",
         expect_empty=True)

    # 05 exact ties in 2-d with small integer / dyadic coordinates
    x = np.array([[2.0, 1.5],   # equidistant from all three initial centroids -> 0
                  [2.0, 0.0],   # equidistant from centroids 0 and 1 -> 0
                  [-1.0, 0.0], [0.0, -1.0],
                  [5.0, 0.0], [5.0, -1.0],
                  [2.0, 5.0], [1.0, 4.0]])
    c0 = np.array([[0.0, 0.0], [4.0, 0.0], [2.0, 4.0]])
    case("05-exact-ties", x, c0, 20,
         "edge: exact ties (a point equidistant from 3 centroids, one from 2) must go to the lowest index",
         ties=True, tie_matters=True)

    # 06 k = 1
    x = rng.normal(size=(30, 3)) * np.array([1.0, 5.0, 0.1]) + 2.0
    case("06-k-1", x, rng.normal(size=(1, 3)), 10, "edge: k=1, the centroid is the mean of all points, 1 iteration")

    # 07 k = n: each point is its own cluster, inertia 0
    x = rng.normal(size=(12, 2))
    perm = rng.permutation(12)
    c0 = x[perm] + rng.normal(scale=1e-2, size=(12, 2))
    case("07-k-equals-n", x, c0, 10, "edge: k=n with each initial centroid next to a distinct point, inertia 0")

    # 08 maxIterations = 0
    x = blobs(rng, 40, 3, 3, 4.0, 1.0)
    c0 = rng.normal(size=(3, 3))
    case("08-max-iterations-0", x, c0, 0, "edge: maxIterations=0 returns C0, labels assigned to C0, iterations 0")

    # 09 max iterations hit before convergence (same data as 02 needs many more)
    x = blobs(rng, 200, 2, 4, 3.0, 1.2)
    c0 = x[np.argsort(x[:, 0])[[0, 5, 10, 15]]]  # four of the leftmost points: slow to spread out
    full = lloyd(x, c0, 1000)[3]
    assert full > 5, full
    case("09-max-iterations-hit", x, c0, 3,
         f"edge: maxIterations=3 stops before convergence (needs {full}); labels are those of the 3rd update",
         expect_hit=True)

    # 10 maxIterations exactly equal to the number of updates needed to converge
    x = blobs(rng, 80, 3, 3, 4.0, 1.0)
    c0 = x[:3] + 0.5
    need = lloyd(x, c0, 1000)[3]
    case("10-max-iterations-exact", x, c0, need,
         f"edge: maxIterations={need} equals the updates needed; the last update changes nothing", expect_hit=True)

    # 11 duplicate points
    base = blobs(rng, 15, 2, 3, 5.0, 1.0)
    x = np.vstack([base, base, base[:5]])
    x = x[rng.permutation(len(x))]
    case("11-duplicate-points", x, base[[0, 5, 10]] + 0.25, 30,
         "edge: duplicate points (every point appears 2-3 times)")

    # 12 duplicate initial centroids: all ties go to the lower index, the copy stays empty
    x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [8.0, 8.0], [9.0, 8.0], [8.0, 9.0], [9.0, 9.0]])
    c0 = np.array([[4.0, 4.0], [4.0, 4.0], [9.0, 9.0]])
    case("12-duplicate-centroids", x, c0, 20,
         "edge: centroids 0 and 1 are identical; ties go to 0, cluster 1 stays empty and keeps its C0 row",
         ties=True, expect_empty=True, tie_matters=True)

    # 13 d = 1
    x = np.concatenate([rng.normal(-5, 1, 15), rng.normal(0, 0.5, 10), rng.normal(6, 2, 15)])[:, None]
    case("13-d-1", x, np.array([[-1.0], [0.5], [1.0]]), 100, "edge: d=1, k=3")

    # 14 ties in 1-d that change the trajectory
    x = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [6.0], [8.0]])
    c0 = np.array([[1.0], [3.0], [6.0]])
    case("14-exact-ties-1d", x, c0, 20,
         "edge: d=1 integer points exactly between centroids (2 between 1 and 3, 8 never tied) -> lowest index",
         ties=True, tie_matters=True)

    # 15 badly scaled / large-magnitude coordinates (offset 1e4)
    x = blobs(rng, 100, 3, 4, 20.0, 1.0) + 1e4
    chosen = [0]  # farthest-first init (one data point per blob), plus a small shift so updates move them
    for _ in range(3):
        chosen.append(int(np.argmax(np.min(((x[:, None] - x[chosen][None]) ** 2).sum(2), axis=1))))
    c0 = x[chosen] + 0.75
    case("15-large-offset", x, c0, 100, "hard: coordinates offset by 1e4 (cancellation in ||x||^2-2xc+||c||^2)")

    # 16 a tie that appears only after the first update (dyadic coordinates keep every distance exact)
    t = np.array([0.0, 1.0, 2.0, 3.5, 5.0, 6.5, 7.0, 8.0, 20.0, 21.0])
    x = np.stack([t, 2.0 * t], axis=1)
    c0 = np.array([[0.0, 0.0], [5.0, 10.0], [20.0, 40.0]])
    case("16-tie-after-update", x, c0, 20,
         "edge: after the 1st update point 3 is exactly equidistant from centroids 0 and 1 and must move to 0",
         ties=True, tie_matters=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
