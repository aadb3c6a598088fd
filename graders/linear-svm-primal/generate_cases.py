#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the linear-svm-primal kata (Pegasos with a given schedule).

Run with Debian's python3 (python3-numpy, python3-sklearn):
    /usr/bin/python3 graders/linear-svm-primal/generate_cases.py

The kata's recurrence, for t = 1 .. T (T = len(order)), from w = 0, no bias:
    i = order[t-1];  eta = 1 / (lambda * t)
    if y_i <w, x_i> < 1:  w = (1 - eta*lambda) w + eta y_i x_i      # margin of the CURRENT w, strict "< 1"
    else:                 w = (1 - eta*lambda) w
    if project:           w = min(1, (1/sqrt(lambda)) / ||w||) w      # w = 0 stays 0
Expected w: this recurrence in numpy float64. Cross-checks, all asserted:
  * the same recurrence in 60-digit decimal arithmetic (Python's decimal module, inputs converted exactly): every
    hinge decision identical, w equal to the float64 one within 1e-12 relative;
  * no near-ties: every margin y_i <w, x_i> is at least 1e-9 away from 1 in the decimal run -- except the designed
    exact tie (dyadic inputs, margin exactly 1 at t = 2, where the float64 value is exact whatever the order of
    operations), so rounding cannot flip a hinge decision;
  * each plausible mistake (no projection, inverted hinge condition, eta = 1/(lambda (t+1)), margin taken after the
    shrink, "<= 1", radius 1/lambda, ignoring the given order) changes the answer far beyond the tolerance on the
    cases meant to catch it (printed);
  * on the long run, Pegasos lands near the SVM optimum: its primal objective (lambda/2)||w||^2 + mean hinge is within
    10% of scikit-learn's LinearSVC(loss="hinge", fit_intercept=False, C = 1/(lambda n)) optimum (printed).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys
import warnings
from decimal import Decimal, getcontext

import numpy as np
import sklearn
from sklearn.svm import LinearSVC

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "linear-svm-primal"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
GRADING_TOL = 1e-9     # LinearSvmPrimalGrader's tolerance (atol = rtol)
REPORT, WRITTEN = [], []
getcontext().prec = 60


def pegasos(x, y, lam, order, project, mistake=None):
    """The kata's recurrence in float64 (or one plausible mistake). Returns w and the margins seen."""
    n, d = x.shape
    w = np.zeros(d)
    margins = []
    radius = 1.0 / np.sqrt(lam) if mistake != "radius-1/lambda" else 1.0 / lam
    for step, i in enumerate(order):
        t = step + 1
        i = t % n if mistake == "ignores-order" else int(i)
        tt = {"eta-t-plus-1": t + 1}.get(mistake, t)
        eta = 1.0 / (lam * tt)
        shrunk = (1.0 - eta * lam) * w
        m = y[i] * (shrunk @ x[i] if mistake == "margin-after-shrink" else w @ x[i])
        margins.append(m)
        hinge = {"inverted": m >= 1.0, "non-strict": m <= 1.0}.get(mistake, m < 1.0)
        w = shrunk + eta * y[i] * x[i] if hinge else shrunk
        if project and mistake != "no-projection":
            norm = np.linalg.norm(w)
            if norm > radius:
                w = w * (radius / norm)
    return w, np.array(margins)


def pegasos_decimal(x, y, lam, order, project):
    """The recurrence in 60-digit decimal arithmetic, from the exact values of the float64 inputs."""
    X = [[Decimal(float(v)) for v in row] for row in x]
    Y = [Decimal(float(v)) for v in y]
    L = Decimal(float(lam))
    radius = 1 / L.sqrt()
    w = [Decimal(0)] * x.shape[1]
    margins, hinges = [], []
    for step, i in enumerate(order):
        t = step + 1
        i = int(i)
        eta = 1 / (L * t)
        m = Y[i] * sum(a * b for a, b in zip(w, X[i]))
        margins.append(m)
        shrink = 1 - eta * L
        hinges.append(m < 1)
        w = [shrink * a + (eta * Y[i] * b if m < 1 else 0) for a, b in zip(w, X[i])]
        if project:
            norm = sum(a * a for a in w).sqrt()
            if norm > radius:
                w = [a * (radius / norm) for a in w]
    return w, margins, hinges


def primal_objective(x, y, lam, w):
    return float(lam / 2 * w @ w + np.maximum(0.0, 1.0 - y * (x @ w)).mean())


def case(name, x, y, lam, order, project, note, exact_tie=False, catches=(), optimum_check=False):
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    order = np.ascontiguousarray(order, dtype=np.int64)
    n, d = x.shape
    assert set(np.unique(y)) <= {-1.0, 1.0} and order.min() >= 0 and order.max() < n and lam > 0
    w, margins = pegasos(x, y, lam, order, project)

    wd, margins_d, hinges_d = pegasos_decimal(x, y, lam, order, project)
    assert [bool(m < 1.0) for m in margins] == hinges_d, (name, "a hinge decision differs from the exact run")
    wd = np.array([float(v) for v in wd])
    dev = float(np.max(np.abs(wd - w))) / max(1.0, float(np.max(np.abs(wd))))
    assert dev <= 1e-12, (name, "float64 run drifts from the exact one", dev)
    gaps = [abs(m - 1) for m in margins_d]
    ties = sum(g == 0 for g in gaps)
    gap = min([g for g in gaps if g != 0], default=Decimal("inf"))
    assert gap > Decimal("1e-9"), (name, "near-tie: a hinge decision could depend on rounding", gap)
    assert ties == (1 if exact_tie else 0), (name, "exact ties", ties)

    offs = {}
    for mistake in ("no-projection", "inverted", "eta-t-plus-1", "margin-after-shrink", "non-strict",
                    "radius-1/lambda", "ignores-order"):
        with np.errstate(all="ignore"):
            wm, _ = pegasos(x, y, lam, order, project, mistake)
        err = np.abs(wm - w) / (GRADING_TOL * (1 + np.abs(w)))
        offs[mistake] = float(np.max(err)) if np.all(np.isfinite(err)) else np.inf
    for mistake in catches:
        assert offs[mistake] > 1e3, (name, mistake, "should catch this mistake", offs[mistake])

    extra = ""
    if optimum_check:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            svc = LinearSVC(loss="hinge", fit_intercept=False, C=1.0 / (lam * n), tol=1e-10, max_iter=1_000_000,
                            dual=True).fit(x, y)
        best = primal_objective(x, y, lam, svc.coef_[0])
        mine = primal_objective(x, y, lam, w)
        assert best <= mine + 1e-9 and mine <= 1.1 * best, (name, "Pegasos far from the SVM optimum", mine, best)
        extra = f"; primal objective {mine:.6g} vs LinearSVC optimum {best:.6g} (+{100 * (mine / best - 1):.2f}%)"
    hinge_steps = int(sum(bool(m < 1.0) for m in margins))
    REPORT.append(f"{name}: n={n} d={d} lambda={lam:g} T={len(order)} project={project} hinge steps={hinge_steps} "
                  f"|w|={np.linalg.norm(w):.4g} (radius {1 / np.sqrt(lam):.4g}); exact-run dev {dev:.1e}, "
                  f"closest margin to 1: {float(gap):.1e}{', one exact tie' if ties else ''}{extra}; mistakes off by "
                  + ", ".join(f"{k} {v:.0e}x" for k, v in offs.items()))
    path = os.path.join(OUT_DIR, name + ".safetensors")
    tensors = {"in.x": x, "in.y": y, "in.order": order, "out": w}
    meta = {"kata": SLUG, "args": json.dumps({"lambda": lam, "project": project}), "note": note}
    write_safetensors(path, tensors, meta)
    WRITTEN.append((path, tensors, meta))


def blobs(rng, n, d, separation, noise=1.0):
    """Two overlapping classes along a random direction; both labels occur."""
    direction = rng.normal(size=d)
    direction /= np.linalg.norm(direction)
    y = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    y[:2] = [1.0, -1.0]
    x = rng.normal(size=(n, d)) * noise + np.outer(y, direction) * separation
    return x, y


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20250613)

    x, y = blobs(rng, 40, 3, 1.5)
    order = rng.integers(0, 40, size=200)
    case("01-basic", x, y, 0.1, order, False, "basic: n=40 d=3, lambda=0.1, T=200 random draws, no projection",
         catches=("inverted", "eta-t-plus-1", "ignores-order"))
    case("02-basic-projected", x, y, 0.1, order, True,
         "basic: the same data and schedule with the projection onto the ball of radius 1/sqrt(lambda)",
         catches=("no-projection", "radius-1/lambda"))

    x = np.array([[3.0, -1.0], [0.5, 2.0]])
    case("03-one-step", x, np.array([1.0, -1.0]), 0.25, np.array([0]), True,
         "edge: T=1: eta_1 = 1/lambda, so w = y x / lambda = (12, -4), then projected to radius 2",
         catches=("no-projection", "inverted"))

    # t=1: w1 = y0 x0 / lambda = (1, 0).  t=2: margin y1 <w1, x1> = 1 exactly -> NO hinge, w2 = w1 / 2 = (0.5, 0).
    x = np.array([[1.0, 0.0], [1.0, 1.0], [-1.5, 0.5], [0.5, -1.5]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    case("04-margin-exactly-1", x, y, 1.0, np.array([0, 1, 2, 3, 1, 0]), False,
         "edge: at t=2 the margin y<w,x> is exactly 1: that is NOT a violation (strict < 1), w only shrinks",
         exact_tie=True, catches=("non-strict",))

    x, y = blobs(rng, 10, 4, 1.0)
    x[0] = 0.0
    order = np.concatenate([[0], rng.integers(0, 10, size=30)])
    case("05-zero-sample-first", x, y, 0.5, order, True,
         "edge: the first sample is the zero vector: w stays 0 after step 1, and projecting 0 must not divide by 0")

    x, y = blobs(rng, 8, 3, 1.0)
    case("06-repeated-index", x, y, 0.2, np.array([3] * 25 + [5] * 25), False,
         "edge: the schedule uses sample 3 twenty-five times, then sample 5: follow the given order, not 0..n-1",
         catches=("ignores-order",))

    x = rng.normal(size=(30, 3)) + np.array([2.0, 1.0, 0.0])
    case("07-one-class", x, np.ones(30), 0.1, rng.integers(0, 30, size=100), True,
         "edge: every label is +1 (no bias, so the hinge still pulls w toward the data)")

    x, y = blobs(rng, 50, 4, 2.0)
    case("08-tiny-lambda", x, y, 1e-6, rng.integers(0, 50, size=120), False,
         "hard: lambda = 1e-6: eta_1 = 1e6, so w jumps to ~1e6 x and then shrinks as 1/t: magnitudes 1e6 apart",
         catches=("eta-t-plus-1",))

    x, y = blobs(rng, 50, 4, 1.0)
    case("09-large-lambda-projected", 4.0 * x, y, 10.0, rng.integers(0, 50, size=150), True,
         "edge: lambda = 10 and |x| ~ 8: the ball has radius 0.316, and the projection is active at many steps",
         catches=("no-projection", "radius-1/lambda"))

    x, y = blobs(rng, 100, 5, 1.2)
    case("10-long-run", x, y, 0.1, rng.integers(0, 100, size=1000), True,
         "random: n=100 d=5, lambda=0.1, T=1000: near the SVM optimum, as Pegasos promises",
         optimum_check=True, catches=("inverted", "eta-t-plus-1"))

    x = rng.normal(size=(20, 1)) + 0.5
    y = np.where(x[:, 0] + 0.5 * rng.normal(size=20) > 0.5, 1.0, -1.0)
    case("11-d-1", x, y, 0.05, rng.integers(0, 20, size=60), False, "edge: d=1")

    x, y = blobs(rng, 30, 2, 6.0, noise=0.5)
    case("12-separable-large-margin", x, y, 0.5, rng.integers(0, 30, size=80), False,
         "edge: well separated classes: after the first steps most margins are >= 1 and w only shrinks",
         catches=("inverted",))

    for line in REPORT:
        print(line)
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}, sklearn {sklearn.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
