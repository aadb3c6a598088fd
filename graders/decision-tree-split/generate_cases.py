#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the decision-tree-split kata.

Run with Debian's python3 (python3-numpy, python3-sklearn):
    /usr/bin/python3 graders/decision-tree-split/generate_cases.py

Expected values come from an own numpy brute force of the statement's rules:
  * candidates: for every feature j, the midpoints (a + b) / 2 of consecutive distinct sorted values a < b of x[:, j];
    left = x[:, j] <= t, right = x[:, j] > t;
  * impurity of class counts c (n = sum c, p = c / n): gini = 1 - sum p^2, entropy = -sum_{p>0} p log2 p;
  * gain = I(parent) - n_L/n I(L) - n_R/n I(R), each candidate's counts taken with boolean masks (no sorting,
    no cumulative sums: independent of the vectorised reference);
  * best: the largest gain; gains within 1e-12 of it tie, and ties go to the lowest feature, then the lowest threshold;
    no candidate at all (every feature constant, or n < 2): feature -1, threshold 0, gain 0;
  * tree: pre-order (node, left subtree, right subtree), root depth 0; a node is split when depth < maxDepth,
    n_node >= minSamplesSplit, its impurity > 0 and a candidate exists (even with gain 0); every node predicts its
    majority class, ties to the lowest class index; leaves have feature -1, threshold 0, left = right = -1;
  * predict: from the root, go left when x[f] <= threshold, until a leaf.
Cross-checks, all asserted:
  * no near-ties: every candidate's gain is either within 1e-13 of the best (an exact tie, computed from the same or
    mirrored counts) or at least 1e-9 below it, so the answer does not depend on rounding;
  * the mistakes the mutants make change the answer of at least one case (threshold at a data value, unweighted
    child impurity, entropy in nats, majority ties to the highest class, strict "<" for minSamplesSplit);
  * scikit-learn 1.2 DecisionTreeClassifier(criterion, max_depth, min_samples_split, random_state=0) builds the same
    tree (feature, threshold, children, argmax of value) and predicts the same labels on every Fit case whose every
    split is unique (scikit-learn draws the feature order at random, so it breaks ties between features randomly;
    cases with designed ties are compared to the brute force only). The data are multiples of 1/8 below 2^20, exact
    in scikit-learn's float32 and more than its 1e-7 FEATURE_THRESHOLD apart, so the thresholds agree exactly;
  * BestSplit cases are cross-checked against a depth-1 scikit-learn tree where the best split is unique
    (feature, threshold, and gain = impurity[0] - weighted children impurities).
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeClassifier

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "decision-tree-split"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TIE = 1e-12


def impurity(counts, criterion, log=math.log2):
    n = counts.sum()
    if n == 0:
        return 0.0
    p = counts / n
    if criterion == "gini":
        return 1.0 - float((p * p).sum())
    return -sum(float(q) * log(float(q)) for q in p if q > 0)


class Opts:
    def __init__(self, at_value=False, unweighted=False, nats=False, tie_high=False, strict_min=False):
        self.at_value, self.unweighted, self.nats, self.tie_high, self.strict_min = at_value, unweighted, nats, tie_high, strict_min


OK = Opts()


def candidates(x, y, C, criterion, o=OK):
    n, d = x.shape
    log = math.log if o.nats else math.log2
    parent = impurity(np.bincount(y, minlength=C).astype(float), criterion, log)
    out = []
    for j in range(d):
        vals = np.unique(x[:, j])
        for a, b in zip(vals[:-1], vals[1:]):
            t = a if o.at_value else (a + b) / 2
            assert a < (a + b) / 2 < b, "midpoint rounds onto a data value"
            left = x[:, j] <= (a + b) / 2
            cl = np.bincount(y[left], minlength=C).astype(float)
            cr = np.bincount(y[~left], minlength=C).astype(float)
            nl, nr = cl.sum(), cr.sum()
            if o.unweighted:
                g = parent - 0.5 * impurity(cl, criterion, log) - 0.5 * impurity(cr, criterion, log)
            else:
                g = parent - nl / n * impurity(cl, criterion, log) - nr / n * impurity(cr, criterion, log)
            out.append((j, float(t), g))
    return out


STATS = {"min_gap": np.inf}


def best_split(x, y, C, criterion, o=OK, check=True):
    cands = candidates(x, y, C, criterion, o)
    if len(x) < 2 or not cands:
        return -1, 0.0, 0.0, 0
    gmax = max(g for _, _, g in cands)
    tied = [c for c in cands if c[2] >= gmax - TIE]
    if check:
        for _, _, g in cands:
            gap = gmax - g
            assert gap <= 1e-13 or gap >= 1e-9, ("near-tie", gap)
            if gap > 1e-13:
                STATS["min_gap"] = min(STATS["min_gap"], gap)
    j, t, g = min(tied, key=lambda c: (c[0], c[1]))
    return j, t, g, len(tied)


def majority(y, C, o=OK):
    c = np.bincount(y, minlength=C)
    if o.tie_high:
        return int(C - 1 - np.argmax(c[::-1]))
    return int(np.argmax(c))


def fit(x, y, C, criterion, max_depth, min_split, o=OK, check=True):
    nodes = []  # [feature, threshold, left, right, prediction]
    info = {"max_tied": 1, "tied_leaf": False}

    def build(idx, depth):
        me = len(nodes)
        yy = y[idx]
        nodes.append([-1, 0.0, -1, -1, majority(yy, C, o)])
        c = np.bincount(yy, minlength=C)
        if np.sum(c == c.max()) > 1:
            info["tied_leaf"] = True
        too_small = len(idx) <= min_split if o.strict_min else len(idx) < min_split
        if depth >= max_depth or too_small or impurity(c.astype(float), criterion) <= 0:
            return me
        j, t, g, ntied = best_split(x[idx], yy, C, criterion, o, check)
        if j < 0:
            return me
        info["max_tied"] = max(info["max_tied"], ntied)
        go_left = x[idx, j] <= (t if not o.at_value else t)  # at_value: x <= a is the same partition as x <= midpoint
        nodes[me][0], nodes[me][1] = j, t
        nodes[me][2] = build(idx[go_left], depth + 1)
        nodes[me][3] = build(idx[~go_left], depth + 1)
        return me

    build(np.arange(len(y)), 0)
    arr = np.array(nodes, dtype=object)
    tree = {
        "feature": np.array([r[0] for r in nodes], dtype=np.int64),
        "threshold": np.array([r[1] for r in nodes], dtype=np.float64),
        "left": np.array([r[2] for r in nodes], dtype=np.int64),
        "right": np.array([r[3] for r in nodes], dtype=np.int64),
        "prediction": np.array([r[4] for r in nodes], dtype=np.int64),
    }
    del arr
    return tree, info


def predict(tree, x):
    out = []
    for row in x:
        k = 0
        while tree["left"][k] >= 0:
            k = tree["left"][k] if row[tree["feature"][k]] <= tree["threshold"][k] else tree["right"][k]
        out.append(tree["prediction"][k])
    return np.array(out, dtype=np.int64)


def sk_tree(x, y, C, criterion, max_depth, min_split):
    clf = DecisionTreeClassifier(criterion=criterion, max_depth=max_depth, min_samples_split=min_split, random_state=0)
    clf.fit(x, y)
    t = clf.tree_
    leaf = t.children_left < 0
    classes = clf.classes_
    return clf, {
        "feature": np.where(leaf, -1, t.feature).astype(np.int64),
        "threshold": np.where(leaf, 0.0, t.threshold),
        "left": t.children_left.astype(np.int64),
        "right": t.children_right.astype(np.int64),
        "prediction": classes[np.argmax(t.value[:, 0, :], axis=1)].astype(np.int64),
    }


def depth_of(tree, k=0):
    if tree["left"][k] < 0:
        return 0
    return 1 + max(depth_of(tree, tree["left"][k]), depth_of(tree, tree["right"][k]))


def dyadic_ok(x):
    assert np.all(x * 8 == np.round(x * 8)) and np.all(np.abs(x) < 2 ** 20), "data must be multiples of 1/8 below 2^20"


WRITTEN = []
TREE_KEYS = ["feature", "threshold", "left", "right", "prediction"]


def write(name, tensors, args, entry, note):
    meta = {"kata": SLUG, "args": json.dumps(args), "entry": entry, "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def split_case(name, x, y, C, criterion, note, expect_tie=False, mistakes=()):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.int64)
    j, t, g, ntied = best_split(x, y, C, criterion)
    assert (ntied > 1) == expect_tie, (name, ntied)
    for m in mistakes:
        jm, tm, gm, _ = best_split(x, y, C, criterion, m, check=False)
        assert (jm, tm) != (j, t) or abs(gm - g) > 1e-6, (name, "mistake does not matter", vars(m))
    sk = "scikit-learn skipped (" + ("tie" if ntied > 1 else "no split") + ")"
    if ntied == 1 and j >= 0:
        dyadic_ok(x)
        clf, tr = sk_tree(x, y, C, criterion, 1, 2)
        tt = clf.tree_
        skg = tt.impurity[0] - sum(tt.n_node_samples[k] / tt.n_node_samples[0] * tt.impurity[k] for k in (1, 2))
        assert tr["feature"][0] == j and tr["threshold"][0] == t and abs(skg - g) < 1e-12, (name, tr, j, t, skg, g)
        sk = f"scikit-learn {sklearn.__version__} agrees: |gain diff| = {abs(skg - g):.1e}"
    print(f"{name}: BestSplit n={len(y)} d={x.shape[1]} C={C} {criterion} -> feature={j} threshold={t} gain={g:.6g} "
          f"tied={ntied}; {sk}")
    write(name, {"in.x": x, "in.y": y, "out.feature": np.array(j, dtype=np.int64),
                 "out.threshold": np.array(t, dtype=np.float64), "out.gain": np.array(g, dtype=np.float64)},
          {"numClasses": C, "criterion": criterion}, "BestSplit", note)


def tree_case(name, x, y, C, criterion, max_depth, min_split, note, x_test=None, expect_ties=False,
              expect_tied_leaf=False, mistakes=()):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.int64)
    dyadic_ok(x)
    tree, info = fit(x, y, C, criterion, max_depth, min_split)
    if expect_ties:
        assert info["max_tied"] > 1, (name, info)
    if expect_tied_leaf:
        assert info["tied_leaf"], (name, info)
    for m in mistakes:
        tm, _ = fit(x, y, C, criterion, max_depth, min_split, m, check=False)
        same = all(np.array_equal(tm[k], tree[k]) for k in TREE_KEYS)
        if x_test is not None and same:
            same = np.array_equal(predict(tm, x_test), predict(tree, x_test))
        assert not same, (name, "mistake does not matter", vars(m))
    sk = "scikit-learn skipped (ties between candidates)" if info["max_tied"] > 1 else \
        "scikit-learn skipped (maxDepth = 0)" if max_depth == 0 else ""
    if not sk:
        clf, tr = sk_tree(x, y, C, criterion, max_depth, min_split)
        assert len(np.unique(y)) == C, name
        for k in TREE_KEYS:
            assert np.array_equal(tr[k], tree[k]), (name, k, tr[k], tree[k])
        if x_test is not None:
            assert np.array_equal(clf.predict(x_test).astype(np.int64), predict(tree, x_test)), name
        sk = f"scikit-learn {sklearn.__version__} builds the same tree" + (" and predictions" if x_test is not None else "")
    print(f"{name}: Fit n={len(y)} d={x.shape[1]} C={C} {criterion} maxDepth={max_depth} minSamplesSplit={min_split} "
          f"-> {len(tree['feature'])} nodes, depth {depth_of(tree)}, max tied={info['max_tied']}, tied leaf={info['tied_leaf']}; {sk}")
    tensors = {"in.x": x, "in.y": y}
    args = {"numClasses": C, "criterion": criterion, "maxDepth": max_depth, "minSamplesSplit": min_split}
    if x_test is None:
        tensors.update({"out." + k: v for k, v in tree.items()})
        write(name, tensors, args, "Fit", note)
    else:
        x_test = np.ascontiguousarray(x_test, dtype=np.float64)
        tensors["in.xTest"] = x_test
        tensors.update({"out." + k: v for k, v in tree.items()})
        tensors["out.predictions"] = predict(tree, x_test)
        write(name, tensors, args, "Fit+Predict", note)


def grid(rng, n, d, lo, hi):
    """Multiples of 1/8 in [lo, hi)."""
    return rng.integers(lo * 8, hi * 8, size=(n, d)) / 8.0


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(9124)
    AT, UNW, NATS, HIGH, STRICT = Opts(at_value=True), Opts(unweighted=True), Opts(nats=True), Opts(tie_high=True), Opts(strict_min=True)

    # --- BestSplit -------------------------------------------------------------------------------------------
    x = np.array([[1.0, 7.0], [2.0, 6.0], [3.0, 5.0], [4.0, 5.0], [5.0, 3.0], [6.0, 1.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    split_case("01-split-worked-example", x, y, 2, "gini",
               "BestSplit, the statement's worked example: feature 0 at 3.5 separates the classes (gain 0.5)",
               mistakes=(AT,))

    # gini and entropy disagree on the best split: search a few random draws for one
    for _ in range(2000):
        x = grid(rng, 40, 3, 0, 8)
        y = rng.integers(0, 3, size=40)
        try:
            jg, tg, _, ng = best_split(x, y, 3, "gini")
            je, te, _, ne = best_split(x, y, 3, "entropy")
        except AssertionError:
            continue
        if ng == 1 and ne == 1 and (jg, tg) != (je, te):
            break
    else:
        raise AssertionError("no gini/entropy disagreement found")
    split_case("02-split-gini", x, y, 3, "gini",
               "BestSplit gini, 3 classes, 40 samples with repeated values; entropy picks a different split here",
               mistakes=(AT, UNW))
    split_case("03-split-entropy", x, y, 3, "entropy",
               "BestSplit entropy (log2), same data as 02-split-gini; gini picks a different split here",
               mistakes=(AT, UNW, NATS))

    base = grid(rng, 30, 1, -4, 4)
    yb = (base[:, 0] > 0.5).astype(np.int64)
    yb[[0, 1]] = 1 - yb[[0, 1]]
    x = np.hstack([rng.permutation(base), base, base * 2 + 1])
    split_case("04-split-tie-features", x, yb, 2, "gini",
               "BestSplit tie: features 1 and 2 are the same ordering (2 = 2*f1 + 1) and give the same best gain; "
               "the lowest feature (1) wins", expect_tie=True, mistakes=(AT,))

    x = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    y = np.array([0, 1, 1, 0, 0, 1])
    split_case("05-split-tie-thresholds", x, y, 2, "entropy",
               "BestSplit tie: thresholds 0.5 and 4.5 give the same gain (mirror images); the lowest threshold wins",
               expect_tie=True)

    x = np.full((7, 3), 2.5)
    y = np.array([0, 1, 0, 1, 1, 0, 2])
    split_case("06-split-all-constant", x, y, 3, "gini",
               "BestSplit edge: every feature is constant, no candidate: feature -1, threshold 0, gain 0")

    x = np.hstack([np.full((12, 1), 3.0), grid(rng, 12, 1, 0, 3), np.full((12, 1), -1.0)])
    y = rng.integers(0, 2, size=12)
    y[0], y[1] = 0, 1
    split_case("07-split-constant-features", x, y, 2, "entropy",
               "BestSplit edge: features 0 and 2 are constant (no candidate there), only feature 1 can split")

    x = np.hstack([1e5 + grid(rng, 50, 1, 0, 2), -3e4 + grid(rng, 50, 1, 0, 2)])
    y = ((x[:, 0] - 1e5) + 0.3 * (x[:, 1] + 3e4) > 1.2).astype(np.int64)
    y[rng.choice(50, 6, replace=False)] ^= 1
    split_case("08-split-large-values", x, y, 2, "gini",
               "BestSplit hard: values near 1e5 and -3e4 in steps of 1/8 (a midpoint 1e5 + k/16 is exact in float64; "
               "computing it as a + (b - a) / 2 or in float32 is not needed but harmless)", mistakes=(AT,))

    x = np.array([[0.0, 1.0], [1.0, 1.0]])
    y = np.array([1, 0])
    split_case("09-split-two-samples", x, y, 2, "entropy",
               "BestSplit edge: two samples, one candidate (feature 0 at 0.5), gain 1 bit with entropy")

    # --- Fit / Predict ---------------------------------------------------------------------------------------
    x = grid(rng, 120, 4, -5, 5)
    y = np.where(x[:, 0] + 0.5 * x[:, 1] > 0.5, 1, 0) + np.where(x[:, 2] > 1.5, 1, 0)
    noise = rng.choice(120, 10, replace=False)
    y[noise] = rng.integers(0, 3, size=10)
    x_test = grid(rng, 60, 4, -6, 6)
    tree_case("10-fit-gini-depth-4", x, y, 3, "gini", 4, 2,
              "Fit+Predict gini, maxDepth=4, 3 classes in 4-d; predictions on 60 new points", x_test=x_test,
              mistakes=(UNW, AT))
    tree_case("11-fit-entropy-depth-3", x, y, 3, "entropy", 3, 10,
              "Fit entropy (log2), maxDepth=3, minSamplesSplit=10: small nodes become leaves",
              mistakes=(UNW,))

    tree_case("12-fit-max-depth-0", x[:20], y[:20], 3, "gini", 0, 2,
              "Fit edge: maxDepth=0, the tree is one leaf predicting the majority class")

    xs = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]])
    ys = np.array([2, 0, 2, 0, 1, 1, 1, 1])
    tree_case("13-fit-majority-tie", xs, ys, 3, "gini", 1, 2,
              "Fit edge: maxDepth=1; the left leaf holds classes {2, 0, 2, 0}: a tie, the lowest class (0) wins",
              expect_tied_leaf=True, mistakes=(HIGH,))

    xm = grid(rng, 40, 2, 0, 4)
    ym = (xm[:, 0] > 2).astype(np.int64) ^ (xm[:, 1] > 1.5).astype(np.int64)
    tree_case("14-fit-min-samples-split", xm, ym, 2, "entropy", 6, 12,
              "Fit edge: minSamplesSplit=12 — a node of exactly 12 samples is still split (n >= minSamplesSplit)", mistakes=(STRICT,))

    xt = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0], [10.0, 0.0], [11.0, 0.0]])
    yt = np.array([0, 0, 0, 1, 1, 1, 0, 0])
    x_test = np.array([[2.0, 5.0], [2.5, 5.0], [2.25, 0.0], [2.75, 1.0], [7.5, 0.0], [7.25, 0.0], [7.75, 0.0],
                       [-9.0, 0.0], [100.0, 0.0], [5.0, 0.0]])
    tree_case("15-fit-predict-at-thresholds", xt, yt, 2, "gini", 3, 2,
              "Fit+Predict: test points exactly at a threshold (go left), and between a data value and the midpoint; "
              "feature 1 is constant", x_test=x_test, mistakes=(AT,))

    xx = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 3)
    yx = np.array([0, 1, 1, 0] * 3)
    tree_case("16-fit-xor-zero-gain", xx, yx, 2, "gini", 2, 2,
              "Fit edge: XOR, every root split has gain 0 (ties: feature 0 at 0.5 wins) and is still made; depth 2 "
              "separates the classes", expect_ties=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"smallest non-tied gain gap {STATS['min_gap']:.2e}")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
