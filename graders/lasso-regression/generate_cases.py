#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the lasso-regression kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/lasso-regression/generate_cases.py

The kata: minimise (1/2n)||y - x w - b||^2 + alpha ||w||_1 (intercept b not penalised) by cyclic coordinate descent
on centred data, from w = 0, coordinates j = 0..d-1 in order, stopping after the first sweep whose largest
|change of a coordinate| is <= tol, or after maxSweeps sweeps; b = mean(y) - mean(x).w.

Expected (weights, bias) come from scikit-learn 1.2's Lasso(alpha, fit_intercept=True), which runs exactly that
coordinate descent (dense, cyclic, residual form, alpha scaled by n internally):
  * converged cases: Lasso(alpha, tol=1e-15, max_iter=200000) -- the optimum to ~1e-13;
  * capped cases (maxSweeps binds): Lasso(alpha, tol=0, max_iter=maxSweeps) -- exactly maxSweeps sweeps from w = 0.
The objective is (1/2n)||y - x w - b||^2 + alpha ||w||_1 evaluated at those (weights, bias).
Cross-checks, all asserted:
  * an own numpy implementation of the kata's exact loop (residual form) with the case's tol and maxSweeps: within
    1e-7 of scikit-learn (a tenth of the grading tolerance; the printed deviation is what the stopping rule leaves);
    for capped cases within 1e-12 (the same iterate);
  * converged cases: the exact optimum from the KKT system on scikit-learn's active set with its signs,
        (xc_S^T xc_S / n) w_S = xc_S^T yc / n - alpha sign(w_S),
    equals scikit-learn's weights to 1e-10, and the KKT conditions hold at it: |xc_j^T r / n| <= alpha for every j
    off the active set (with a margin, so the zero pattern is not a near-tie) and = alpha sign(w_j) on it;
  * uniqueness: the non-constant centred columns have full column rank (so the optimum is unique);
  * the kata's plausible mistakes (the mean-form rho thresholded at alpha*n; the sum-form rho thresholded at alpha,
    i.e. alpha/n in mean form; no centring) land far outside the tolerance on the cases meant to catch them (printed).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "lasso-regression"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = 1e-10           # the stopping tolerance every case passes
HEADROOM = 4          # converged cases pass maxSweeps = 4x the sweeps the loop needs (at least 20): it never binds
GRADING_TOL = 1e-6    # LassoRegressionGrader's tolerance (atol = rtol)
REPORT, WRITTEN = [], []
MAX_DEV = {"rule": 0.0, "capped": 0.0, "kkt": 0.0}


def soft(v, t):
    return np.sign(v) * max(abs(v) - t, 0.0)


def own_cd(x, y, alpha, tol, max_sweeps, centre=True, threshold_scale=1.0):
    """The kata's loop, residual form; threshold_scale = n or 1/n reproduces the threshold mistakes."""
    n, d = x.shape
    xm = x.mean(axis=0) if centre else np.zeros(d)
    ym = y.mean() if centre else 0.0
    xc, yc = x - xm, y - ym
    norms = (xc ** 2).sum(axis=0)
    w = np.zeros(d)
    r = yc.copy()
    sweeps = 0
    while sweeps < max_sweeps:
        biggest = 0.0
        for j in range(d):
            if norms[j] == 0.0:
                continue
            rho = xc[:, j] @ r / n + norms[j] / n * w[j]
            new = soft(rho, alpha * threshold_scale) / (norms[j] / n)
            r -= (new - w[j]) * xc[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        sweeps += 1
        if biggest <= tol:
            break
    b = (y.mean() - x.mean(axis=0) @ w) if centre else y.mean() - x.mean(axis=0) @ w
    return w, b, sweeps


def objective(x, y, w, b, alpha):
    r = y - x @ w - b
    return float(r @ r / (2 * len(y)) + alpha * np.abs(w).sum())


def alpha_max(x, y):
    xc, yc = x - x.mean(axis=0), y - y.mean()
    return float(np.abs(xc.T @ yc).max() / len(y))


def kkt_exact(x, y, alpha, w_sk):
    """Exact optimum on scikit-learn's active set; returns it and the KKT margin of the inactive coordinates."""
    n, d = x.shape
    xc, yc = x - x.mean(axis=0), y - y.mean()
    active = w_sk != 0
    w = np.zeros(d)
    if active.any():
        s = np.sign(w_sk[active])
        g = xc[:, active].T @ xc[:, active] / n
        w[active] = np.linalg.solve(g, xc[:, active].T @ yc / n - alpha * s)
        assert np.all(np.sign(w[active]) == s), "active-set solve changed a sign"
    grad = xc.T @ (yc - xc @ w) / n          # = alpha sign(w_j) on the active set, |.| <= alpha off it
    if active.any():
        on = float(np.max(np.abs(grad[active] - alpha * np.sign(w[active]))))
        assert on <= 1e-9 * max(1.0, alpha), ("KKT on the active set", on)
    margin = float(np.min(alpha - np.abs(grad[~active]))) if (~active).any() else np.inf
    return w, margin


def case(name, x, y, alpha, note, max_sweeps=None, capped=False, catches=()):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n, d = x.shape
    xc = x - x.mean(axis=0)
    live = np.abs(xc).sum(axis=0) > 0
    assert np.linalg.matrix_rank(xc[:, live]) == live.sum(), (name, "centred columns are not independent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if capped:
            sk = Lasso(alpha=alpha, fit_intercept=True, tol=0.0, max_iter=max_sweeps).fit(x, y)
        else:
            sk = Lasso(alpha=alpha, fit_intercept=True, tol=1e-15, max_iter=200000).fit(x, y)
    w, b = sk.coef_.astype(np.float64), float(sk.intercept_)
    obj = objective(x, y, w, b, alpha)
    if not capped:
        needed = own_cd(x, y, alpha, TOL, 10 ** 6)[2]
        max_sweeps = max(20, -(-HEADROOM * needed // 10) * 10)

    w_own, b_own, sweeps = own_cd(x, y, alpha, TOL, max_sweeps)
    scale = max(1.0, float(np.max(np.abs(w))))
    dev_rule = max(float(np.max(np.abs(w_own - w))) / scale, abs(b_own - b) / max(1.0, abs(b)))
    if capped:
        assert sweeps == max_sweeps, (name, "the cap must bind", sweeps)
        assert dev_rule <= 1e-12, (name, "capped iterate differs from sklearn", dev_rule)
        MAX_DEV["capped"] = max(MAX_DEV["capped"], dev_rule)
        kkt = "capped: not an optimum"
        w_full = own_cd(x, y, alpha, TOL, 10 ** 6)[0]
        assert np.max(np.abs(w_full - w)) > 100 * GRADING_TOL, (name, "the cap changes nothing")
    else:
        assert sweeps <= max_sweeps // 4, (name, "the stopping rule must end the loop well before maxSweeps", sweeps)
        assert dev_rule <= 0.1 * GRADING_TOL, (name, "stopping rule too far from the optimum", dev_rule)
        MAX_DEV["rule"] = max(MAX_DEV["rule"], dev_rule)
        w_ex, margin = kkt_exact(x, y, alpha, w)
        dev_kkt = float(np.max(np.abs(w_ex - w))) / scale
        assert dev_kkt <= 1e-10, (name, "sklearn is not the exact optimum", dev_kkt)
        MAX_DEV["kkt"] = max(MAX_DEV["kkt"], dev_kkt)
        assert margin > 1e-6 * alpha, (name, "an inactive coordinate is at its threshold", margin)
        kkt = f"KKT-exact vs sklearn {dev_kkt:.1e}, inactive margin {margin / alpha:.1e}*alpha"
    assert abs(objective(x, y, w_own, b_own, alpha) - obj) <= 1e-9 * max(1.0, obj), name

    mistakes = {
        "threshold-alpha-n": own_cd(x, y, alpha, TOL, max_sweeps, threshold_scale=float(n)),
        "threshold-without-n": own_cd(x, y, alpha, TOL, max_sweeps, threshold_scale=1.0 / n),
        "no-centring": own_cd(x, y, alpha, TOL, max_sweeps, centre=False),
    }
    offs = {}
    for k, (wm, bm, _) in mistakes.items():
        offs[k] = max(float(np.max(np.abs(wm - w) / (GRADING_TOL * (1 + np.abs(w))))),
                      abs(bm - b) / (GRADING_TOL * (1 + abs(b))))
    for k in catches:
        assert offs[k] > 100, (name, k, "should catch this mistake", offs[k])
    REPORT.append(f"{name}: n={n} d={d} alpha={alpha:.4g} ({alpha / alpha_max(x, y):.3g} alpha_max) "
                  f"nnz={int((w != 0).sum())} b={b:.6g} obj={obj:.6g}; own rule {sweeps} sweeps, dev {dev_rule:.1e}; "
                  f"{kkt}; mistakes off by " + ", ".join(f"{k} {v:.1e}x tol" for k, v in offs.items()))
    path = os.path.join(OUT_DIR, name + ".safetensors")
    tensors = {"in.x": x, "in.y": y, "out.weights": w, "out.bias": np.array(b), "out.objective": np.array(obj)}
    meta = {"kata": SLUG, "args": json.dumps({"alpha": alpha, "tol": TOL, "maxSweeps": int(max_sweeps)}),
            "note": note}
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))


def correlated(rng, n, d, rho, offset=0.0):
    """Features with pairwise correlation rho."""
    common = rng.normal(size=(n, 1))
    return np.sqrt(rho) * common + np.sqrt(1 - rho) * rng.normal(size=(n, d)) + offset


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20250611)

    x = rng.normal(size=(60, 6)) + rng.normal(size=6)
    y = x @ np.array([2.0, 0.0, -1.5, 0.0, 0.3, 0.0]) + 4.0 + 0.5 * rng.normal(size=60)
    case("01-basic", x, y, 0.1 * alpha_max(x, y),
         "basic: n=60 d=6, off-centre features, sparse truth, alpha = 0.1 alpha_max (some weights exactly 0)",
         catches=("threshold-alpha-n", "no-centring"))

    x = rng.normal(size=(40, 5)) + 2.0
    y = x @ rng.normal(size=5) - 3.0 + rng.normal(size=40)
    case("02-all-zero", x, y, 1.05 * alpha_max(x, y),
         "edge: alpha = 1.05 alpha_max: every weight is exactly 0 and the bias is mean(y)")

    x = rng.normal(size=(50, 4)) - 1.0
    y = x @ np.array([1.0, -2.0, 0.5, 0.0]) + 1.0 + 0.3 * rng.normal(size=50)
    case("03-one-active", x, y, 0.9 * alpha_max(x, y),
         "edge: alpha = 0.9 alpha_max: exactly one weight is non-zero (the column most correlated with y)",
         catches=("threshold-alpha-n",))

    x = correlated(rng, 80, 4, 0.97, offset=1.0)
    y = x @ np.array([1.0, 1.0, -0.5, 0.5]) + 0.2 * rng.normal(size=80)
    case("04-correlated", x, y, 0.01 * alpha_max(x, y),
         "hard: 4 features with pairwise correlation 0.97: coordinate descent needs hundreds of sweeps",
         catches=("threshold-alpha-n",))

    x = rng.normal(size=(32, 4))
    x[:, 2] = 2.5
    y = x @ np.array([1.0, -1.0, 0.0, 0.5]) + 0.5 + 0.2 * rng.normal(size=32)
    case("05-constant-column", x, y, 0.05 * alpha_max(x, y),
         "edge: column 2 is constant (2.5): centred it is exactly 0; its weight is 0 (skip it, no 0/0)")

    x = rng.normal(size=(50, 3)) + np.array([1e4, -2e4, 5e3])
    y = (x - np.array([1e4, -2e4, 5e3])) @ np.array([3.0, 0.0, -2.0]) + 7e3 + 0.1 * rng.normal(size=50)
    case("06-far-from-origin", x, y, 0.05 * alpha_max(x, y),
         "hard: features near (1e4, -2e4, 5e3) and y near 7e3: the intercept must come from centring",
         catches=("no-centring",))

    x = rng.normal(size=(70, 3)) * np.array([1e3, 1.0, 1e-3])
    y = x @ np.array([2e-3, 1.0, 50.0]) + 0.1 * rng.normal(size=70)
    case("07-badly-scaled", x, y, 0.1,
         "hard: columns scaled 1e3, 1, 1e-3 with alpha = 0.1: the tiny column's weight is cut to 0, the others not")

    x = correlated(rng, 40, 4, 0.8, offset=-2.0)
    y = x @ np.array([1.5, -1.0, 0.5, 2.0]) + 3.0 + 0.3 * rng.normal(size=40)
    case("08-max-sweeps-1", x, y, 0.05 * alpha_max(x, y),
         "edge: maxSweeps = 1: exactly one cyclic sweep j = 0..d-1 from w = 0, each update using the ones before it",
         max_sweeps=1, capped=True)
    case("09-max-sweeps-3", x, y, 0.05 * alpha_max(x, y),
         "edge: maxSweeps = 3 stops long before convergence: the weights after exactly 3 sweeps", max_sweeps=3,
         capped=True)

    x = rng.normal(size=(25, 1)) * 2.0 + 1.0
    y = -1.5 * x[:, 0] + 2.0 + 0.5 * rng.normal(size=25)
    case("10-d-1", x, y, 0.4 * alpha_max(x, y), "edge: d=1: w = S(rho, alpha) / var(x) in one sweep")

    x = rng.normal(size=(30, 4))
    y = x @ np.array([0.5, -0.25, 1.0, 0.1]) - 2.0 + 0.1 * rng.normal(size=30)
    case("11-tiny-alpha", x, y, 1e-8, "edge: alpha = 1e-8: essentially least squares, every weight non-zero")

    x = correlated(rng, 200, 15, 0.3, offset=0.5)
    truth = np.zeros(15)
    truth[[0, 3, 7, 11]] = [2.0, -1.0, 0.5, -0.3]
    y = x @ truth + 1.0 + 0.5 * rng.normal(size=200)
    case("12-larger", x, y, 0.03 * alpha_max(x, y), "random: n=200 d=15, pairwise correlation 0.3, 4 true features",
         catches=("threshold-alpha-n",))

    for line in REPORT:
        print(line)
    print(f"max deviation own stopping rule (tol={TOL:g}) vs sklearn optimum: {MAX_DEV['rule']:.2e}; "
          f"capped iterates vs sklearn: {MAX_DEV['capped']:.2e}; sklearn vs exact KKT solve: {MAX_DEV['kkt']:.2e}")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
