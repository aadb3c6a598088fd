#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the ridge-regression kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/ridge-regression/generate_cases.py

Expected (weights, bias) from scikit-learn's Ridge(alpha=l2, fit_intercept=True, solver="svd"), which minimises
||x w + b - y||^2 + l2 ||w||^2 with the intercept not penalised (the kata's objective). Cross-checked (asserted,
1e-10 relative) against an independent formulation that never centres: numpy's lstsq of the stacked system
    [ x        1 ] [w]   [y]
    [ sqrt(l2) I 0 ] [b] = [0]
whose least-squares solution is the same minimiser. The report also prints how far the penalised-intercept and
mean-loss variants land, so the cases are known to tell them apart. Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import Ridge

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "ridge-regression"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
REPORT, WRITTEN = [], []


def stacked(x, y, l2, penalise_intercept=False):
    n, d = x.shape
    top = np.hstack([x, np.ones((n, 1))])
    pen = np.sqrt(l2) * np.eye(d + 1)
    if not penalise_intercept:
        pen = pen[:d]
    a = np.vstack([top, pen])
    rhs = np.concatenate([y, np.zeros(len(pen))])
    theta = np.linalg.lstsq(a, rhs, rcond=None)[0]
    return theta[:d], theta[d]


def case(name, x, y, l2, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n, d = x.shape
    reg = Ridge(alpha=l2, fit_intercept=True, solver="svd").fit(x, y)
    w, b = reg.coef_.astype(np.float64), float(reg.intercept_)
    w2, b2 = stacked(x, y, l2)
    scale = max(1.0, float(np.max(np.abs(w))), abs(b))
    dev = max(float(np.max(np.abs(w - w2))), abs(b - b2)) / scale
    assert dev <= 1e-10, (name, dev)
    wp, bp = stacked(x, y, l2, penalise_intercept=True)
    wm, bm = stacked(x, y, l2 * n)   # (1/n)||r||^2 + l2||w||^2 has the minimiser of l2*n in the sum form
    off_pen = max(float(np.max(np.abs(wp - w))), abs(bp - b))
    off_mean = max(float(np.max(np.abs(wm - w))), abs(bm - b))
    REPORT.append(f"{name}: n={n} d={d} l2={l2:g} b={b:.6g} max|w|={np.max(np.abs(w)):.3g}; sklearn vs stacked lstsq "
                  f"{dev:.1e}; penalised intercept off by {off_pen:.1e}; mean loss off by {off_mean:.1e}")
    path = os.path.join(OUT_DIR, name + ".safetensors")
    tensors = {"in.x": x, "in.y": y, "out.weights": w, "out.bias": np.array(b)}
    meta = {"kata": SLUG, "args": json.dumps({"l2": l2}), "note": note}
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20241002)

    x = rng.normal(size=(50, 3))
    case("01-basic", x, x @ [1.5, -2.0, 0.5] + 3.0 + 0.3 * rng.normal(size=50), 1.0,
         "basic: n=50 d=3, l2=1, intercept 3 (not penalised)")
    x = rng.normal(size=(6, 10))
    case("02-n-less-than-d", x, rng.normal(size=6) + 2.0, 0.5,
         "edge: n=6 < d=10: xᵀx is singular, the l2 term makes the solution unique")
    x = rng.normal(size=(40, 2))
    x = np.hstack([x, x[:, :1]])
    case("03-duplicate-column", x, x[:, 0] * 2.0 - x[:, 1] + 0.1 * rng.normal(size=40), 0.1,
         "edge: column 2 duplicates column 0: ridge splits the weight equally between them")
    x = rng.normal(size=(60, 2)) + np.array([100.0, -50.0])
    case("04-offset-features", x, (x - [100.0, -50.0]) @ [1.0, 0.5] + 20.0 + 0.2 * rng.normal(size=60), 2.0,
         "hard: features near (100, -50) and bias ~ -70: penalising the intercept changes everything")
    x = rng.normal(size=(30, 2))
    case("05-huge-l2", x, x @ [3.0, -1.0] + 7.5, 1e8,
         "edge: l2=1e8: weights ~0 and the bias tends to mean(y) (it is not penalised)")
    x = rng.normal(size=(40, 3))
    case("06-tiny-l2", x, x @ [0.3, 0.2, -0.4] - 1.0 + 0.05 * rng.normal(size=40), 1e-10,
         "edge: l2=1e-10: essentially ordinary least squares")
    x = rng.normal(size=(50, 3))
    x[:, 1] = 4.0
    case("07-constant-column", x, x[:, 0] - x[:, 2] + 0.5 + 0.1 * rng.normal(size=50), 0.3,
         "edge: column 1 is constant (4): after centring it is zero, its weight is exactly 0")
    case("08-n-1", np.array([[1.0, -2.0, 0.5]]), np.array([3.0]), 1.0,
         "edge: n=1: the centred data is zero, so w = 0 and b = y[0]")
    x = rng.normal(size=(80, 3)) * np.array([1e3, 1.0, 1e-3])
    case("09-badly-scaled", x, x @ [1e-3, 1.0, 1e3] + 0.1 * rng.normal(size=80), 1.0,
         "hard: columns scaled 1e3, 1, 1e-3 with l2=1: the penalty shrinks the small column's weight hard")
    x = rng.normal(size=(200, 6))
    case("10-larger", x, x @ rng.normal(size=6) - 4.0 + rng.normal(size=200), 10.0,
         "random: n=200 d=6, l2=10")

    for line in REPORT:
        print(line)
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
