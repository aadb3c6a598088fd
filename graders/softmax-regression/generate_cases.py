#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the softmax-regression kata.

Run with Debian's python3 (python3-torch, python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/softmax-regression/generate_cases.py

The kata: minimise J(W, b) = (1/n) sum_i -log softmax(x_i W + b)[y_i] + (l2/2) ||W||_F^2 (the bias is NOT penalised)
over W [d, K] and b [K]. J is invariant to adding the same constant to every b_k, so the bias is graded centred
(b - mean(b)); W, the centred bias and the probabilities softmax(x W + b) are unique.

Fit cases: the expected (W, b) is a tight float64 Newton solve written here with torch autograd (gradient and Hessian
by autograd, the b-gauge fixed by adding v v^T / K for v = the all-ones bias direction, Armijo backtracking), iterated
until ||grad J||_2 <= 1e-13. Cross-checks, asserted:
  * scikit-learn 1.2 LogisticRegression(multi_class="multinomial", solver="newton-cg", C = 1/(n l2), tol=1e-10)
    minimises sum_i CE + ||W||^2/(2C), the same optimum: W and the centred bias agree to 1e-5 (printed: ~1e-10 on
    most cases; on the separable one its line search gives up ~2e-6 away), and J at our optimum is never above J at
    sklearn's (K = 2 is mapped from sklearn's single coef_ row, W[:, 1]; by symmetry W[:, 0] = -W[:, 1]);
  * solver="lbfgs" (sklearn's default) is only printed: it stops on its own criteria long before the optimum (up
    to ~0.3 away on the offset-features case), but J there is never below ours;
  * an independent analytic gradient in numpy is <= 1e-12 at the expected optimum;
  * the statement's stopping rule ||grad J||_2 <= 1e-11 guarantees the grading tolerance: 1e-11 / mu <= 5e-7, mu the
    smallest curvature of J at the optimum apart from the flat bias shift (autograd Hessian, exactly one zero
    eigenvalue);
  * every class occurs in y (otherwise b_k -> -inf: no optimum);
  * the kata's plausible mistakes land outside the tolerance on the cases meant to catch them (printed): one-vs-rest
    logistic regressions; C mapped as 1/l2 (summed loss); a penalised bias.
PredictProba cases: expected from the log-sum-exp form exp(z - max z) / sum exp(z - max z) in numpy, checked against
torch.softmax to 1e-15; the large-logit cases are asserted to overflow/underflow the naive exp(z)/sum(exp(z)).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
import torch
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "softmax-regression"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
GRADING_TOL = 1e-6     # SoftmaxRegressionGrader's Fit tolerance (atol = rtol)
REPORT, WRITTEN = [], []
STOP = 1e-11          # the statement's stopping rule: ||grad J||_2 <= STOP
MAX_DEV = {"newton-cg": 0.0, "lbfgs": 0.0, "grad": 0.0, "bound": 0.0}
torch.set_default_dtype(torch.float64)


def newton(x, y, k, l2, penalise_bias=False, sum_loss=False, tol=1e-13, strict=True):
    """Tight minimiser of the kata's objective (or of a mistaken variant) with autograd derivatives."""
    x = torch.as_tensor(x)
    y = torch.as_tensor(y)
    n, d = x.shape
    xa = torch.cat([x, torch.ones(n, 1)], 1)
    one_hot = torch.nn.functional.one_hot(y, k).double()
    reg = torch.full((d + 1, 1), l2)
    if not penalise_bias:
        reg[d] = 0.0
    gauge = torch.zeros(d + 1, k)
    gauge[d] = 1.0
    gauge = gauge.reshape(-1)

    def objective(theta):
        ce = -(torch.log_softmax(xa @ theta, 1) * one_hot).sum()
        return (ce if sum_loss else ce / n) + 0.5 * (reg * theta * theta).sum()

    theta = torch.zeros(d + 1, k)
    for _ in range(200):
        th = theta.clone().requires_grad_(True)
        f = objective(th)
        g, = torch.autograd.grad(f, th)
        if g.norm().item() <= tol:
            break
        h = torch.autograd.functional.hessian(objective, theta).reshape((d + 1) * k, (d + 1) * k)
        if not penalise_bias:
            h = h + torch.outer(gauge, gauge) / k   # H v = 0 along the gauge; this makes H definite, leaves the step
        step = torch.linalg.solve(h, g.reshape(-1)).reshape(d + 1, k)
        t, f0, slope = 1.0, f.item(), -(g * step).sum().item()
        while objective(theta - t * step).item() > f0 + 1e-4 * t * slope + 1e-15 * abs(f0) and t > 1e-12:
            t /= 2
        theta = theta - t * step
    else:
        assert not strict, "Newton did not converge"   # the mistaken variants only need to be roughly right
    return theta[:d].numpy().copy(), theta[d].numpy().copy()


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def gradient(x, y, k, l2, w, b):
    """Analytic gradient of J, numpy: (1/n) x^T (P - Y) + l2 W, and (1/n) sum (P - Y)."""
    n = len(y)
    r = softmax(x @ w + b) - np.eye(k)[y]
    return np.concatenate([(x.T @ r / n + l2 * w).ravel(), r.mean(axis=0)])


def objective(x, y, k, l2, w, b):
    z = x @ w + b
    m = z.max(axis=1, keepdims=True)
    lse = (m[:, 0] + np.log(np.exp(z - m).sum(axis=1)))
    return float(np.mean(lse - z[np.arange(len(y)), y]) + 0.5 * l2 * (w * w).sum())


def smallest_curvature(x, y, k, l2, w, b):
    """mu: the smallest eigenvalue of J's Hessian at the optimum apart from the flat bias shift (exactly one zero)."""
    x = torch.as_tensor(x)
    n, d = x.shape
    xa = torch.cat([x, torch.ones(n, 1)], 1)
    one_hot = torch.nn.functional.one_hot(torch.as_tensor(y), k).double()
    reg = torch.full((d + 1, 1), l2)
    reg[d] = 0.0
    theta = torch.as_tensor(np.vstack([w, b]))
    h = torch.autograd.functional.hessian(
        lambda th: -(torch.log_softmax(xa @ th, 1) * one_hot).sum() / n + 0.5 * (reg * th * th).sum(), theta)
    eig = torch.linalg.eigvalsh(h.reshape((d + 1) * k, (d + 1) * k))
    assert abs(eig[0].item()) <= 1e-12 < eig[1].item(), "expected exactly one flat direction"
    return eig[1].item()


def one_vs_rest(x, y, k, l2):
    """K independent binary L2 logistic regressions (mean loss, bias not penalised), probabilities normalised."""
    ws, bs = [], []
    for c in range(k):
        yc = (y == c).astype(np.int64)
        # The symmetric 2-class softmax W = [-u, u] is logistic regression with w = 2u; its penalty (l2'/2)(2|u|^2)
        # = (l2'/4)|w|^2 equals (l2/2)|w|^2 for l2' = 2 l2.
        w, b = newton(x, yc, 2, 2 * l2, strict=False)
        ws.append(w[:, 1] - w[:, 0])
        bs.append(b[1] - b[0])
    return np.stack(ws, 1), np.array(bs)


def off_by(w, b, w_ref, b_ref):
    bc, bc_ref = b - b.mean(), b_ref - b_ref.mean()
    return max(float(np.max(np.abs(w - w_ref) / (GRADING_TOL * (1 + np.abs(w_ref))))),
               float(np.max(np.abs(bc - bc_ref) / (GRADING_TOL * (1 + np.abs(bc_ref))))))


def fit_case(name, x, y, k, l2, note, catches=()):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.int64)
    n, d = x.shape
    assert set(np.unique(y)) == set(range(k)), (name, "every class must occur")
    w, b = newton(x, y, k, l2)
    g = float(np.linalg.norm(gradient(x, y, k, l2, w, b)))
    assert g <= 1e-12, (name, "expected optimum is not stationary", g)
    MAX_DEV["grad"] = max(MAX_DEV["grad"], g)
    mu = smallest_curvature(x, y, k, l2, w, b)
    assert STOP / mu <= 0.5 * GRADING_TOL, (name, "the stopping rule does not guarantee the tolerance", STOP / mu)
    MAX_DEV["bound"] = max(MAX_DEV["bound"], STOP / mu)

    devs = {}
    for solver, limit in (("newton-cg", 1e-5), ("lbfgs", None)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # ConvergenceWarning, scipy line-search chatter
            sk = LogisticRegression(multi_class="multinomial", solver=solver, C=1.0 / (n * l2),
                                    tol=1e-14 if solver == "newton-cg" else 1e-12, max_iter=1000).fit(x, y)
        if k == 2:
            w_sk = np.stack([-sk.coef_[0], sk.coef_[0]], 1)
            b_sk = np.array([-sk.intercept_[0], sk.intercept_[0]])
        else:
            w_sk, b_sk = sk.coef_.T, sk.intercept_
        scale = max(1.0, float(np.max(np.abs(w))), float(np.max(np.abs(b - b.mean()))))
        dev = max(float(np.max(np.abs(w_sk - w))), float(np.max(np.abs((b_sk - b_sk.mean()) - (b - b.mean()))))) / scale
        assert limit is None or dev <= limit, (name, solver, dev)
        assert objective(x, y, k, l2, w, b) <= objective(x, y, k, l2, w_sk, b_sk) + 1e-15, (name, solver, "beats us")
        MAX_DEV[solver] = max(MAX_DEV[solver], dev)
        devs[solver] = dev

    mistakes = {
        "one-vs-rest": one_vs_rest(x, y, k, l2),
        "C=1/l2": newton(x, y, k, l2, sum_loss=True, strict=False),
        "penalised-bias": newton(x, y, k, l2, penalise_bias=True, strict=False),
    }
    offs = {key: off_by(wm, bm, w, b) for key, (wm, bm) in mistakes.items()}
    for key in catches:
        assert offs[key] > 100, (name, key, "should catch this mistake", offs[key])
    proba = softmax(x @ w + b)
    REPORT.append(f"{name}: n={n} d={d} K={k} l2={l2:g} max|W|={np.max(np.abs(w)):.3g} "
                  f"b-mean(b)={np.round(b - b.mean(), 3).tolist()} min p(y)={proba[np.arange(n), y].min():.2e}; "
                  f"|grad|={g:.1e}, mu={mu:.1e}; sklearn newton-cg {devs['newton-cg']:.1e}, lbfgs {devs['lbfgs']:.1e}; mistakes off by "
                  + ", ".join(f"{key} {v:.1e}x tol" for key, v in offs.items()))
    tensors = {"in.x": x, "in.y": y, "out.weights": w, "out.bias_centred": b - b.mean(), "out.proba": proba}
    write(name, tensors, {"classes": k, "l2": l2}, "Fit", note)


def proba_case(name, x, w, b, note, naive_fails=False):
    x, w, b = (np.ascontiguousarray(a, dtype=np.float64) for a in (x, w, b))
    z = x @ w + b
    p = softmax(z)
    p_torch = torch.softmax(torch.as_tensor(z), 1).numpy()
    assert np.max(np.abs(p - p_torch)) <= 1e-15, name
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert (not np.all(np.isfinite(naive))) == naive_fails, (name, "naive exp(z)/sum exp(z)")
    REPORT.append(f"{name}: n={len(x)} K={w.shape[1]} logits in [{z.min():.4g}, {z.max():.4g}]; naive softmax "
                  f"{'non-finite' if naive_fails else 'finite'}")
    write(name, {"in.x": x, "in.weights": w, "in.bias": b, "out": p}, {}, "PredictProba", note)


def write(name, tensors, args, entry, note):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    meta = {"kata": SLUG, "args": json.dumps(args), "entry": entry, "note": note}
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))


def sample(rng, n, d, k, scale=1.0, spread=2.0):
    """Labels drawn from a true softmax model, so classes overlap (every class forced to occur)."""
    x = rng.normal(size=(n, d)) * scale
    w = rng.normal(size=(d, k)) * spread / scale
    p = softmax(x @ w + rng.normal(size=k))
    y = np.array([rng.choice(k, p=pi) for pi in p], dtype=np.int64)
    y[:k] = np.arange(k)
    return x, y


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20250612)

    x, y = sample(rng, 80, 4, 3)
    fit_case("01-basic", x, y, 3, 1e-2, "basic: n=80 d=4 K=3, l2=1e-2, overlapping classes",
             catches=("one-vs-rest", "C=1/l2", "penalised-bias"))

    x, y = sample(rng, 80, 3, 2)
    fit_case("02-two-classes", x, y, 2, 0.1,
             "edge: K=2: the softmax model is logistic regression with W[:,0] = -W[:,1] at the optimum",
             catches=("C=1/l2",))

    centres = np.array([[4.0, 0.0], [-4.0, 0.0], [0.0, 4.0]])
    yl = np.repeat(np.arange(3), 20)
    x = centres[yl] + 0.5 * rng.normal(size=(60, 2))
    fit_case("03-separable", x, yl, 3, 1e-3,
             "edge: linearly separable classes with l2=1e-3: only the penalty keeps W finite (probabilities near 1)",
             catches=("C=1/l2",))

    x, y = sample(rng, 160, 5, 8)
    fit_case("04-many-classes", x, y, 8, 1e-2, "random: K=8 classes, n=160 d=5", catches=("one-vs-rest",))

    x, y = sample(rng, 12, 20, 3)
    fit_case("05-n-less-than-d", x, y, 3, 0.1, "edge: n=12 < d=20: only the L2 penalty makes W unique")

    x, y = sample(rng, 100, 3, 3)
    x = x * np.array([100.0, 1.0, 0.01])
    fit_case("06-badly-scaled", x, y, 3, 1e-3,
             "hard: columns scaled 100, 1, 0.01 (curvatures 1e4 apart): first-order methods crawl, Newton does not")

    x = rng.normal(size=(120, 3))
    yl = np.concatenate([np.zeros(100), np.ones(15), np.full(5, 2)]).astype(np.int64)
    x[yl == 1] += [1.0, 0.5, 0.0]
    x[yl == 2] += [-0.5, 1.0, 1.0]
    fit_case("07-imbalanced", x, yl, 3, 1e-2, "edge: class sizes 100 / 15 / 5: the bias carries the class priors",
             catches=("penalised-bias",))

    x, y = sample(rng, 60, 3, 4)
    fit_case("08-strong-l2", x, y, 4, 10.0,
             "edge: l2=10: W is nearly 0 and the centred bias is nearly log(class frequency) - its mean",
             catches=("penalised-bias",))

    x, y = sample(rng, 50, 3, 3)
    x[:, 1] = 0.0
    fit_case("09-zero-column", x, y, 3, 1e-2, "edge: feature 1 is all zeros: its row of W is exactly 0")

    fit_case("10-one-sample-per-class", np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), np.array([0, 1, 2]), 3, 0.5,
             "edge: n=K=3, one sample per class")

    x, y = sample(rng, 80, 2, 3)
    x = x + np.array([50.0, -30.0])
    fit_case("11-offset-features", x, y, 3, 1e-2,
             "hard: features near (50, -30): the unpenalised bias must absorb a large offset (logits ~ 100s before it)")

    w = np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -2.0]])
    proba_case("12-proba-basic", np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [2.0, -1.0]]), w,
               np.array([0.0, 0.5, -0.5]), "basic: PredictProba on 4 points, K=3")
    x = rng.normal(size=(6, 3))
    proba_case("13-proba-huge-logits", x, rng.normal(size=(3, 4)) * 400, np.array([0.0, 300.0, -300.0, 10.0]),
               "hard: logits up to ~±1e3: exp(z) overflows to inf (inf/inf = NaN) unless you subtract the row max",
               naive_fails=True)
    proba_case("14-proba-all-very-negative", np.ones((3, 2)), np.zeros((2, 3)), np.array([-800.0, -801.0, -802.0]),
               "hard: every logit about -800: exp(z) underflows to 0 (0/0 = NaN) unless you subtract the row max",
               naive_fails=True)
    proba_case("15-proba-equal-logits", rng.normal(size=(4, 2)), np.zeros((2, 5)), np.full(5, 3.0),
               "edge: equal logits in every row: the probabilities are exactly 1/K")

    for line in REPORT:
        print(line)
    print(f"max deviation from the expected optimum: sklearn newton-cg {MAX_DEV['newton-cg']:.2e}, "
          f"sklearn lbfgs {MAX_DEV['lbfgs']:.2e}; largest |grad J| at the expected optimum {MAX_DEV['grad']:.1e}; "
          f"largest error bound {STOP:g}/mu of a fit that meets the stopping rule {MAX_DEV['bound']:.1e}")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, sklearn {sklearn.__version__}, numpy {np.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
