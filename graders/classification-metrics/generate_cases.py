#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the classification-metrics kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/classification-metrics/generate_cases.py

Entry points and where their expected values come from:
  * ConfusionMatrix(yTrue, yPred, numClasses) -> int64 [K, K], rows = true class, columns = predicted class:
    sklearn.metrics.confusion_matrix(yTrue, yPred, labels=range(K)).
  * PrecisionRecallF1(yTrue, yPred, numClasses, average) -> (precision, recall, f1) for average in macro / micro /
    weighted: sklearn.metrics.precision_recall_fscore_support(yTrue, yPred, labels=range(K), average=average,
    zero_division=0) — every one of the K classes takes part, a 0/0 is 0.
  * NdcgAtK(relevance, scores, k) -> float64 [Q], one NDCG@k per query (row), linear gain, discount 1/log2(rank + 1),
    ranks by score descending with ties broken by the LOWER item index first (a stable descending sort), and 0 for
    a query whose relevance is all 0. scikit-learn's ndcg_score averages over tied scores instead, so the expected
    values come from an own implementation of the kata's rule (a Python loop over items sorted by (-score, index)).
Cross-checks, all asserted:
  * confusion matrix = an explicit count loop; precision/recall/F1 = an own per-class loop with the zero-division
    rule, to 1e-15;
  * NDCG: for every query without tied scores, sklearn's ndcg_score(k=k) on that row agrees to 1e-14 (ties cannot
    matter there); in the tie case, the kata's rule differs from sklearn's tie averaging and from "higher index first"
    on some query, so the rule decides the answer;
  * the mutants' mistakes move the answer on the cases meant to catch them (printed per case): macro vs weighted,
    zero division as NaN or 1, averaging only the classes that occur, the F1 of the averaged P and R, log2(rank) as
    the discount, the ideal DCG from the predicted top k.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import confusion_matrix, ndcg_score, precision_recall_fscore_support

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "classification-metrics"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []


def write(name, entry, tensors, args, note):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args), "note": note}
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))


# ------------------------------------------------------------------------------------------ classification
def own_counts(yt, yp, k):
    cm = [[0] * k for _ in range(k)]
    for t, p in zip(yt.tolist(), yp.tolist()):
        cm[t][p] += 1
    return cm


def div(a, b, zero=0.0):
    return a / b if b else zero


def own_prf(yt, yp, k, average, zero=0.0, present_only=False, f1_of_means=False):
    cm = own_counts(yt, yp, k)
    tp = [cm[c][c] for c in range(k)]
    pred = [sum(cm[r][c] for r in range(k)) for c in range(k)]
    true = [sum(cm[c]) for c in range(k)]
    if average == "micro":
        p = div(sum(tp), sum(pred), zero); r = div(sum(tp), sum(true), zero)
        return p, r, div(2 * p * r, p + r, zero)
    prec = [div(tp[c], pred[c], zero) for c in range(k)]
    rec = [div(tp[c], true[c], zero) for c in range(k)]
    f1 = [div(2 * prec[c] * rec[c], prec[c] + rec[c], zero) for c in range(k)]
    classes = [c for c in range(k) if true[c] or pred[c]] if present_only else list(range(k))
    if average == "macro":
        w = [1.0 if c in classes else 0.0 for c in range(k)]
    else:
        w = [float(true[c]) for c in range(k)]
    tot = sum(w)
    mp = sum(wi * v for wi, v in zip(w, prec)) / tot
    mr = sum(wi * v for wi, v in zip(w, rec)) / tot
    mf = sum(wi * v for wi, v in zip(w, f1)) / tot
    if f1_of_means:
        mf = div(2 * mp * mr, mp + mr, zero)
    return mp, mr, mf


def confusion_case(name, yt, yp, k, note):
    yt = np.ascontiguousarray(yt, dtype=np.int64); yp = np.ascontiguousarray(yp, dtype=np.int64)
    assert yt.shape == yp.shape and yt.ndim == 1 and yt.min() >= 0 and yp.min() >= 0 and max(yt.max(), yp.max()) < k
    cm = confusion_matrix(yt, yp, labels=list(range(k))).astype(np.int64)
    assert cm.tolist() == own_counts(yt, yp, k), name
    facts = []
    if not np.array_equal(cm, cm.T):
        facts.append("asymmetric (a transpose is caught)")
    if max(yt.max(), yp.max()) + 1 < k:
        facts.append(f"labels reach only {max(yt.max(), yp.max())} < K-1 (sizing by the max label is caught)")
    print(f"{name}: n={len(yt)} K={k} {'; '.join(facts)}")
    write(name, "ConfusionMatrix", {"in.yTrue": yt, "in.yPred": yp, "out.confusion": cm}, {"numClasses": k}, f"ConfusionMatrix: {note}")


def prf_case(name, yt, yp, k, average, note, expect=()):
    yt = np.ascontiguousarray(yt, dtype=np.int64); yp = np.ascontiguousarray(yp, dtype=np.int64)
    assert max(yt.max(), yp.max()) < k
    p, r, f, _ = precision_recall_fscore_support(yt, yp, labels=list(range(k)), average=average, zero_division=0)
    want = (float(p), float(r), float(f))
    own = own_prf(yt, yp, k, average)
    assert max(abs(a - b) for a, b in zip(want, own)) <= 1e-15, (name, want, own)
    assert all(math.isfinite(v) for v in want)

    def moved(other):
        return max(abs(a - b) if math.isfinite(b) else math.inf for a, b in zip(want, other)) > 1e-6
    checks = {
        "macro<->weighted": own_prf(yt, yp, k, {"macro": "weighted", "weighted": "macro", "micro": "micro"}[average]),
        "0/0 as 1": own_prf(yt, yp, k, average, zero=1.0),
        "0/0 as NaN": own_prf(yt, yp, k, average, zero=math.nan),
        "present classes only": own_prf(yt, yp, k, average, present_only=True),
        "F1 of averaged P, R": own_prf(yt, yp, k, average, f1_of_means=True),
    }
    caught = [m for m, v in checks.items() if moved(v)]
    for m in expect:
        assert m in caught, (name, m, "is not caught by this case")
    print(f"{name}: n={len(yt)} K={k} {average}: P={want[0]:.6f} R={want[1]:.6f} F1={want[2]:.6f}; catches {caught}")
    write(name, "PrecisionRecallF1",
          {"in.yTrue": yt, "in.yPred": yp, "out.precision": np.array(want[0]), "out.recall": np.array(want[1]),
           "out.f1": np.array(want[2])},
          {"numClasses": k, "average": average}, f"PrecisionRecallF1 ({average}): {note}")


# ------------------------------------------------------------------------------------------ NDCG
def own_ndcg_row(rel, score, k, order="lower-first", discount=lambda r: 1 / math.log2(r + 1), ideal="all"):
    idx = list(range(len(rel)))
    if order == "lower-first":
        ranked = sorted(idx, key=lambda i: (-score[i], i))
    else:
        ranked = sorted(idx, key=lambda i: (-score[i], -i))
    top = ranked[:k]
    dcg = sum(rel[i] * discount(r + 1) for r, i in enumerate(top))
    pool = [rel[i] for i in top] if ideal == "top-k" else rel
    idcg = sum(v * discount(r + 1) for r, v in enumerate(sorted(pool, reverse=True)[:k]))
    return dcg / idcg if idcg > 0 else 0.0


def ndcg_case(name, rel, score, k, note, ties=False, expect=()):
    rel = np.ascontiguousarray(rel, dtype=np.float64); score = np.ascontiguousarray(score, dtype=np.float64)
    q, l = rel.shape
    assert score.shape == rel.shape and l >= 2 and k >= 1 and np.all(rel >= 0)
    want = np.array([own_ndcg_row(rel[i].tolist(), score[i].tolist(), k) for i in range(q)])
    tie_rows = [i for i in range(q) if len(np.unique(score[i])) < l]
    for i in range(q):
        if i in tie_rows:
            continue
        sk = ndcg_score(rel[i:i + 1], score[i:i + 1], k=k)
        assert abs(sk - want[i]) <= 1e-14, (name, i, sk, want[i])
    assert bool(tie_rows) == ties, (name, tie_rows)
    facts = [f"sklearn agrees on {q - len(tie_rows)} tie-free rows"]
    if ties:
        sk_avg = np.array([ndcg_score(rel[i:i + 1], score[i:i + 1], k=k) for i in range(q)])
        hi = np.array([own_ndcg_row(rel[i].tolist(), score[i].tolist(), k, order="higher-first") for i in range(q)])
        assert np.max(np.abs(sk_avg - want)) > 1e-6 and np.max(np.abs(hi - want)) > 1e-6, name
        facts.append(f"ties: sklearn's tie averaging off by {np.max(np.abs(sk_avg - want)):.3g}, "
                     f"higher-index-first off by {np.max(np.abs(hi - want)):.3g}")
    mutants = {
        "log2(rank)": [own_ndcg_row(rel[i].tolist(), score[i].tolist(), k,
                                    discount=lambda r: 1 / math.log2(r) if r > 1 else math.inf) for i in range(q)],
        "ideal from top k": [own_ndcg_row(rel[i].tolist(), score[i].tolist(), k, ideal="top-k") for i in range(q)],
    }
    for m in expect:
        got = np.array(mutants[m], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            assert not np.allclose(got, want, rtol=1e-9, atol=1e-9, equal_nan=False), (name, m)
    print(f"{name}: Q={q} L={l} k={k}: ndcg={np.array2string(want[:4], precision=6)}...; {'; '.join(facts)}")
    write(name, "NdcgAtK", {"in.relevance": rel, "in.scores": score, "out.ndcg": want}, {"k": k}, f"NdcgAtK: {note}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(552)

    # ---- the statement's worked example
    yt = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2]
    yp = [0, 0, 1, 2, 1, 1, 2, 2, 0, 0]
    confusion_case("01-confusion-worked-example", yt, yp, 3, "the statement's worked example (K=3, n=10)")
    for avg in ("macro", "micro", "weighted"):
        prf_case(f"02-prf-worked-example-{avg}", yt, yp, 3, avg, "the statement's worked example (K=3, n=10)",
                 expect={"macro": ("macro<->weighted", "F1 of averaged P, R"), "micro": (),
                         "weighted": ("macro<->weighted",)}[avg])

    # ---- absent classes and zero division
    yt = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2]
    yp = [0, 3, 1, 1, 0, 0, 0, 0, 1, 3]   # class 2 never predicted (precision 0/0); class 3 never true (recall 0/0)
    confusion_case("03-confusion-absent-classes", yt, yp, 5,
                   "K=5: class 3 is predicted but never true, class 4 never appears: the matrix is still 5x5")
    for avg in ("macro", "weighted", "micro"):
        prf_case(f"04-prf-zero-division-{avg}", yt, yp, 5, avg,
                 "K=5: class 2 never predicted (precision 0/0 = 0), class 3 never true (recall 0/0 = 0), "
                 "class 4 absent (all three 0/0 = 0, still one of the K classes)",
                 expect={"macro": ("0/0 as 1", "0/0 as NaN", "present classes only", "macro<->weighted"),
                         "weighted": ("0/0 as 1", "0/0 as NaN", "macro<->weighted"), "micro": ()}[avg])

    # ---- perfect predictions with an absent class: macro is not 1
    yt = [0, 1, 2, 2, 1, 0, 2]
    for avg in ("macro", "weighted"):
        prf_case(f"05-prf-perfect-with-absent-class-{avg}", yt, yt, 4, avg,
                 "every prediction right, but class 3 never occurs: macro averages it in as 0 (0.75), weighted gives 1",
                 expect={"macro": ("0/0 as 1", "present classes only", "macro<->weighted"), "weighted": ()}[avg])

    # ---- random, imbalanced
    k = 7
    probs = np.array([0.4, 0.25, 0.15, 0.1, 0.06, 0.04, 0.0])
    yt = rng.choice(k, size=400, p=probs)
    yp = np.where(rng.random(400) < 0.6, yt, rng.integers(0, k, size=400))
    confusion_case("06-confusion-random", yt, yp, k, "random n=400, K=7, imbalanced, class 6 only ever predicted")
    for avg in ("macro", "micro", "weighted"):
        prf_case(f"07-prf-random-{avg}", yt, yp, k, avg, "random n=400, K=7, imbalanced, 60% right",
                 expect={"macro": ("macro<->weighted", "F1 of averaged P, R"), "micro": (),
                         "weighted": ("macro<->weighted",)}[avg])

    # ---- binary, all predicted one class
    yt = [1, 0, 1, 1, 0, 1, 0, 1]
    yp = [1] * 8
    confusion_case("08-confusion-binary-one-column", yt, yp, 2, "K=2, every prediction is class 1: column 0 is all 0")
    prf_case("09-prf-binary-one-class-predicted-macro", yt, yp, 2, "macro",
             "K=2, every prediction is class 1: class 0's precision is 0/0 = 0",
             expect=("0/0 as 1", "0/0 as NaN", "macro<->weighted"))

    # ---- n = 1
    confusion_case("10-confusion-single-sample", [2], [0], 3, "edge: n=1, K=3")
    prf_case("11-prf-single-sample-weighted", [2], [0], 3, "weighted",
             "edge: n=1 wrong prediction: every per-class value is 0 or 0/0", expect=("0/0 as 1", "0/0 as NaN"))

    # ---- NDCG
    rel = [[3, 2, 3, 0, 1], [0, 0, 1, 0, 2]]
    sc = [[0.9, 0.8, 0.1, 0.5, 0.7], [0.2, 0.9, 0.4, 0.3, 0.1]]
    ndcg_case("12-ndcg-worked-example", rel, sc, 3, "the statement's worked example (Q=2, L=5, k=3)",
              expect=("log2(rank)", "ideal from top k"))

    q, l = 12, 8
    rel = rng.integers(0, 4, size=(q, l)).astype(np.float64)
    sc = np.round(rng.random((q, l)) * 3) / 3   # four score levels: many ties
    rel[0] = [0, 3, 0, 1, 0, 2, 0, 0]; sc[0] = [0.5, 0.5, 0.5, 0.9, 0.1, 0.5, 0.0, 0.5]
    ndcg_case("13-ndcg-tied-scores", rel, sc, 4,
              "tied scores: ranked by score descending, ties broken by the LOWER item index first (stable sort)",
              ties=True, expect=("log2(rank)",))

    rel = rng.integers(0, 5, size=(6, 5)).astype(np.float64)
    rel[2] = 0
    sc = rng.normal(size=(6, 5))
    ndcg_case("14-ndcg-k-larger-than-l", rel, sc, 9,
              "k=9 > L=5: all items count; row 2 has relevance all 0, so its NDCG is 0",
              expect=("log2(rank)",))

    rel = rng.integers(0, 3, size=(10, 6)).astype(np.float64)
    rel[:, 0] = 1.0
    sc = rng.normal(size=(10, 6))
    ndcg_case("15-ndcg-k-1", rel, sc, 1, "k=1: only the top-scored item counts, discount 1/log2(2) = 1",
              expect=("log2(rank)",))

    rel = rng.random((40, 30)) * (rng.random((40, 30)) < 0.3)
    sc = rng.normal(size=(40, 30))
    ndcg_case("16-ndcg-random", rel, sc, 10, "random Q=40, L=30, k=10, sparse real-valued relevance",
              expect=("log2(rank)", "ideal from top k"))

    # hard: huge relevance values and scores that differ in the last bit (distinct, so NOT ties)
    base = 1.0e8
    rel = np.array([[1e12, 3e12, 0.0, 2e12, 5e11, 1e-3], [7.0, 1e-9, 0.0, 2.5e10, 4.0, 1e10]])
    steps = np.array([[5, 4, 3, 2, 1, 0], [0, 1, 2, 3, 4, 5]], dtype=np.float64)
    sc = base + steps * np.spacing(base)
    ndcg_case("17-ndcg-large-values-ulp-scores", rel, sc, 4,
              "hard: relevance up to 3e12 beside 1e-9, scores 1e8 + j·ulp (distinct, not ties; float32 merges them)",
              expect=("log2(rank)",))
    assert len(np.unique(sc[0].astype(np.float32))) < 6

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
