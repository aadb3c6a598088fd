#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the linear-regression kata.

Run with Debian's python3 (python3-torch, python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/linear-regression/generate_cases.py

Fit cases (exact least squares with an intercept): expected (weights, bias) from scikit-learn's LinearRegression
(it centres x and y and calls scipy's lstsq). Cross-checked (asserted) against an independent solution: numpy's
Householder QR of the centred design in float64, and the normal equations of the centred design in extended
precision (np.longdouble via Gaussian elimination); all must agree to 1e-10 relative.
FitGradientDescent cases: expected from the statement's update written with torch float64 tensors
(w -= lr * X^T r / n; b -= lr * mean(r); r = X w + b - y, from w = 0, b = 0, exactly `steps` times), cross-checked
against the same loop in numpy (must agree to 1e-12 relative).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import sklearn
import torch
from sklearn.linear_model import LinearRegression

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "linear-regression"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
REPORT, WRITTEN = [], []


def save(name, tensors, meta):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))
    assert os.path.getsize(path) < 200_000, path


def gauss_solve_longdouble(a, b):
    a = a.astype(np.longdouble).copy()
    b = b.astype(np.longdouble).copy()
    n = len(b)
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        a[[k, p]], b[[k, p]] = a[[p, k]], b[[p, k]]
        for r in range(k + 1, n):
            f = a[r, k] / a[k, k]
            a[r, k:] -= f * a[k, k:]
            b[r] -= f * b[k]
    xs = np.zeros(n, dtype=np.longdouble)
    for k in range(n - 1, -1, -1):
        xs[k] = (b[k] - a[k, k + 1:] @ xs[k + 1:]) / a[k, k]
    return xs


def fit_case(name, x, y, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    reg = LinearRegression().fit(x, y)
    w, b = reg.coef_.astype(np.float64), float(reg.intercept_)
    mx, my = x.mean(0), y.mean()
    q, r = np.linalg.qr(x - mx)
    w_qr = np.linalg.solve(r, q.T @ (y - my))
    b_qr = my - mx @ w_qr
    xc = (x.astype(np.longdouble) - x.astype(np.longdouble).mean(0))
    yc = y.astype(np.longdouble) - y.astype(np.longdouble).mean()
    w_ld = gauss_solve_longdouble(xc.T @ xc, xc.T @ yc)
    b_ld = y.astype(np.longdouble).mean() - x.astype(np.longdouble).mean(0) @ w_ld
    scale = max(1.0, float(np.max(np.abs(w))), abs(b))
    dev_qr = max(float(np.max(np.abs(w_qr - w))), abs(b_qr - b)) / scale
    dev_ld = max(float(np.max(np.abs(w_ld - w))), float(abs(b_ld - b))) / scale
    assert dev_qr <= 1e-10 and dev_ld <= 1e-10, (name, dev_qr, dev_ld)
    # how badly the raw normal equations [x, 1]^T [x, 1] do (the statement warns about it)
    xa = np.hstack([x, np.ones((len(y), 1))])
    theta = np.linalg.solve(xa.T @ xa, xa.T @ y)
    dev_raw = max(float(np.max(np.abs(theta[:-1] - w))), abs(theta[-1] - b)) / scale
    REPORT.append(f"{name}: n={x.shape[0]} d={x.shape[1]} b={b:.6g} max|w|={np.max(np.abs(w)):.3g}; "
                  f"sklearn vs QR {dev_qr:.1e}, vs long-double normal eqs {dev_ld:.1e}; raw normal eqs off by {dev_raw:.1e}")
    save(name, {"in.x": x, "in.y": y, "out.weights": w, "out.bias": np.array(b)},
         {"kata": SLUG, "entry": "Fit", "args": json.dumps({}), "note": note})


def gd_case(name, x, y, lr, steps, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n, d = x.shape
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    for _ in range(steps):
        r = xt @ w + b - yt
        w, b = w - lr * (xt.T @ r) / n, b - lr * r.mean()
    w_np, b_np = np.zeros(d), 0.0
    for _ in range(steps):
        r = x @ w_np + b_np - y
        w_np, b_np = w_np - lr * (x.T @ r) / n, b_np - lr * r.mean()
    w, b = w.numpy(), float(b)
    assert np.all(np.isfinite(w)) and np.isfinite(b)
    scale = max(1.0, float(np.max(np.abs(w))), abs(b))
    dev = max(float(np.max(np.abs(w - w_np))), abs(b - b_np)) / scale
    assert dev <= 1e-12, (name, dev)
    REPORT.append(f"{name}: n={n} d={d} lr={lr:g} steps={steps} b={b:.6g} max|w|={np.max(np.abs(w)):.3g}; torch vs numpy {dev:.1e}")
    save(name, {"in.x": x, "in.y": y, "out.weights": w, "out.bias": np.array(b)},
         {"kata": SLUG, "entry": "FitGradientDescent", "args": json.dumps({"learningRate": lr, "steps": steps}),
          "note": note})


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20241001)

    x = rng.normal(size=(50, 3))
    fit_case("01-fit-basic", x, x @ [1.5, -2.0, 0.5] + 3.0 + 0.1 * rng.normal(size=50),
             "basic: n=50 d=3, noisy linear data with intercept 3")
    fit_case("02-fit-exact-line", np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.0]),
             "edge: points exactly on y = 2x + 1 (zero residual)")
    fit_case("03-fit-n-equals-d-plus-1", rng.normal(size=(4, 3)), rng.normal(size=4),
             "edge: n = d + 1 = 4, the fit interpolates every point")
    x = rng.normal(size=(40, 2)) + np.array([1e4, -2e4])
    fit_case("04-fit-offset-features", x, x @ [0.7, 1.3] - 5.0 + 0.01 * rng.normal(size=40),
             "hard: features near (1e4, -2e4): [x, 1]^T [x, 1] is ill-conditioned (cond ~1e16); centre or use QR")
    x = rng.normal(size=(60, 3)) * np.array([1e-3, 1.0, 1e3])
    fit_case("05-fit-badly-scaled", x, x @ [500.0, 1.0, 2e-3] + 0.05 * rng.normal(size=60),
             "hard: columns scaled 1e-3, 1, 1e3 (weights 500, 1, 0.002)")
    x = rng.normal(size=(30, 1))
    fit_case("06-fit-constant-y", x, np.full(30, 4.25), "edge: y constant: weights 0, bias 4.25")

    x = rng.normal(size=(40, 3))
    y = x @ [1.0, -1.0, 2.0] + 0.5 + 0.1 * rng.normal(size=40)
    gd_case("07-gd-basic", x, y, 0.1, 100, "gradient descent: n=40 d=3, lr=0.1, 100 steps (not yet converged)")
    gd_case("08-gd-zero-steps", x, y, 0.1, 0, "edge: 0 steps returns the start, w = 0 and b = 0")
    gd_case("09-gd-one-step", x, y, 0.5, 1, "edge: one step from zero: w = lr * x^T y / n, b = lr * mean(y)")
    x = rng.normal(size=(25, 2)) * np.array([1.0, 3.0])
    gd_case("10-gd-large-lr", x, x @ [0.5, 0.2] + 1.0, 0.25, 30,
            "edge: lr=0.25 above the stable limit for the x3 column: the iterates grow; follow the update exactly")
    x = rng.normal(size=(100, 5))
    gd_case("11-gd-long", x, x @ rng.normal(size=5) - 2.0 + 0.2 * rng.normal(size=100), 0.2, 150,
            "gradient descent: n=100 d=5, lr=0.2, 150 steps (close to the least-squares fit)")

    for line in REPORT:
        print(line)
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, torch {torch.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
