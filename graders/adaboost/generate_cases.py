#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the adaboost kata (SAMME with decision stumps).

Run with Debian's python3 (python3-numpy, python3-sklearn):
    /usr/bin/python3 graders/adaboost/generate_cases.py

Expected values come from an own numpy implementation of the statement's rules, written with a brute force over
candidates (one boolean mask per threshold, weighted class totals by np.bincount; no sorting, no cumulative sums,
so it is independent of the vectorised reference):
  * weights w_i = 1/n at the start;
  * stump: every feature j, every midpoint t = (a + b) / 2 of consecutive distinct sorted values a < b of x[:, j];
    left = x[:, j] <= t. Weighted class totals W_L, W_R; weighted Gini G(W) = 1 - sum_c (W_c / sum W)^2;
    gain = G(parent) - |W_L|/|W| G(L) - |W_R|/|W| G(R). Largest gain wins; gains within 1e-12 of it tie, ties go to
    the lowest feature, then the lowest threshold. Each side predicts the class of largest weight (weights within
    1e-12 of the largest tie, ties to the lowest class);
  * err = sum of the (normalised) weights of the samples the stump misclassifies;
    err = 0 (no training sample misclassified): keep the stump with alpha = 1 and stop;
    err >= 1 - 1/K - 1e-12: discard the stump and stop;
    else alpha = ln((1 - err) / err) + ln(K - 1), w_i *= exp(alpha) for every misclassified i, then w /= sum(w);
  * predict: votes[m, c] = sum of alpha_t over the stumps voting c; argmax, votes within 1e-12 of the largest tie,
    ties to the lowest class
    (an empty model predicts class 0 everywhere).
Cross-checks, all asserted:
  * no near-ties: in every round every candidate gain is either within 1e-13 of the best (an exact tie) or at least
    1e-9 below it, and likewise every side's class weights (only candidates' sides are checked, chosen or not); err is never within 1e-9 of 1 - 1/K unless exactly on it; every test point's winning vote beats
    the runner-up by at least 1e-9 unless all votes are exactly equal;
  * the mistakes the mutants make change the answer of the cases named for them (weights not renormalised, the
    alpha's sign flipped, ln(K - 1) missing, misclassified weights decreased, stumps by weighted error instead of
    Gini, stumps fitted without the weights, a perfect stump not kept);
  * scikit-learn 1.2 AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), algorithm="SAMME",
    n_estimators=rounds, random_state=0) gives the same stumps (feature, threshold, argmax class of each leaf),
    the same alphas (estimator_weights_) to <= 1e-12 and the same predictions on every case where no round has a
    tie between candidates (scikit-learn visits the features in a random order and so breaks ties between features
    at random; the tie cases are compared with this implementation only) and where boosting does not stop at chance
    on the first round (scikit-learn compares err >= 1 - 1/K exactly, and on 05's XOR its float sum of 6 x 1/12
    is 0.49999999999999994, so it keeps stumps of alpha 2.2e-16 where the statement's 1e-12 tolerance stops;
    asserted). Its tree thresholds are float64 midpoints of float32 data: the
    data are multiples of 1/8 below 2^20, exact in float32, so the thresholds agree exactly. The maximum deviation of
    the alphas from scikit-learn's is printed.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.ensemble import AdaBoostClassifier
from sklearn.tree import DecisionTreeClassifier

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "adaboost"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TIE = 1e-12
STATS = {"min_gain_gap": np.inf, "max_alpha_dev": 0.0, "min_vote_gap": np.inf}


class Opts:
    def __init__(self, **kw):
        self.no_renorm = kw.get("no_renorm", False)
        self.alpha_sign = kw.get("alpha_sign", False)
        self.no_logk = kw.get("no_logk", False)
        self.decrease = kw.get("decrease", False)
        self.by_error = kw.get("by_error", False)
        self.unweighted = kw.get("unweighted", False)
        self.drop_perfect = kw.get("drop_perfect", False)


OK = Opts()


def gini(W):
    s = W.sum()
    return 1.0 - float(((W / s) ** 2).sum())


def first_max(v, check=True):
    """The lowest index whose value is within 1e-12 of the largest (class weights that tie up to rounding)."""
    top = v.max()
    if check:
        for u in v:
            assert top - u <= 1e-13 or top - u >= 1e-9, ("near-tie between class weights", v)
    return int(np.flatnonzero(v >= top - TIE)[0])


def stump(x, y, w, K, o=OK, check=True):
    n, d = x.shape
    if o.unweighted:
        w = np.full(n, 1.0 / n)
    total = np.bincount(y, weights=w, minlength=K)
    parent = gini(total)
    cands = []
    for j in range(d):
        vals = np.unique(x[:, j])
        for a, b in zip(vals[:-1], vals[1:]):
            t = (a + b) / 2
            assert a < t < b
            left = x[:, j] <= t
            wl = np.bincount(y[left], weights=w[left], minlength=K)
            wr = np.bincount(y[~left], weights=w[~left], minlength=K)
            lc, rc = first_max(wl, check), first_max(wr, check)
            if o.by_error:
                score = -(wl.sum() - wl[lc] + wr.sum() - wr[rc]) / total.sum()
            else:
                score = parent - wl.sum() / total.sum() * gini(wl) - wr.sum() / total.sum() * gini(wr)
            cands.append((j, float(t), score, lc, rc))
    assert cands, "no feature takes two distinct values"
    best = max(c[2] for c in cands)
    tied = [c for c in cands if c[2] >= best - TIE]
    if check:
        for c in cands:
            gap = best - c[2]
            assert gap <= 1e-13 or gap >= 1e-9, ("near-tie between candidate gains", gap)
            if gap > 1e-13:
                STATS["min_gain_gap"] = min(STATS["min_gain_gap"], gap)
    j, t, _, lc, rc = min(tied, key=lambda c: (c[0], c[1]))
    return j, t, lc, rc, len(tied)


def fit(x, y, K, rounds, o=OK, check=True):
    n = len(y)
    w = np.full(n, 1.0 / n)
    model = {"feature": [], "threshold": [], "leftClass": [], "rightClass": [], "alpha": []}
    info = {"max_tied": 1, "stop": "rounds", "errors": []}
    for _ in range(rounds):
        j, t, lc, rc, ntied = stump(x, y, w, K, o, check)
        info["max_tied"] = max(info["max_tied"], ntied)
        pred = np.where(x[:, j] <= t, lc, rc)
        miss = pred != y
        err = float(w[miss].sum())
        info["errors"].append(err)
        if not miss.any():
            if not o.drop_perfect:
                for k, v in zip(model, (j, t, lc, rc, 1.0)):
                    model[k].append(v)
            info["stop"] = "perfect"
            break
        chance = 1.0 - 1.0 / K
        if check:
            assert abs(err - chance) <= 1e-13 or abs(err - chance) >= 1e-9, ("err near 1 - 1/K", err)
        if err >= chance - TIE:
            info["stop"] = "chance"
            break
        alpha = math.log((1 - err) / err) + (0.0 if o.no_logk else math.log(K - 1))
        if o.alpha_sign:
            alpha = math.log(err / (1 - err)) + math.log(K - 1)
        for k, v in zip(model, (j, t, lc, rc, alpha)):
            model[k].append(v)
        w = w * np.exp((-alpha if o.decrease else alpha) * miss)
        if not o.no_renorm:
            w = w / w.sum()
    out = {
        "feature": np.array(model["feature"], dtype=np.int64),
        "threshold": np.array(model["threshold"], dtype=np.float64),
        "leftClass": np.array(model["leftClass"], dtype=np.int64),
        "rightClass": np.array(model["rightClass"], dtype=np.int64),
        "alpha": np.array(model["alpha"], dtype=np.float64),
    }
    return out, info


def votes(model, x, K):
    v = np.zeros((len(x), K))
    for j, t, lc, rc, a in zip(model["feature"], model["threshold"], model["leftClass"], model["rightClass"], model["alpha"]):
        c = np.where(x[:, j] <= t, lc, rc)
        v[np.arange(len(x)), c] += a
    return v


def predict(model, x, K, check=True):
    v = votes(model, x, K)
    if check:
        for row in v:
            s = np.sort(row)[::-1]
            gap = s[0] - s[1]
            assert gap == 0 and np.all(row == row[0]) or gap >= 1e-9, ("near-tie between votes", row)
            if gap > 0:
                STATS["min_vote_gap"] = min(STATS["min_vote_gap"], gap)
    return np.array([first_max(row, False) for row in v], dtype=np.int64)


def sk_check(x, y, K, rounds, model, x_test, pred):
    clf = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=rounds, algorithm="SAMME",
                             random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(x, y)
    T = len(clf.estimators_)
    assert T == len(model["alpha"]), (T, len(model["alpha"]))
    for k, est in enumerate(clf.estimators_):
        tr = est.tree_
        assert tr.node_count == 3
        assert tr.feature[0] == model["feature"][k] and tr.threshold[0] == model["threshold"][k], (k, tr.feature[0], tr.threshold[0], model)
        assert est.classes_[np.argmax(tr.value[1, 0])] == model["leftClass"][k]
        assert est.classes_[np.argmax(tr.value[2, 0])] == model["rightClass"][k]
    dev = float(np.max(np.abs(clf.estimator_weights_[:T] - model["alpha"]))) if T else 0.0
    assert dev <= 1e-12, dev
    STATS["max_alpha_dev"] = max(STATS["max_alpha_dev"], dev)
    assert np.array_equal(clf.predict(x_test).astype(np.int64), pred)
    return f"scikit-learn {sklearn.__version__} agrees (max |alpha diff| {dev:.1e})"


def dyadic_ok(x):
    assert np.all(x * 8 == np.round(x * 8)) and np.all(np.abs(x) < 2 ** 20), "data must be multiples of 1/8 below 2^20"


WRITTEN = []


def case(name, x, y, K, rounds, x_test, note, mistakes=(), expect_tie=False, expect_stop=None, sk=True):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.int64)
    x_test = np.ascontiguousarray(x_test, dtype=np.float64)
    dyadic_ok(x)
    assert set(np.unique(y)) == set(range(K)), "every class must occur in y"
    model, info = fit(x, y, K, rounds)
    pred = predict(model, x_test, K)
    assert (info["max_tied"] > 1) == expect_tie, (name, info["max_tied"])
    if expect_stop:
        assert info["stop"] == expect_stop, (name, info["stop"])
    for m in mistakes:
        try:
            with np.errstate(all="ignore"):
                mm, _ = fit(x, y, K, rounds, m, check=False)
        except (ValueError, ZeroDivisionError):
            continue  # the mistake breaks down (NaN weights, log of 0): it certainly changes the answer
        same = all(len(mm[k]) == len(model[k]) and np.allclose(mm[k], model[k], rtol=1e-6, atol=1e-6) for k in model)
        if same:
            same = np.array_equal(predict(mm, x_test, K, check=False), pred)
        assert not same, (name, "mistake does not matter", vars(m))
    if info["stop"] == "chance" and len(model["alpha"]) == 0:
        clf = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=rounds,
                                 algorithm="SAMME", random_state=0).fit(x, y)
        # scikit-learn compares err >= 1 - 1/K exactly; its err is a float sum that lands a hair below 1 - 1/K
        # (6 x 1/12 = 0.49999999999999994), so it keeps useless stumps with alpha ~ 2e-16 instead of stopping.
        # The statement's 1e-12 tolerance makes the stop independent of the summation order.
        assert len(clf.estimators_) > 0 and np.all(np.abs(clf.estimator_weights_) < 1e-15), clf.estimator_weights_
        assert np.all(clf.estimator_errors_ >= 1 - 1 / K - 1e-15), clf.estimator_errors_
        skmsg = (f"scikit-learn's exact comparison misses the stop by rounding (err {clf.estimator_errors_[0]!r}): "
                 f"it keeps stumps of alpha {clf.estimator_weights_[0]:.1e}")
    elif info["max_tied"] > 1:
        skmsg = "scikit-learn skipped (tie between candidates)"
    elif sk:
        skmsg = sk_check(x, y, K, rounds, model, x_test, pred)
    else:
        skmsg = "scikit-learn skipped"
    print(f"{name}: n={len(y)} d={x.shape[1]} K={K} rounds={rounds} -> {len(model['alpha'])} stumps, stop={info['stop']}, "
          f"alphas={np.round(model['alpha'], 4).tolist()[:6]}...; {skmsg}")
    tensors = {"in.x": x, "in.y": y, "in.xTest": x_test, "out.predictions": pred}
    tensors.update({"out." + k: v for k, v in model.items()})
    meta = {"kata": SLUG, "args": json.dumps({"numClasses": K, "rounds": rounds}), "entry": "Fit+Predict", "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))
    return model, info


def grid(rng, n, d, lo, hi):
    """Multiples of 1/8 in [lo, hi)."""
    return rng.integers(lo * 8, hi * 8, size=(n, d)) / 8.0


def distinct_grid(rng, n, d, lo, hi):
    """Multiples of 1/8 in [lo, hi), distinct within each column."""
    cols = [rng.choice(np.arange(lo * 8, hi * 8), size=n, replace=False) / 8.0 for _ in range(d)]
    return np.stack(cols, axis=1)


def banded_labels(rng, x, K, noise):
    score = x @ rng.normal(size=x.shape[1]) + noise * rng.normal(size=len(x))
    ranks = np.argsort(np.argsort(score))
    return (ranks * K // len(x)).astype(np.int64)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(5127)
    NORENORM, SIGN, NOLOGK, DECR = Opts(no_renorm=True), Opts(alpha_sign=True), Opts(no_logk=True), Opts(decrease=True)
    BYERR, UNW, DROP = Opts(by_error=True), Opts(unweighted=True), Opts(drop_perfect=True)

    # 01: the statement's worked example
    x = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    y = np.array([0, 0, 1, 1, 0, 1])
    xt = np.array([[1.5], [2.5], [3.0], [4.75], [5.5], [6.5]])
    case("01-worked-example", x, y, 2, 3, xt,
         "Fit+Predict, the statement's worked example: 6 points, 1 feature, K=2, 3 rounds; test points at thresholds go left",
         mistakes=(SIGN, DECR, UNW))

    # 02: three classes, the ln(K-1) term matters
    x = distinct_grid(rng, 60, 3, -8, 8)
    y = banded_labels(rng, x, 3, 1.5)
    xt = grid(rng, 40, 3, -9, 9)
    case("02-three-classes", x, y, 3, 12, xt,
         "Fit+Predict K=3, 12 rounds, 60 samples in 3-d: the ln(K-1) term and the renormalisation both change alpha",
         mistakes=(NORENORM, SIGN, NOLOGK, DECR, BYERR, UNW))

    # 03: binary, many rounds
    x = distinct_grid(rng, 80, 2, -10, 10)
    y = (x[:, 0] ** 2 + x[:, 1] ** 2 < 40).astype(np.int64)
    y[rng.choice(80, 6, replace=False)] ^= 1
    xt = grid(rng, 50, 2, -11, 11)
    case("03-binary-circle", x, y, 2, 25, xt,
         "Fit+Predict K=2 (ln(K-1) = 0), 25 rounds on a disc with label noise: stumps reuse features and thresholds",
         mistakes=(NORENORM, SIGN, DECR, BYERR, UNW))

    # 04: the first stump is perfect -> alpha 1, stop
    x = np.hstack([distinct_grid(rng, 20, 1, 0, 10), distinct_grid(rng, 20, 1, 0, 10)])
    y = (x[:, 1] > 4.3).astype(np.int64)
    xt = grid(rng, 10, 2, 0, 10)
    case("04-perfect-first-stump", x, y, 2, 5, xt,
         "Fit+Predict edge: feature 1 separates the classes, so the first stump has err = 0: it is kept with alpha = 1 "
         "and boosting stops (1 stump of 5 rounds)", mistakes=(DROP,), expect_stop="perfect")

    # 05: chance on the first round -> empty model
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 3)
    y = np.array([0, 1, 1, 0] * 3)
    xt = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, 0.5]])
    case("05-stop-at-chance", x, y, 2, 4, xt,
         "Fit+Predict edge: XOR; the first stump's err = 1/2 = 1 - 1/K, so it is discarded and boosting stops: "
         "0 stumps, and Predict of the empty model gives class 0 (all votes 0, ties to the lowest class)",
         expect_stop="chance", expect_tie=True)

    # 06: one round, four classes
    x = distinct_grid(rng, 43, 2, -6, 6)
    y = banded_labels(rng, x, 4, 0.5)
    xt = grid(rng, 20, 2, -6, 6)
    case("06-one-round-four-classes", x, y, 4, 1, xt,
         "Fit+Predict rounds=1, K=4: one stump, alpha = ln((1-err)/err) + ln 3; prediction is that stump's class",
         mistakes=(SIGN, NOLOGK))

    # 07: tie between features (a copy of feature 0, rescaled)
    base = distinct_grid(rng, 30, 1, -5, 5)
    x = np.hstack([rng.permutation(base), base, base * 2 + 1])
    y = banded_labels(rng, x[:, 1:2], 3, 0.8)
    xt = np.hstack([grid(rng, 15, 1, -5, 5), grid(rng, 15, 1, -5, 5), grid(rng, 15, 1, -5, 5)])
    case("07-tie-between-features", x, y, 3, 6, xt,
         "Fit+Predict tie: features 1 and 2 order the samples identically (f2 = 2*f1 + 1) so they tie every time one "
         "of them is best; the lowest feature (1) wins", expect_tie=True, mistakes=(NOLOGK, DECR))

    # 08: numerically hard: large offsets and many rounds with skewed weights
    x = np.hstack([1e5 + distinct_grid(rng, 50, 1, 0, 12), -3e4 + distinct_grid(rng, 50, 1, 0, 12)])
    y = banded_labels(rng, x - x.mean(axis=0), 3, 2.0)
    xt = np.hstack([1e5 + grid(rng, 30, 1, 0, 12), -3e4 + grid(rng, 30, 1, 0, 12)])
    model, info = case("08-large-values-many-rounds", x, y, 3, 60, xt,
                       "Fit+Predict hard: values near 1e5 and -3e4 in steps of 1/8 (thresholds like 100003.0625), K=3, "
                       "60 rounds: weighted errors up to 0.56 (> 1/2 but < 1 - 1/K, so boosting goes on)",
                       mistakes=(NORENORM, NOLOGK, DECR, BYERR))
    print(f"  08: weighted errors from {min(info['errors']):.3g} to {max(info['errors']):.3g}")

    # 09: some rounds' best stump by error differs from by Gini; test points on the thresholds
    x = distinct_grid(rng, 25, 2, 0, 6)
    y = banded_labels(rng, x, 2, 1.0)
    fitted, _ = fit(x, y, 2, 8)
    xt = np.vstack([np.column_stack([fitted["threshold"], np.full(len(fitted["threshold"]), 3.0)]),
                    np.column_stack([np.full(len(fitted["threshold"]), 3.0), fitted["threshold"]]),
                    grid(rng, 6, 2, 0, 6)])
    case("09-test-points-on-thresholds", x, y, 2, 8, xt,
         "Fit+Predict K=2, 8 rounds: test points exactly on the stumps' thresholds (x <= t goes left)",
         mistakes=(SIGN, DECR))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"smallest non-tied gain gap {STATS['min_gain_gap']:.2e}, smallest vote margin {STATS['min_vote_gap']:.2e}, "
          f"max |alpha - scikit-learn| {STATS['max_alpha_dev']:.2e}")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
