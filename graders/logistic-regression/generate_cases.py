#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the logistic-regression kata.

Run with Debian's python3 (python3-torch, python3-sklearn, python3-numpy, python3-scipy):
    /usr/bin/python3 graders/logistic-regression/generate_cases.py

Fit cases: expected (weights, bias) from scikit-learn's LogisticRegression with C = 1/(n*l2) (it minimises
n*C*J with J the kata's objective), then verified independently: the gradient of
    J(w,b) = (1/n) sum_i [log(1+exp(z_i)) - y_i z_i] + (l2/2)||w||^2,   z = x@w + b
is evaluated in float64 (and in extended precision) at the result, a few exact Newton steps in numpy polish it
if the gradient inf-norm exceeds 1e-12, and the final gradient must be tiny.
PredictProba cases: expected sigmoid(x@w + b) from torch.sigmoid in float64 (stable for |z| up to 1e4).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy.special
import sklearn
import torch
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "logistic-regression"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


# ---------------------------------------------------------------------------------------------- objective
def objective(x, y, l2, w, b):
    z = x @ w + b
    return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)


def gradient(x, y, l2, w, b):
    p = scipy.special.expit(x @ w + b)
    r = p - y
    n = x.shape[0]
    return np.concatenate([x.T @ r / n + l2 * w, [r.mean()]])


def gradient_longdouble(x, y, l2, w, b):
    """Same gradient in extended precision (np.longdouble) as an independent cross-check of rounding."""
    xl, yl, wl = x.astype(np.longdouble), y.astype(np.longdouble), w.astype(np.longdouble)
    z = xl @ wl + np.longdouble(b)
    p = np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
    r = p - yl
    n = x.shape[0]
    return np.concatenate([xl.T @ r / n + np.longdouble(l2) * wl, [r.mean()]])


def hessian(x, y, l2, w, b):
    n, d = x.shape
    p = scipy.special.expit(x @ w + b)
    s = p * (1 - p)
    x1 = np.hstack([x, np.ones((n, 1))])
    h = (x1.T * s) @ x1 / n
    h[np.arange(d), np.arange(d)] += l2
    return h


def newton_polish(x, y, l2, w, b, max_steps=50):
    """Exact (damped) Newton steps on J until the gradient stops improving. Returns (w, b, steps, last_step)."""
    d = x.shape[1]
    theta = np.concatenate([w, [b]])
    last_step = np.inf
    steps = 0
    for _ in range(max_steps):
        g = gradient(x, y, l2, theta[:d], theta[d])
        if np.max(np.abs(g)) <= 1e-15:
            break
        step = np.linalg.solve(hessian(x, y, l2, theta[:d], theta[d]), g)
        t = 1.0
        f0 = objective(x, y, l2, theta[:d], theta[d])
        while t > 1e-10:
            cand = theta - t * step
            if objective(x, y, l2, cand[:d], cand[d]) <= f0 + 1e-15 * abs(f0):
                break
            t *= 0.5
        cand = theta - t * step
        gc = gradient(x, y, l2, cand[:d], cand[d])
        if np.max(np.abs(gc)) >= np.max(np.abs(g)) and steps > 0:
            break  # no further progress: at the float64 floor
        theta = cand
        last_step = np.max(np.abs(t * step))
        steps += 1
    return theta[:d], theta[d], steps, last_step


def sklearn_fit(x, y, l2):
    n = x.shape[0]
    solver = "newton-cholesky"
    try:
        clf = LogisticRegression(C=1.0 / (n * l2), fit_intercept=True, solver=solver, tol=1e-14, max_iter=10000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(x, y)
    except ValueError:
        solver = "lbfgs"
        clf = LogisticRegression(C=1.0 / (n * l2), fit_intercept=True, solver=solver, tol=1e-14, max_iter=100000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(x, y)
    return clf.coef_.ravel().astype(np.float64), float(clf.intercept_[0]), solver, int(np.max(clf.n_iter_))


# ---------------------------------------------------------------------------------------------- cases
REPORT = []
WRITTEN = []


def save(name, tensors, meta):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))
    assert os.path.getsize(path) < 200_000, path


def fit_case(name, x, y, l2, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n, d = x.shape
    assert y.shape == (n,) and set(np.unique(y)) <= {0.0, 1.0}
    assert 0 < y.sum() < n, "both classes must be present, else the unregularised bias has no finite optimum"
    w_sk, b_sk, solver, n_iter = sklearn_fit(x, y, l2)
    g_sk = np.max(np.abs(gradient(x, y, l2, w_sk, b_sk)))
    w, b, steps, last_step = w_sk.copy(), b_sk, 0, 0.0
    if g_sk > 1e-12:
        w, b, steps, last_step = newton_polish(x, y, l2, w_sk, b_sk)
    g = np.max(np.abs(gradient(x, y, l2, w, b)))
    g_ld = float(np.max(np.abs(gradient_longdouble(x, y, l2, w, b))))
    # error estimate of the optimum: one more Newton step from the final point (in extended-precision gradient)
    hstep = np.linalg.solve(hessian(x, y, l2, w, b), gradient_longdouble(x, y, l2, w, b).astype(np.float64))
    err_est = float(np.max(np.abs(hstep)))
    assert g <= 1e-12 and g_ld <= 1e-12, (name, g, g_ld)
    assert err_est <= 1e-10, (name, err_est)
    dev_w = float(np.max(np.abs(w - w_sk))) if d else 0.0
    dev_b = abs(b - b_sk)
    # independent cross-check: our own damped Newton from (0, 0) must land on the same optimum
    w_own, b_own, own_steps, _ = newton_polish(x, y, l2, np.zeros(d), 0.0, max_steps=200)
    dev_own = max(float(np.max(np.abs(w_own - w))), abs(b_own - b))
    assert dev_own <= 1e-9 * max(1.0, float(np.max(np.abs(w))), abs(b)), (name, dev_own)
    REPORT.append(f"{name}: n={n} d={d} l2={l2:g} sklearn[{solver}, n_iter={n_iter}] |grad|={g_sk:.1e}; "
                  f"newton steps={steps}; final |grad| f64={g:.1e} ext={g_ld:.1e}; est. error={err_est:.1e}; "
                  f"|w-w_sk|={dev_w:.1e} |b-b_sk|={dev_b:.1e}; own Newton from 0 ({own_steps} steps) dev={dev_own:.1e}; "
                  f"max|w|={np.max(np.abs(w)):.3g} b={b:.4g}")
    meta = {"kata": SLUG, "entry": "Fit", "args": json.dumps({"l2": l2}), "note": note}
    save(name, {"in.x": x, "in.y": y, "out.weights": w.astype(np.float64), "out.bias": np.array(b, dtype=np.float64)},
         meta)


def proba_case(name, x, w, bias, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    w = np.ascontiguousarray(w, dtype=np.float64)
    z = torch.from_numpy(x) @ torch.from_numpy(w) + bias
    out = torch.sigmoid(z).numpy().astype(np.float64)
    assert np.all(np.isfinite(out))
    # independent check in extended precision
    zl = x.astype(np.longdouble) @ w.astype(np.longdouble) + np.longdouble(bias)
    ref = np.where(zl >= 0, 1 / (1 + np.exp(-np.abs(zl))), np.exp(-np.abs(zl)) / (1 + np.exp(-np.abs(zl))))
    dev = float(np.max(np.abs(out - ref)))
    rel = float(np.max(np.abs(out - ref) / np.maximum(np.abs(ref), 1e-300)))
    assert dev <= 1e-15, (name, dev)
    REPORT.append(f"{name}: n={x.shape[0]} d={x.shape[1]} |z| in [{np.min(np.abs(z.numpy())):.3g}, "
                  f"{np.max(np.abs(z.numpy())):.3g}]; torch vs extended-precision: abs {dev:.1e}, rel {rel:.1e}")
    meta = {"kata": SLUG, "entry": "PredictProba", "args": json.dumps({"bias": bias}), "note": note}
    save(name, {"in.x": x, "in.weights": w, "out": out}, meta)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20240601)

    def labels_from(x, w, b, noise=True):
        p = scipy.special.expit(x @ w + b)
        return (rng.random(x.shape[0]) < p).astype(np.float64) if noise else (x @ w + b > 0).astype(np.float64)

    # 01 basic
    x = rng.normal(size=(60, 3))
    fit_case("01-basic", x, labels_from(x, np.array([1.5, -2.0, 0.5]), 0.3), 0.1,
             "basic: n=60 d=3 noisy labels, l2=0.1")
    # 02 separable (optimum finite only because l2 > 0)
    x = rng.normal(size=(40, 2))
    y = (x @ np.array([2.0, -1.0]) + 0.5 > 0).astype(np.float64)
    fit_case("02-separable", x, y, 1e-2, "edge: linearly separable data, finite optimum only because l2=0.01 > 0")
    # 03 separable, weak regularisation (large weights)
    x = rng.normal(size=(30, 3))
    y = (x @ np.array([1.0, 1.0, -1.0]) > 0).astype(np.float64)
    fit_case("03-separable-weak-l2", x, y, 1e-4,
             "hard: separable data with weak l2=1e-4: large weights (|w| ~14), saturated sigmoids")
    # 04 n < d
    x = rng.normal(size=(5, 12))
    y = np.array([1, 0, 1, 1, 0], dtype=np.float64)
    fit_case("04-n-less-than-d", x, y, 0.05, "edge: n=5 < d=12 (underdetermined, unique only through l2)")
    # 05 all-zero feature column
    x = rng.normal(size=(50, 4))
    x[:, 2] = 0.0
    y = labels_from(x, np.array([1.0, -1.0, 0.0, 2.0]), -0.5)
    fit_case("05-zero-column", x, y, 0.02, "edge: feature column 2 is all zero (its weight must be exactly 0)")
    # 06 badly scaled features (one column x1000)
    x = rng.normal(size=(80, 3))
    y = labels_from(x, np.array([1.0, 2.0, -1.0]), 0.2)
    x[:, 1] *= 1000.0
    fit_case("06-badly-scaled", x, y, 1e-3, "hard: column 1 scaled x1000 (Hessian condition number ~6e5)")
    # 07 heavy class imbalance
    x = rng.normal(size=(300, 4))
    y = np.zeros(300)
    y[rng.choice(300, size=6, replace=False)] = 1.0
    x[y == 1] += np.array([1.0, 0.5, 0.0, -0.5])
    fit_case("07-imbalanced", x, y, 1e-3, "edge: heavy class imbalance, 6 positives out of 300 (bias ~ -4.7)")
    # 08 n = 2
    x = np.array([[1.0, 2.0], [-0.5, 0.25]])
    y = np.array([1.0, 0.0])
    fit_case("08-n-2", x, y, 0.1, "edge: n=2 (one sample per class), d=2")
    # 09 larger, weak regularisation
    x = rng.normal(size=(400, 10))
    wt = rng.normal(size=10)
    fit_case("09-larger", x, labels_from(x, wt, -0.3), 1e-4, "random: n=400 d=10 l2=1e-4")
    # 10 strong regularisation
    x = rng.normal(size=(40, 3))
    fit_case("10-strong-l2", x, labels_from(x, np.array([3.0, -3.0, 1.0]), 1.0), 10.0,
             "edge: strong l2=10, weights near 0 and bias near logit(mean y) (bias not regularised)")
    # 11 duplicated (collinear) column
    x = rng.normal(size=(50, 3))
    x[:, 2] = x[:, 0]
    fit_case("11-duplicate-column", x, labels_from(x, np.array([2.0, -1.0, 0.0]), 0.0), 0.05,
             "edge: column 2 duplicates column 0 (collinear; l2 makes the split equal)")
    # 12 large offset in x (the bias must not be penalised)
    x = rng.normal(size=(60, 2)) + np.array([50.0, -30.0])
    fit_case("12-offset-features", x, labels_from(x - np.array([50.0, -30.0]), np.array([1.5, 1.0]), 0.0), 0.01,
             "hard: features offset by (50,-30), bias must absorb a large shift (bias not regularised)")
    # 13 n = 3, d = 1
    fit_case("13-n-3-d-1", np.array([[0.0], [1.0], [3.0]]), np.array([0.0, 1.0, 0.0]), 0.5,
             "edge: n=3 d=1, non-monotone labels")

    # PredictProba
    x = rng.normal(size=(20, 4))
    proba_case("14-proba-basic", x, rng.normal(size=4), -0.25, "PredictProba: basic n=20 d=4")
    x = rng.normal(size=(16, 3))
    x[:, 0] = np.linspace(-1.0, 1.0, 16)
    x[0, 0], x[-1, 0] = -1.2, 1.2
    w = np.array([8000.0, 1.0, -1.0])
    proba_case("15-proba-huge-logits", x, w, 0.5,
               "hard: PredictProba with |z| up to ~1e4 (both signs): must not overflow or give NaN")
    x = np.array([[700.0], [-700.0], [745.0], [-745.0], [36.0], [-36.0], [40.0], [-40.0], [0.0], [1e-8]])
    proba_case("16-proba-extreme-tails", x, np.array([1.0]), 0.0,
               "hard: PredictProba tails z=+-700, +-745, +-36, +-40, 0: tiny tail probabilities "
               "(sigmoid(-700)=9.9e-305) must be accurate, never NaN")
    x = rng.normal(size=(1, 5))
    proba_case("17-proba-zero-weights-n1", x, np.zeros(5), 1.75,
               "edge: PredictProba n=1 with zero weights (sigmoid(bias))")

    for line in REPORT:
        print(line)
    # self-check: re-read every file written and compare with what was meant
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, torch {torch.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
