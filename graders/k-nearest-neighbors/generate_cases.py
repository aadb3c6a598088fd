#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the k-nearest-neighbors kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/k-nearest-neighbors/generate_cases.py

Expected values come from an own numpy float64 implementation of the kata's rules:
  * squared Euclidean distances from DIRECT differences sum((q - x)^2) (no ||q||^2 - 2q.x + ||x||^2 expansion);
  * the k nearest training points per query by a STABLE argsort of those distances (equal distances: lower training
    index first); a query that equals a training point has that point as a neighbour at distance 0 (no exclusion);
  * Classify: the label with the most votes among the k; a vote tie goes to the SMALLEST label (np.bincount + argmax);
  * Regress: the plain mean of the k targets.
Cross-checks, all asserted:
  * scikit-learn 1.2 KNeighborsClassifier / KNeighborsRegressor(n_neighbors=k, algorithm="brute"), fitted on data
    centred at the training mean (its brute force expands ||q - x||^2, which cancels far from the origin), predict the
    same wherever no distance tie straddles the k-th neighbour (its own tie order is not stable there); sklearn's
    vote-tie rule (scipy's mode: the smallest label) is the kata's, so vote-tie cases agree with it too;
  * no near-ties: outside designed exact ties, the gap between the k-th and (k+1)-th squared distances is > 1e-9 of
    their size, so any distance formula accurate to ~1e-12 gives the same neighbours; designed ties use small integers
    (or exact duplicates), so every formula computes them exactly;
  * each case that is meant to catch a mistake does: breaking distance ties towards the higher index, breaking vote ties
    towards the largest label, the k farthest points, k + 1 neighbours, excluding a query's zero-distance twin, and the
    uncentred ||q||^2 - 2q.x + ||x||^2 expansion on the large-offset case change the answer there.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "k-nearest-neighbors"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []


def sq_dist(xt, xq, expansion=False):
    if expansion:  # the uncentred formula, to show where it fails
        return (xq ** 2).sum(1)[:, None] - 2 * xq @ xt.T + (xt ** 2).sum(1)[None, :]
    return ((xq[:, None, :] - xt[None, :, :]) ** 2).sum(2)


def neighbours(xt, xq, k, variant=None):
    d = sq_dist(xt, xq, expansion=(variant == "expansion"))
    n = len(xt)
    if variant == "higher-first":
        order = n - 1 - np.argsort(d[:, ::-1], axis=1, kind="stable")
    elif variant == "farthest":
        order = np.argsort(-d, axis=1, kind="stable")
    elif variant == "exclude-self":
        d = np.where(d == 0, np.inf, d)
        order = np.argsort(d, axis=1, kind="stable")
    else:
        order = np.argsort(d, axis=1, kind="stable")
    kk = k + 1 if variant == "k+1" else k
    return order[:, :kk], d


def vote(labels, largest=False):
    out = []
    for row in labels:
        counts = np.bincount(row)
        if largest:
            out.append(len(counts) - 1 - int(np.argmax(counts[::-1])))
        else:
            out.append(int(np.argmax(counts)))  # first maximum = smallest label
    return np.array(out, dtype=np.int64)


def predict(xt, yt, xq, k, task, variant=None):
    idx, _ = neighbours(xt, xq, k, variant)
    if task == "classify":
        return vote(yt[idx], largest=(variant == "largest-label"))
    return yt[idx].mean(axis=1)


def boundary_stats(xt, xq, k):
    d = np.sort(sq_dist(xt, xq), axis=1)
    n = len(xt)
    if k >= n:
        return 0, np.inf
    kth, nxt = d[:, k - 1], d[:, k]
    tied = int(np.sum(kth == nxt))
    gaps = (nxt - kth)[nxt != kth] / np.maximum(1.0, np.abs(nxt[nxt != kth]))
    return tied, float(gaps.min()) if gaps.size else np.inf


def case(name, task, xt, yt, xq, k, note, ties=False, catches=()):
    xt = np.ascontiguousarray(xt, dtype=np.float64)
    xq = np.ascontiguousarray(xq, dtype=np.float64)
    yt = np.ascontiguousarray(yt, dtype=np.int64 if task == "classify" else np.float64)
    n, d = xt.shape
    assert xq.shape[1] == d and 1 <= k <= n and len(yt) == n
    if task == "classify":
        assert yt.min() >= 0
    want = predict(xt, yt, xq, k, task)
    tied, min_gap = boundary_stats(xt, xq, k)
    assert (tied > 0) == ties, (name, tied)
    assert min_gap > 1e-9, (name, "near-tie at the k-th neighbour", min_gap)
    if ties:
        assert np.all(xt == np.round(xt * 4) / 4) and np.all(xq == np.round(xq * 4) / 4), (name, "ties need exact coordinates")

    # sklearn's brute force uses the ||q||^2 - 2q.x + ||x||^2 expansion, so it is given centred data (distances do not
    # change under a shift; on the large-offset cases the uncentred call is wrong, which is the point of those cases).
    est = (KNeighborsClassifier if task == "classify" else KNeighborsRegressor)(n_neighbors=k, algorithm="brute")
    centre = xt.mean(axis=0)
    sk = est.fit(xt - centre, yt).predict(xq - centre)
    sk_raw = est.fit(xt, yt).predict(xq)
    raw_same = np.array_equal(sk_raw, sk) if task == "classify" else np.allclose(sk_raw, sk, rtol=1e-9, atol=1e-9)
    if not ties:
        if task == "classify":
            assert np.array_equal(sk.astype(np.int64), want), name
        else:
            assert np.max(np.abs(sk - want)) <= 1e-12 * max(1.0, np.max(np.abs(want))), name
        sk_note = "sklearn (centred) agrees" + ("" if raw_same else ", sklearn on the raw coordinates does NOT")
    else:
        same = np.array_equal(sk, want) if task == "classify" else np.allclose(sk, want, rtol=1e-12, atol=1e-12)
        sk_note = f"sklearn (unstable tie order) {'agrees' if same else 'differs'}"

    caught = []
    for variant in ("higher-first", "largest-label", "farthest", "k+1", "exclude-self", "expansion"):
        if variant == "k+1" and k == n:
            continue
        if variant == "largest-label" and task != "classify":
            continue
        other = predict(xt, yt, xq, k, task, variant)
        if task == "classify":
            moved = not np.array_equal(other, want)
        else:
            moved = not np.allclose(other, want, rtol=1e-9, atol=1e-9)
        if moved:
            caught.append(variant)
    for v in catches:
        assert v in caught, (name, v, "not caught", caught)
    print(f"{name}: {task} n={n} d={d} m={len(xq)} k={k}; boundary ties={tied}, min rel gap={min_gap:.1e}; "
          f"{sk_note}; catches {caught}")
    entry = "Classify" if task == "classify" else "Regress"
    tensors = {"in.xTrain": xt, "in.yTrain": yt, "in.xQuery": xq, "out": want}
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps({"k": int(k)}), "note": f"{entry}: {note}"}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))


def blobs(rng, n, d, c, spread, std):
    centres = rng.normal(scale=spread, size=(c, d))
    lab = rng.integers(0, c, size=n)
    return centres[lab] + rng.normal(scale=std, size=(n, d)), lab


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(3_1415)

    # 01/02 the statement's worked example (d = 1, small integers and halves: exact distances)
    xt = np.array([[0.0], [1.0], [2.0], [4.0], [5.0], [7.0]])
    xq = np.array([[3.0], [1.0], [6.0], [4.5]])
    case("01-worked-example-classify", "classify", xt, [0, 1, 1, 2, 0, 2], xq, 3,
         "the statement's worked example: a distance tie at the 3rd neighbour, a query on a training point, a 3-way vote tie",
         ties=True, catches=("higher-first", "largest-label", "farthest", "exclude-self"))
    case("02-worked-example-regress", "regress", xt, [0.5, 1.0, 2.0, 4.0, 8.0, 16.0], xq, 3,
         "the statement's worked example with targets 0.5, 1, 2, 4, 8, 16", ties=True,
         catches=("higher-first", "farthest", "k+1", "exclude-self"))

    # 03 blobs, continuous
    x, lab = blobs(rng, 240, 4, 4, 3.0, 1.2)
    case("03-blobs-classify", "classify", x[:200], lab[:200], x[200:], 5,
         "overlapping blobs: n=200 training points, d=4, 4 classes, 40 queries, k=5", catches=("farthest",))

    # 04 regression, continuous
    x = rng.normal(size=(180, 3))
    y = np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + 0.1 * rng.normal(size=180)
    case("04-random-regress", "regress", x[:150], y[:150], x[150:], 7,
         "smooth target plus noise: n=150, d=3, 30 queries, k=7", catches=("farthest", "k+1"))

    # 05 queries ARE training points, k = 1: each predicts its own label
    x, lab = blobs(rng, 60, 2, 3, 1.0, 1.0)
    case("05-queries-are-training-points-classify", "classify", x, lab, x[::3], 1,
         "every query is a training point and k=1: its nearest neighbour is itself (distance 0, not excluded)",
         catches=("exclude-self",))
    case("06-queries-are-training-points-regress", "regress", x, rng.normal(size=60), x[1::4], 3,
         "every query is a training point and k=3: the point itself is one of its 3 neighbours",
         catches=("exclude-self", "farthest", "k+1"))

    # 07/08 k = n: everything votes / the global mean
    x, lab = blobs(rng, 25, 3, 3, 2.0, 1.0)
    lab = np.array([0] * 9 + [1] * 9 + [2] * 7)[rng.permutation(25)]
    case("07-k-equals-n-classify", "classify", x, lab, rng.normal(size=(6, 3)), 25,
         "k=n=25: every training point votes; labels 0 and 1 tie with 9 votes each -> 0 (smallest)",
         catches=("largest-label",))
    case("08-k-equals-n-regress", "regress", x, rng.normal(size=25) * 3, rng.normal(size=(5, 3)), 25,
         "k=n=25: the prediction is the mean of all targets, whatever the query")

    # 09/10 integer grid: many exact distance ties at the k-th neighbour
    xt = rng.integers(-3, 4, size=(40, 2)).astype(np.float64)
    xq = rng.integers(-3, 4, size=(25, 2)).astype(np.float64) + np.array([0.0, 0.5])
    case("09-distance-ties-classify", "classify", xt, rng.integers(0, 4, size=40), xq, 4,
         "integer-grid points: equal distances straddle the 4th neighbour, the lower training index goes first",
         ties=True, catches=("higher-first",))
    case("10-distance-ties-regress", "regress", xt, np.arange(40, dtype=np.float64) ** 1.5, xq, 4,
         "integer-grid points: equal distances straddle the 4th neighbour, the lower training index goes first",
         ties=True, catches=("higher-first",))

    # 11 vote ties with continuous coordinates (no distance ties): k even
    x = rng.normal(size=(80, 2))
    lab = (x[:, 0] > 0).astype(np.int64) * 2 + (rng.random(80) < 0.3)
    case("11-vote-ties-classify", "classify", x, lab, rng.normal(size=(40, 2)), 4,
         "k=4 on four classes: 2-2 vote ties go to the smaller label", catches=("largest-label",))

    # 12/13 far from the origin: the uncentred ||q||^2 - 2q.x + ||x||^2 expansion cancels catastrophically
    x, _ = blobs(rng, 160, 3, 3, 0.4, 0.3)
    x = x + 1.0e7
    lab = rng.integers(0, 3, size=160)   # labels unrelated to position, so a wrong neighbour set changes votes
    case("12-large-offset-classify", "classify", x[:130], lab[:130], x[130:], 5,
         "hard: every coordinate near 1e7 (spread ~0.5): the uncentred ||q||^2 - 2q.x + ||x||^2 loses ~0.1 to cancellation",
         catches=("expansion",))
    xr = x[:130]
    case("13-large-offset-regress", "regress", xr, (xr[:, 0] - 1e7) * 10 + rng.normal(size=130), x[130:], 5,
         "hard: every coordinate near 1e7 (spread ~0.5): the uncentred ||q||^2 - 2q.x + ||x||^2 loses ~0.1 to cancellation",
         catches=("expansion",))

    # 14 exact duplicate training points with different targets
    base = rng.integers(0, 5, size=(10, 2)).astype(np.float64)
    xt = np.vstack([base, base, base[:4]])
    yt = rng.normal(size=len(xt)) * 5
    xq = rng.integers(0, 5, size=(12, 2)).astype(np.float64) + 0.25
    case("14-duplicate-points-regress", "regress", xt, yt, xq, 3,
         "duplicate training points (same coordinates, different targets): the copy with the lower index goes first",
         ties=True, catches=("higher-first",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
