#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the roc-auc kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/roc-auc/generate_cases.py

Each scenario is written twice: once for the entry point Score (out = the AUC, a 0-d float64) and once for Curve
(out.fpr, out.tpr, out.thresholds, float64 [m+1] where m is the number of distinct scores).

Expected values come from scikit-learn 1.2 where it defines them:
  * Score: sklearn.metrics.roc_auc_score(y, s) (trapezoid area under the tie-collapsed curve);
  * Curve: sklearn.metrics.roc_curve(y, s, drop_intermediate=False): thresholds = [max(s) + 1, distinct scores
    descending], fpr/tpr = the rates of "score >= threshold" (sklearn 1.2 prepends max + 1; 1.3+ prepends inf).
Where y holds one class only, scikit-learn raises (AUC) or divides by zero (NaN rates); the kata defines AUC = 0.5 and a
rate with a zero denominator = 0, and those cases use that rule.
Cross-checks, all asserted:
  * an independent exact AUC: count every positive/negative pair in integers (wins + ties/2) / (P*N) as a Fraction,
    and the Mann-Whitney form with average ranks (scipy.stats.rankdata) — all three agree to 1e-15;
  * an independent curve: for every distinct threshold, count the scores >= it in a Python loop; equal to sklearn's;
  * on tie cases, counting a tie as a win or as a loss changes the AUC, and one point per sample (no dedup over tied
    scores) changes the curve's length, so the mutants are caught;
  * the near-tie case keeps every distinct float64 score distinct (and would collapse in float32).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings
from fractions import Fraction

import numpy as np
import scipy
import sklearn
from scipy.stats import rankdata
from sklearn.metrics import roc_auc_score, roc_curve

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "roc-auc"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []


def pair_counts(y, s):
    pos, neg = s[y == 1], s[y == 0]
    wins = int((pos[:, None] > neg[None, :]).sum())
    ties = int((pos[:, None] == neg[None, :]).sum())
    return wins, ties, len(pos), len(neg)


def exact_auc(y, s):
    wins, ties, p, n = pair_counts(y, s)
    if p == 0 or n == 0:
        return Fraction(1, 2)  # the kata's rule: no positive/negative pair to order
    return Fraction(2 * wins + ties, 2 * p * n)


def rank_auc(y, s):
    p = int(y.sum()); n = len(y) - p
    if p == 0 or n == 0:
        return 0.5
    r = rankdata(s)  # average ranks on ties
    return (r[y == 1].sum() - p * (p + 1) / 2) / (p * n)


def loop_curve(y, s):
    """One threshold per distinct score, descending, counted one by one; max + 1 first."""
    p = int(y.sum()); n = len(y) - p
    distinct = sorted(set(s.tolist()), reverse=True)
    thr = [distinct[0] + 1.0] + distinct
    fpr, tpr = [], []
    for t in thr:
        tp = sum(1 for yi, si in zip(y.tolist(), s.tolist()) if si >= t and yi == 1)
        fp = sum(1 for yi, si in zip(y.tolist(), s.tolist()) if si >= t and yi == 0)
        tpr.append(tp / p if p else 0.0)
        fpr.append(fp / n if n else 0.0)
    return np.array(fpr), np.array(tpr), np.array(thr)


def write(name, entry, tensors, note):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps({}), "note": note}
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))


def scenario(num, slug, y, s, note, ties=None, near_ties=False):
    y = np.ascontiguousarray(y, dtype=np.int64)
    s = np.ascontiguousarray(s, dtype=np.float64)
    assert y.shape == s.shape and y.ndim == 1 and len(y) >= 1
    assert set(np.unique(y).tolist()) <= {0, 1} and np.all(np.isfinite(s))
    p = int(y.sum()); n = len(y) - p
    two_classes = p > 0 and n > 0

    # ---- Score
    ex = exact_auc(y, s)
    rk = rank_auc(y, s)
    if two_classes:
        auc = float(roc_auc_score(y, s))
        src = "sklearn"
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                roc_auc_score(y, s)
                raise AssertionError("sklearn defined the one-class AUC")
            except ValueError:
                pass
        auc = 0.5
        src = "kata rule (one class)"
    assert abs(auc - float(ex)) <= 1e-15 and abs(rk - float(ex)) <= 1e-15, (slug, auc, float(ex), rk)

    # ---- Curve
    fl, tl, hl = loop_curve(y, s)
    if two_classes:
        fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
        # sklearn: NaN where the denominator is 0; the kata: 0
        assert np.all(np.isnan(fpr)) if n == 0 else np.all(np.isnan(tpr))
        fpr = np.nan_to_num(fpr, nan=0.0); tpr = np.nan_to_num(tpr, nan=0.0)
    fpr, tpr, thr = (np.ascontiguousarray(a, dtype=np.float64) for a in (fpr, tpr, thr))
    assert np.array_equal(thr, hl), (slug, thr, hl)
    assert np.max(np.abs(fpr - fl)) <= 1e-15 and np.max(np.abs(tpr - tl)) <= 1e-15, slug
    assert thr[0] == s.max() + 1 and np.all(np.diff(thr) < 0), slug
    assert len(thr) == len(np.unique(s)) + 1

    facts = []
    if ties is not None:
        wins, tcount, _, _ = pair_counts(y, s)
        assert (tcount > 0) == ties, (slug, tcount)
        if ties:
            as_wins, as_losses = (wins + tcount) / (p * n), wins / (p * n)
            assert abs(as_wins - auc) > 1e-3 and abs(as_losses - auc) > 1e-3, slug
            assert len(np.unique(s)) < len(s), slug  # per-sample points would be longer
            facts.append(f"tied pairs={tcount}, ties-as-wins {as_wins:.4f}, as-losses {as_losses:.4f}")
    if near_ties:
        assert len(np.unique(s.astype(np.float32))) < len(np.unique(s)), slug
        facts.append(f"float32 collapses {len(np.unique(s))} distinct scores to {len(np.unique(s.astype(np.float32)))}")
    print(f"{num:02d}-{slug}: n={len(y)} P={p} N={n} distinct={len(np.unique(s))} auc={auc:.12f} ({src}); "
          f"exact={ex}; curve points={len(thr)} {'; '.join(facts)}")

    write(f"{num:02d}-{slug}-score", "Score", {"in.yTrue": y, "in.scores": s, "out": np.array(auc, dtype=np.float64)},
          f"Score: {note}")
    write(f"{num:02d}-{slug}-curve", "Curve",
          {"in.yTrue": y, "in.scores": s, "out.fpr": fpr, "out.tpr": tpr, "out.thresholds": thr}, f"Curve: {note}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(5_2024)

    scenario(1, "worked-example", [0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4],
             "the statement's worked example: three scores tied at 0.4 (two negatives, one positive)", ties=True)

    y = (rng.random(200) < 0.3).astype(np.int64)
    s = rng.normal(size=200) + 0.8 * y
    scenario(2, "no-ties", y, s, "random continuous scores, n=200, 30% positives, no tied scores", ties=False)

    y = (rng.random(300) < 0.5).astype(np.int64)
    s = np.round(rng.normal(size=300) + 0.6 * y, 1)
    scenario(3, "heavy-ties", y, s, "scores rounded to 0.1, n=300: many tied groups that mix positives and negatives",
             ties=True)

    y = np.array([1, 0, 0, 1, 0, 1, 1, 0], dtype=np.int64)
    scenario(4, "all-scores-equal", y, np.full(8, 0.25),
             "edge: every score equal: AUC 0.5, the curve is (0,0) then (1,1), thresholds [1.25, 0.25]", ties=True)

    y = np.array([0, 1, 0, 1, 1, 0, 0], dtype=np.int64)
    s = np.where(y == 1, 2.0, -1.0) + np.arange(7) * 0.01
    scenario(5, "perfect", y, s, "edge: every positive above every negative: AUC 1", ties=False)
    scenario(6, "inverted", y, -s, "edge: every positive below every negative: AUC 0", ties=False)

    scenario(7, "only-positives", np.ones(5, dtype=np.int64), [0.3, 0.1, 0.3, 0.9, -2.0],
             "edge: y has no negative: the AUC is defined as 0.5, and fpr (denominator N = 0) as 0 everywhere")
    scenario(8, "only-negatives", np.zeros(4, dtype=np.int64), [1.5, -0.5, 0.0, 1.5],
             "edge: y has no positive: the AUC is defined as 0.5, and tpr (denominator P = 0) as 0 everywhere")
    scenario(9, "single-sample", [1], [3.0], "edge: n = 1 (one positive, no negative): AUC 0.5; thresholds [4, 3], tpr [0, 1], fpr [0, 0]")

    # near-ties at a large offset: distinct float64 scores one ulp apart, plus exact ties; float32 merges them
    base = 1.0e6
    ulp = np.spacing(base)
    k = rng.integers(0, 6, size=40)
    y = (rng.random(40) < 0.5).astype(np.int64)
    y[:2] = [0, 1]
    scenario(10, "near-ties-large-offset", y, base + k * ulp,
             "hard: scores 1e6 + k·ulp(1e6), k = 0..5: distinct one ulp apart, equal when k is equal (float32 merges all)",
             ties=True, near_ties=True)

    y = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], dtype=np.int64)
    s = np.array([-3.0, -1e-3, -7.5, 2.0, -1e-3, 0.0, -0.0, 5.0, -3.0, -20.0, 1e-3, 2.0])
    scenario(11, "negative-scores-zero-signs", y, s,
             "negative scores, 0.0 and -0.0 (equal, so tied), imbalanced 3 positives vs 9 negatives", ties=True)

    y = (rng.random(1000) < 0.05).astype(np.int64)
    s = rng.integers(0, 50, size=1000) + 10.0 * y * rng.random(1000)
    s = np.floor(s)
    scenario(12, "rare-positives", y, s, "n=1000, 5% positives, integer scores with many ties", ties=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, scipy {scipy.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
