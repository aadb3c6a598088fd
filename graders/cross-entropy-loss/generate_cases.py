#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the cross-entropy-loss kata (logits + integer targets, label smoothing, ignore_index, mean).

Run with Debian's python3 (python3-torch, python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/cross-entropy-loss/generate_cases.py

Expected values: torch.nn.functional.cross_entropy(logits, targets, ignore_index=ii, label_smoothing=eps,
reduction="mean") in float64. For float32 cases the logits are float32, the loss is computed in float64 from them and
rounded to float32 (the exact answer to the float32 question).
Cross-checks, all asserted:
  * an independent implementation of the statement's formula in 50-digit arithmetic (mpmath):
        lp = log_softmax(logits);  loss_i = (1 - eps) * (-lp[i, t_i]) + eps * mean_c(-lp[i, c])
        L  = sum over kept rows (t_i != ii) of loss_i / (number of kept rows)      (NaN when no row is kept)
    agrees with torch to 1e-13 relative;
  * float32 cases are achievable: torch's own float32 cross_entropy is within half of the kata's float32 tolerance;
  * each case fails the mistake it targets: dividing by all N rows (cases with ignored rows), spreading eps over the
    C - 1 other classes (smoothing cases), log(softmax) giving a non-finite loss (hard cases), smoothing ignored rows.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "cross-entropy-loss"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL32 = (1e-5, 1e-5)
mpmath.mp.dps = 50
WRITTEN = []


def exact(logits, targets, eps, ii):
    n, c = logits.shape
    total, kept = mpmath.mpf(0), 0
    for i in range(n):
        if targets[i] == ii:
            continue
        row = [mpmath.mpf(float(v)) for v in logits[i]]
        lse = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in row))
        lp = [v - lse for v in row]
        total += (1 - mpmath.mpf(eps)) * -lp[targets[i]] + mpmath.mpf(eps) * -mpmath.fsum(lp) / c
        kept += 1
    return float(total / kept) if kept else float("nan")


def variant(logits, targets, eps, ii, divide_by_all=False, other_classes=False, log_of_softmax=False,
            smooth_ignored=False):
    """The loss with one mistake switched on (float64 numpy), to prove each case catches it."""
    with np.errstate(all="ignore"):
        n, c = logits.shape
        if log_of_softmax:
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            lp = np.log(e / e.sum(axis=1, keepdims=True))
        else:
            lp = torch.log_softmax(torch.from_numpy(logits), dim=1).numpy()
        keep = targets != ii
        safe = np.where(keep, targets, 0)
        nll = -lp[np.arange(n), safe]
        if other_classes:
            smooth = (-lp.sum(axis=1) - nll) / max(c - 1, 1)
            loss = (1 - eps) * nll + eps * smooth
        else:
            loss = (1 - eps) * nll + eps * (-lp.mean(axis=1))
        if smooth_ignored:
            total = np.where(keep, (1 - eps) * nll, 0).sum() + (eps * -lp.mean(axis=1)).sum()
        else:
            total = np.where(keep, loss, 0).sum()
        return total / (n if divide_by_all else keep.sum())


def case(name, logits, targets, eps, ii, note, dtype=np.float64, catches=()):
    logits = np.ascontiguousarray(logits, dtype=dtype)
    targets = np.ascontiguousarray(targets, dtype=np.int64)
    n, c = logits.shape
    assert targets.shape == (n,) and np.all((targets == ii) | ((targets >= 0) & (targets < c))), name
    assert 0.0 <= eps <= 1.0 and np.all(np.isfinite(logits)), name
    l64 = logits.astype(np.float64)
    want64 = F.cross_entropy(torch.from_numpy(l64), torch.from_numpy(targets), ignore_index=ii,
                             label_smoothing=eps, reduction="mean").item()
    ref = exact(l64, targets, eps, ii)
    if np.isnan(ref):
        assert np.isnan(want64), (name, want64)
    else:
        assert abs(ref - want64) <= 1e-13 * abs(ref) + 1e-15, (name, ref, want64)
    want = np.array(want64, dtype=dtype)
    if dtype == np.float32 and not np.isnan(ref):
        got32 = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(targets), ignore_index=ii,
                                label_smoothing=eps, reduction="mean").item()
        assert abs(got32 - float(want)) <= 0.5 * (TOL32[0] + TOL32[1] * abs(float(want))), (name, got32, want)
    for mistake in catches:
        wrong = float(variant(logits, targets, eps, ii, **{mistake: True}))   # in the case's dtype
        if mistake == "log_of_softmax":
            assert not np.isfinite(wrong), (name, mistake, wrong)
        else:
            assert abs(wrong - want64) > 1e-4 * max(1.0, abs(want64)), (name, mistake, wrong, want64)

    tensors = {"in.logits": logits, "in.targets": targets, "out": want}
    meta = {"kata": SLUG, "args": json.dumps({"labelSmoothing": eps, "ignoreIndex": int(ii)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: logits{list(logits.shape)} {logits.dtype} eps={eps} ignoreIndex={ii} "
          f"kept={int(np.sum(targets != ii))}/{n} -> loss={want64:.12g}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(6122)

    x = rng.normal(scale=2.0, size=(6, 5))
    case("01-basic", x, rng.integers(0, 5, 6), 0.0, -100,
         "basic: 6 rows, 5 classes, no smoothing, nothing ignored (the mean of -log p[target])")

    x = rng.normal(scale=2.0, size=(8, 4))
    t = rng.integers(0, 4, 8)
    t[[1, 4, 5]] = -100
    case("02-ignore-index", x, t, 0.0, -100,
         "edge: 3 of 8 targets are ignoreIndex = -100: the mean is over the 5 kept rows, not 8",
         catches=("divide_by_all",))

    x = rng.normal(scale=2.0, size=(7, 6))
    case("03-label-smoothing", x, rng.integers(0, 6, 7), 0.1, -100,
         "edge: labelSmoothing = 0.1 over C = 6 classes: target weight 1 - 0.1 + 0.1/6, every other class 0.1/6",
         catches=("other_classes",))

    x = rng.normal(scale=2.0, size=(9, 5))
    t = rng.integers(0, 5, 9)
    t[[0, 3, 7, 8]] = -100
    case("04-smoothing-and-ignore", x, t, 0.2, -100,
         "edge: labelSmoothing = 0.2 with 4 of 9 rows ignored: ignored rows contribute neither term, mean over 5",
         catches=("divide_by_all", "other_classes", "smooth_ignored"))

    x = rng.normal(scale=2.0, size=(10, 4))
    t = np.array([0, 2, 1, 0, 3, 3, 0, 1, 2, 0])
    case("05-ignore-class-0", x, t, 0.1, 0,
         "edge: ignoreIndex = 0 is a real class (a padding token): rows with target 0 are dropped, but class 0 still "
         "gets its smoothing share in the kept rows",
         catches=("divide_by_all", "other_classes", "smooth_ignored"))

    x = rng.normal(size=(3, 4))
    case("06-all-ignored", x, np.full(3, -100), 0.1, -100,
         "edge: every target is ignoreIndex: 0 kept rows, the mean is 0/0 = NaN (as in PyTorch)")

    x = rng.normal(scale=3.0, size=(5, 7))
    case("07-smoothing-one", x, rng.integers(0, 7, 5), 1.0, -100,
         "edge: labelSmoothing = 1: the target is uniform, the loss is the mean of -log p over all classes",
         catches=("other_classes",))

    x = rng.normal(scale=1.0, size=(6, 8))
    t = rng.integers(0, 8, 6)
    x[np.arange(6), (t + 1) % 8] += 1200.0      # confidently wrong: another class is 1200 above the target
    x[2] -= 900.0
    t[4] = -100
    case("08-huge-logits", x, t, 0.05, -100,
         "hard: float64 logits up to 1200, confidently wrong (loss ~ 1200): p[target] underflows to 0, so log(softmax) "
         "gives +inf", catches=("log_of_softmax", "divide_by_all"))

    x = rng.normal(scale=3.0, size=(64, 10))
    t = rng.integers(0, 10, 64)
    t[rng.choice(64, 9, replace=False)] = -100
    case("09-float32-batch", x, t, 0.1, -100,
         "float32 batch of 64 rows, 10 classes, labelSmoothing = 0.1, 9 rows ignored", dtype=np.float32,
         catches=("divide_by_all", "other_classes"))

    x = rng.normal(size=(4, 1))
    case("10-one-class", x, np.zeros(4, dtype=np.int64), 0.3, -100,
         "edge: C = 1: every log-probability is 0, so the loss is exactly 0 with or without smoothing")

    x = rng.normal(scale=1.0, size=(5, 3))
    t = rng.integers(0, 3, 5)
    x[np.arange(5), t] -= 150.0                   # the target class is 150 below the others
    case("11-float32-confidently-wrong", x, t, 0.0, -100,
         "hard: float32 logits with the target 150 below the rest: exp underflows in float32, log(softmax) is +inf",
         dtype=np.float32, catches=("log_of_softmax",))

    x = rng.normal(scale=2.0, size=(1, 9))
    case("12-single-row", x, np.array([4]), 0.25, 7,
         "edge: N = 1, ignoreIndex = 7 (a class that is not the target), labelSmoothing = 0.25",
         catches=("other_classes",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}, mpmath {mpmath.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
