#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the soft-margin-svm kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/soft-margin-svm/generate_cases.py

Expected values: scikit-learn's SVC(kernel, C, gamma, tol=1e-12, shrinking=False) gives the support vectors and dual
coefficients. libsvm (inside SVC) keeps the kernel matrix in float32 ("Qfloat"), so its optimum is that of a slightly
perturbed problem: its decision values are 1e-8..1e-4 away from the exact float64 optimum (the report prints how far).
The script therefore polishes scikit-learn's answer exactly: with scikit-learn's partition of the points into
alpha = 0, 0 < alpha < C and alpha = C, it solves the KKT linear system on the free set in float64
    Q_FF a_F + y_F b = 1 - Q_FB a_B,     y_F . a_F = -y_B . a_B,      Q = (y y^T) * K
and then checks every KKT condition of the result (0 < a_F < C; y_i f(x_i) >= 1 where a = 0, <= 1 where a = C,
= 1 where free, all to 1e-10), so the expected decision values are the exact optimum's, not libsvm's float32 one.
With no free support vector, b is the midpoint of the interval of optimal biases (libsvm's rule, stated in the README).

Cross-checks (asserted): the polished optimum is within 2e-4 of scikit-learn's raw decision function (the float32
perturbation) and within 1e-8 of an independent SMO written here in numpy (libsvm's second-order working-set
selection, run to a KKT gap of 1e-12). Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.svm import SVC

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "soft-margin-svm"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


def kernel_matrix(a, b, kernel, gamma):
    if kernel == "linear":
        return a @ b.T
    diff = a[:, None, :] - b[None, :, :]          # direct differences: exact even far from the origin
    return np.exp(-gamma * np.einsum("ijk,ijk->ij", diff, diff))


def up_low(y, a, c):
    up = ((y > 0) & (a < c)) | ((y < 0) & (a > 0))
    low = ((y > 0) & (a > 0)) | ((y < 0) & (a < c))
    return up, low


def bias_from(y, a, c, v):
    free = (a > 0) & (a < c)
    if free.any():
        return float(v[free].mean())
    up, low = up_low(y, a, c)
    return float((np.max(v[up]) + np.min(v[low])) / 2)


def numpy_smo(x, y, c, kernel, gamma, tol=1e-12, max_iter=10**6):
    """Independent solver: SMO with libsvm's second-order working-set selection (Fan, Chen & Lin 2005)."""
    n = len(y)
    k = kernel_matrix(x, x, kernel, gamma)
    q = (y[:, None] * y[None, :]) * k
    a = np.zeros(n)
    g = -np.ones(n)                                # gradient of 1/2 a^T Q a - 1^T a
    for it in range(max_iter):
        up, low = up_low(y, a, c)
        v = -y * g
        i = int(np.argmax(np.where(up, v, -np.inf)))
        if v[i] - np.min(np.where(low, v, np.inf)) <= tol:
            break
        curv = np.maximum(k[i, i] + np.diag(k) - 2 * k[i], 1e-12)
        gain = np.where(low & (v < v[i]), -((v[i] - v) ** 2) / curv, np.inf)
        j = int(np.argmin(gain))
        t = (v[i] - v[j]) / curv[j]
        # a_i += y_i t, a_j -= y_j t keeps sum a y fixed; clip t to the box of both
        lo, hi = -np.inf, np.inf
        for idx, s in ((i, y[i]), (j, -y[j])):
            lo_k, hi_k = sorted(((0 - a[idx]) / s, (c - a[idx]) / s))
            lo, hi = max(lo, lo_k), min(hi, hi_k)
        t = min(max(t, lo), hi)
        di, dj = y[i] * t, -y[j] * t
        a[i] = min(max(a[i] + di, 0.0), c)
        a[j] = min(max(a[j] + dj, 0.0), c)
        g += q[:, i] * di + q[:, j] * dj
    else:
        raise RuntimeError("numpy SMO did not converge")
    return a, bias_from(y, a, c, -y * g), it


def polish(x, y, c, kernel, gamma, a_sk):
    """Exact optimum on scikit-learn's active set; asserts every KKT condition."""
    k = kernel_matrix(x, x, kernel, gamma)
    q = (y[:, None] * y[None, :]) * k
    eps = 1e-7 * c
    lower, upper = a_sk <= eps, a_sk >= c - eps
    free = ~(lower | upper)
    f_idx, b_idx = np.where(free)[0], np.where(~free)[0]
    a = np.where(upper, c, 0.0)
    m = len(f_idx)
    if m:
        sys_ = np.zeros((m + 1, m + 1))
        rhs = np.zeros(m + 1)
        sys_[:m, :m] = q[np.ix_(f_idx, f_idx)]
        sys_[:m, m] = y[f_idx]
        sys_[m, :m] = y[f_idx]
        rhs[:m] = 1 - q[np.ix_(f_idx, b_idx)] @ a[b_idx]
        rhs[m] = -(y[b_idx] @ a[b_idx])
        # lstsq, not solve: duplicated free points make Q_FF singular (their alphas are not unique, only their sum);
        # the system is consistent, and the KKT check below proves the solution it picks is an optimum.
        sol = np.linalg.lstsq(sys_, rhs, rcond=None)[0]
        a[f_idx] = sol[:m]
        b = float(sol[m])
    v = y * (1 - q @ a)                            # v_i = y_i - f_w(x_i): the bias each point asks for
    if not m:
        b = bias_from(y, a, c, v)
    yf = q @ a + y * b                             # y_i f(x_i)
    assert np.all(a[f_idx] > 0) and np.all(a[f_idx] < c), "active set from scikit-learn is not the optimum's"
    viol = max(np.max(np.maximum(0, 1 - yf[lower]), initial=0), np.max(np.maximum(0, yf[upper] - 1), initial=0),
               np.max(np.abs(yf[free] - 1), initial=0))
    assert viol <= 1e-10, ("KKT violated after polishing", viol)
    assert abs(a @ y) <= 1e-12 * max(1, c) * len(y)
    return a, b, viol, int(m)


def sklearn_fit(x, y, c, kernel, gamma):
    clf = SVC(C=c, kernel=kernel, gamma=gamma if kernel == "rbf" else "scale", tol=1e-12, shrinking=False,
              max_iter=-1).fit(x, y)
    a = np.zeros(len(y))
    a[clf.support_] = np.abs(clf.dual_coef_[0])
    # scikit-learn's dual_coef_ is alpha_i y_i of its own class order: check that sign convention matches y
    assert np.allclose(clf.dual_coef_[0], a[clf.support_] * y[clf.support_]) or \
        np.allclose(-clf.dual_coef_[0], a[clf.support_] * y[clf.support_])
    return clf, a


REPORT = []
WRITTEN = []
MAX_DEV = {"sklearn": 0.0, "numpy_smo": 0.0}


def case(name, x, y, queries, c, kernel, gamma, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    queries = np.ascontiguousarray(queries, dtype=np.float64)
    n = len(y)
    assert set(np.unique(y)) == {-1.0, 1.0}, "both classes must be present"
    clf, a_sk = sklearn_fit(x, y, c, kernel, gamma)
    a, b, viol, n_free = polish(x, y, c, kernel, gamma, a_sk)
    decision = kernel_matrix(queries, x, kernel, gamma) @ (a * y) + b
    # the sign of scikit-learn's decision function follows its classes_ order ([-1, 1]): positive means +1
    dev_sk = float(np.max(np.abs(clf.decision_function(queries) - decision)))
    assert dev_sk <= 2e-4, (name, dev_sk)
    a_np, b_np, it_np = numpy_smo(x, y, c, kernel, gamma)
    dec_np = kernel_matrix(queries, x, kernel, gamma) @ (a_np * y) + b_np
    dev_np = max(float(np.max(np.abs(dec_np - decision))), abs(b_np - b))
    assert dev_np <= 1e-8, (name, dev_np)
    MAX_DEV["sklearn"] = max(MAX_DEV["sklearn"], dev_sk)
    MAX_DEV["numpy_smo"] = max(MAX_DEV["numpy_smo"], dev_np)
    n_sv = int(np.sum(a > 0))
    REPORT.append(f"{name}: n={n} d={x.shape[1]} m={len(queries)} {kernel} C={c:g} gamma={gamma:g}: SVs={n_sv} "
                  f"free={n_free} b={b:.6g} max|f|={np.max(np.abs(decision)):.3g} min|f|={np.min(np.abs(decision)):.2g}; "
                  f"KKT viol={viol:.1e}; |f - sklearn|={dev_sk:.1e}; |f - numpy SMO ({it_np} it)|={dev_np:.1e}")
    args = {"c": c, "kernel": kernel, "gamma": gamma}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    tensors = {
        "in.x": x, "in.y": y, "in.queries": queries,
        "out.decision": decision,
        "out.bias": np.array(b, dtype=np.float64),
        "out.alpha_box_violation": np.zeros(n),
        "out.alpha_y_sum": np.array(0.0),
    }
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))
    assert os.path.getsize(path) < 200_000, path


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20240915)

    def noisy_linear(n, d, w, b, noise):
        x = rng.normal(size=(n, d))
        return x, np.where(x @ w + b + noise * rng.normal(size=n) > 0, 1.0, -1.0)

    # 01 linear, overlapping classes
    x, y = noisy_linear(40, 2, np.array([1.0, -2.0]), 0.3, 0.8)
    case("01-linear-basic", x, y, rng.normal(size=(25, 2)), 1.0, "linear", 0.0,
         "basic: linear kernel, n=40 d=2, overlapping classes, C=1")
    # 02 rbf, a ring
    x = rng.normal(size=(60, 2))
    y = np.where(np.sum(x * x, 1) + 0.3 * rng.normal(size=60) > 1.2, 1.0, -1.0)
    case("02-rbf-ring", x, y, rng.normal(size=(30, 2)), 1.0, "rbf", 1.0,
         "basic: RBF kernel gamma=1, n=60 d=2, one class inside a ring of the other, C=1")
    # 03 no free support vector: bias is the midpoint of the optimal interval
    case("03-no-free-sv-midpoint", np.array([[2.0], [0.0]]), np.array([1.0, -1.0]),
         np.array([[2.0], [0.0], [1.0], [-1.5], [4.0]]), 0.1, "linear", 0.0,
         "edge: n=2, C=0.1 caps both alphas at C, no free support vector: the bias is the midpoint rule (b=-0.2)")
    # 04 separable, large C (hard-margin limit)
    x = rng.normal(size=(30, 2))
    y = np.where(x @ np.array([1.0, 1.0]) > 0, 1.0, -1.0)
    x += 0.5 * y[:, None] * np.array([1.0, 1.0]) / np.sqrt(2)
    case("04-separable-large-c", x, y, rng.normal(size=(20, 2)), 1000.0, "linear", 0.0,
         "edge: linearly separable, C=1000 (hard-margin limit: every support vector is free, alpha < C)")
    # 05 duplicate points, including one with both labels (eta = 0 for those pairs)
    x = rng.normal(size=(16, 2))
    y = np.where(x[:, 0] > 0, 1.0, -1.0)
    x = np.vstack([x, x[:3], x[3:4]])
    y = np.concatenate([y, y[:3], -y[3:4]])
    case("05-duplicate-points", x, y, rng.normal(size=(15, 2)), 2.0, "rbf", 0.5,
         "edge: duplicated points (K_ii + K_jj - 2K_ij = 0 for those pairs) and one point given both labels, RBF gamma=0.5, C=2")
    # 06 imbalanced
    x = rng.normal(size=(60, 3))
    y = -np.ones(60)
    y[rng.choice(60, size=5, replace=False)] = 1.0
    x[y > 0] += np.array([1.5, 0.0, -1.0])
    case("06-imbalanced", x, y, rng.normal(size=(20, 3)), 5.0, "rbf", 0.3,
         "edge: 5 positives out of 60, RBF gamma=0.3, C=5")
    # 07 large gamma: K ~ identity, every point a support vector
    x = rng.normal(size=(25, 2))
    y = np.where(rng.random(25) > 0.5, 1.0, -1.0)
    y[:2] = [1.0, -1.0]
    case("07-rbf-large-gamma", x, y, np.vstack([x[:5], rng.normal(size=(10, 2))]), 10.0, "rbf", 50.0,
         "edge: RBF gamma=50 (kernel ~ identity): every point is a support vector; queries include 5 training points")
    # 08 small gamma: nearly linear, ill-conditioned kernel matrix
    x, y = noisy_linear(50, 2, np.array([1.0, 0.5]), -0.2, 0.5)
    case("08-rbf-small-gamma", x, y, rng.normal(size=(20, 2)), 10.0, "rbf", 0.05,
         "hard: RBF gamma=0.05, C=10: smooth kernel, ill-conditioned kernel matrix")
    # 09 far from the origin: ||a||^2 + ||b||^2 - 2ab loses the distances to cancellation
    x = rng.normal(size=(40, 2))
    y = np.where(x[:, 0] * x[:, 1] + 0.2 * rng.normal(size=40) > 0, 1.0, -1.0)
    offset = np.array([1e5, -7e4])
    case("09-far-from-origin", x + offset, y, rng.normal(size=(20, 2)) + offset, 1.0, "rbf", 2.0,
         "hard: RBF gamma=2 on points near (1e5, -7e4): distances must not lose precision (||a||^2 + ||b||^2 - 2a.b cancels)")
    # 10 small C: most alphas at C
    x, y = noisy_linear(50, 3, np.array([0.5, -1.0, 1.0]), 0.0, 1.5)
    case("10-small-c", x, y, rng.normal(size=(20, 3)), 0.05, "linear", 0.0,
         "edge: C=0.05, most alphas sit at C, few free support vectors")
    # 11 one feature
    x = np.sort(rng.normal(size=(30, 1)), axis=0)
    y = np.where(np.abs(x[:, 0]) < 0.7, 1.0, -1.0)
    case("11-d-1-rbf", x, y, np.linspace(-2.5, 2.5, 21)[:, None], 1.0, "rbf", 2.0,
         "edge: d=1, positives in the middle of the line, RBF gamma=2")

    for line in REPORT:
        print(line)
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"max |decision - sklearn raw| = {MAX_DEV['sklearn']:.2e} (libsvm's float32 kernel cache); "
          f"max |decision - numpy SMO| = {MAX_DEV['numpy_smo']:.2e}")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
