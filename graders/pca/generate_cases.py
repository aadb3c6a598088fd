#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the pca kata.

Run with Debian's python3 (python3-sklearn, python3-numpy):
    /usr/bin/python3 graders/pca/generate_cases.py

Expected values come from scikit-learn 1.2's PCA(n_components=k, svd_solver="full") — an SVD of the centred data —
with the kata's sign rule applied afterwards (sklearn's own svd_flip makes U's largest entries positive, not the
components'): in each component, the entry of largest absolute value is positive. Outputs:
    components            sklearn components_ (rows), signs flipped by the rule          [k, d]
    explained_variance    sklearn explained_variance_ = S^2 / (n - 1)                     [k]
    explained_variance_ratio  sklearn explained_variance_ratio_ (over the total variance)  [k]
    projection            sklearn transform(points), columns flipped with their component  [m, k]
Cross-checks, all asserted:
  * an independent route — numpy's eigh of np.cov(x) (n - 1 denominator), eigenvalues sorted descending, the same
    sign rule, (points - mean) @ V — agrees within 1% of the grader's tolerance (atol = rtol = 1e-9) everywhere;
  * what makes the answer unique holds with room to spare: every eigenvalue up to the (k+1)-th is separated from the
    next by > 1e-5 of the largest (components accurate to ~1e-16/1e-5 = 1e-11) (a repeated eigenvalue would make its components arbitrary), and in every component
    the largest |entry| beats the runner-up by > 1e-3 (so the sign rule cannot flip on rounding);
  * each mutant the C# tests carry (no centring, n instead of n - 1, sign rule not applied, "first entry positive"
    instead of the rule, the one-pass covariance E[xx^T] - mean mean^T, ratio over the k kept variances, projection
    of uncentred points, ascending order) is off by more than 100x the tolerance on at least one case.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "pca"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = 1e-9  # the grader's atol = rtol


def sign_rule(v):
    """Flip each row of v so that its entry of largest |value| is positive; return the flipped rows and the signs."""
    top = np.argmax(np.abs(v), axis=1)
    signs = np.sign(v[np.arange(len(v)), top])
    return v * signs[:, None], signs


def eigh_route(x, k, points, variant="exact"):
    """PCA by eigh of the covariance; `variant` names a mutant for the detection check."""
    n = x.shape[0]
    mean = x.mean(axis=0)
    xc = x if variant == "no-centring" else x - mean
    if variant == "one-pass":
        cov = (x.T @ x - n * np.outer(mean, mean)) / (n - 1)
    else:
        cov = xc.T @ xc / (n if variant == "population" else n - 1)
    w, v = np.linalg.eigh(cov)
    order = np.arange(len(w)) if variant == "ascending" else np.argsort(w)[::-1]
    w, v = w[order], v[:, order]
    comps = v[:, :k].T
    if variant == "no-sign-rule":
        pass
    elif variant == "first-entry":
        comps = comps * np.where(comps[:, 0] < 0, -1.0, 1.0)[:, None]
    else:
        comps = sign_rule(comps)[0]
    ev = w[:k]
    ratio = ev / (ev.sum() if variant == "ratio-of-kept" else np.trace(cov))
    centre = 0.0 if variant in ("no-centring", "project-uncentred") else mean
    proj = (points - centre) @ comps.T
    return comps, ev, ratio, proj


WRITTEN = []
MUTANTS = ["no-centring", "population", "no-sign-rule", "first-entry", "one-pass", "ratio-of-kept", "project-uncentred",
           "ascending"]
DETECTED = {m: [] for m in MUTANTS}


def used(a, b):
    """The largest error of `a` against expected `b` as a fraction of the grader's allowance atol + rtol*|b|."""
    if a.shape != b.shape:
        return np.inf
    return float(np.max(np.abs(a - b) / (TOL + TOL * np.abs(b)))) if a.size else 0.0


def case(name, x, k, points, note):
    x = np.ascontiguousarray(x, dtype=np.float64)
    points = np.ascontiguousarray(points, dtype=np.float64)
    n, d = x.shape
    assert n >= 2 and 1 <= k <= min(n - 1, d), (name, n, d, k)
    pca = PCA(n_components=k, svd_solver="full").fit(x)
    comps, signs = sign_rule(pca.components_.astype(np.float64))
    ev = pca.explained_variance_.astype(np.float64)
    ratio = pca.explained_variance_ratio_.astype(np.float64)
    proj = pca.transform(points) * signs[None, :]
    assert np.allclose(proj, (points - pca.mean_) @ comps.T, rtol=1e-12, atol=1e-12 * max(1, np.abs(proj).max()))

    # uniqueness: eigengaps up to the (k+1)-th eigenvalue (0 beyond the rank), sign-rule margins
    lam = np.sort(np.linalg.eigvalsh(np.cov(x, rowvar=False).reshape(d, d)))[::-1]
    lam = np.concatenate([lam, [0.0]])
    gaps = (lam[:k] - lam[1:k + 1]) / lam[0]
    if k == d:
        gaps = gaps[:-1] if k > 1 else np.array([np.inf])
    assert gaps.min() > 1e-5, (name, "eigengap too small", gaps)
    mags = np.sort(np.abs(comps), axis=1)[:, ::-1]
    margin = float((mags[:, 0] - mags[:, 1]).min()) if d > 1 else 1.0
    assert margin > 1e-3, (name, "sign rule ambiguous", margin)

    c2, e2, r2, p2 = eigh_route(x, k, points)
    dev = max(used(c2, comps), used(e2, ev), used(r2, ratio), used(p2, proj))
    assert dev <= 0.01, (name, "numpy eigh route uses more than 1% of the tolerance", dev)

    caught = []
    for m in MUTANTS:
        mc, me, mr, mp = eigh_route(x, k, points, m)
        off = max(used(mc, comps), used(me, ev), used(mr, ratio), used(mp, proj))
        if off > 100:
            DETECTED[m].append(name)
            caught.append(m)
    print(f"{name}: n={n} d={d} k={k} m={len(points)}; var {np.array2string(ev, precision=4)}; min gap {gaps.min():.1e}; "
          f"sign margin {margin:.2e}; eigh route error {dev:.1e} of the tolerance; tells apart: {', '.join(caught) or 'none'}")

    tensors = {"in.x": x, "in.points": points, "out.components": comps, "out.explained_variance": ev,
               "out.explained_variance_ratio": ratio, "out.projection": proj}
    meta = {"kata": SLUG, "args": json.dumps({"nComponents": int(k)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def gaussian(rng, n, stds, mean, rotate=True):
    """n samples with the given standard deviations along random orthogonal axes, around `mean`."""
    d = len(stds)
    z = rng.normal(size=(n, d)) * np.asarray(stds, dtype=np.float64)
    q = np.linalg.qr(rng.normal(size=(d, d)))[0] if rotate else np.eye(d)
    return z @ q.T + mean


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(31415)

    x = gaussian(rng, 60, [5, 3, 1.5, 0.7, 0.3], rng.normal(size=5) * 3)
    case("01-basic", x, 3, gaussian(rng, 7, [4, 4, 4, 4, 4], 0),
         "basic: n=60 d=5 k=3, rotated anisotropic Gaussian with mean ~3, 7 new points")

    x = gaussian(rng, 40, [4, 2, 1, 0.5], rng.normal(size=4))
    case("02-k-equals-d", x, 4, rng.normal(size=(5, 4)) * 3,
         "edge: k=d=4, every component; the ratios sum to 1")

    x = gaussian(rng, 30, [6, 2, 1.5, 1, 0.5, 0.2], 5.0)
    case("03-k-1", x, 1, rng.normal(size=(4, 6)) * 5 + 5, "edge: k=1, only the first principal axis")

    x = rng.normal(size=(25, 1)) * 2.5 - 7
    case("04-d-1", x, 1, np.array([[-7.0], [0.0], [3.5]]),
         "edge: d=1: the component is [1], the variance is the sample variance (n-1), the ratio 1")

    x = gaussian(rng, 8, [9, 6, 4, 2.5, 1.5, 1, .8, .6, .5, .4, .3, .25, .2, .15, .1], rng.normal(size=15))
    case("05-n-less-than-d", x, 4, rng.normal(size=(3, 15)) * 2,
         "edge: n=8 < d=15: the covariance has rank 7, k=4 components")

    x = np.array([[1.0, 2.0, 3.0], [4.0, 0.0, -1.0]])
    case("06-n-2", x, 1, np.array([[1.0, 2.0, 3.0], [4.0, 0.0, -1.0], [0.0, 0.0, 0.0]]),
         "edge: n=2: one component along x1-x0, variance |x1-x0|^2/2 (n-1 = 1), ratio 1; points include both rows")

    x = gaussian(rng, 200, [3, 1.5, 0.8, 0.4], 1e6 + rng.normal(size=4) * 10)
    case("07-large-offset", x, 2, x[:5] + rng.normal(size=(5, 4)),
         "hard: coordinates near 1e6 with spread ~3: centre first; E[xx^T] - mean mean^T cancels 1e12 against 1e12")

    x = gaussian(rng, 120, [1, 1, 1, 1], 0, rotate=False) * np.array([30.0, 3.0, 0.3, 0.03])
    case("08-scaled-features", x, 3, rng.normal(size=(4, 4)) * np.array([30.0, 3.0, 0.3, 0.03]),
         "hard: feature scales 30, 3, 0.3, 0.03 (variances spanning 1e6): components close to the axes")

    # the principal axes are (-0.6, 0.8, 0) ... : the largest entry is not the first one
    q = np.array([[-0.6, 0.8, 0.0], [0.0, 0.0, 1.0], [0.8, 0.6, 0.0]])
    x = (rng.normal(size=(50, 3)) * np.array([4.0, 2.0, 1.0])) @ q + np.array([1.0, -2.0, 0.5])
    case("09-sign-rule", x, 3, rng.normal(size=(4, 3)),
         "edge: axes like (-0.6, 0.8, 0): the largest |entry| is the second, so 'first entry positive' is the wrong rule")

    x = gaussian(rng, 50, [3, 2, 1, 0.5, 0.25, 0.1], rng.normal(size=6))
    case("10-project-training", x, 3, x.copy(),
         "edge: points = x itself: the projection is the training data's scores (each column has mean 0)")

    x = gaussian(rng, 400, [8, 6, 4.5, 3.2, 2.2, 1.5, 1, 0.6, 0.35, 0.2], rng.normal(size=10) * 2)
    case("11-larger", x, 5, rng.normal(size=(20, 10)) * 4, "random: n=400 d=10 k=5, 20 new points")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    for m, cases in DETECTED.items():
        assert cases, f"mutant {m} is not detected by any case"
        print(f"mutant {m}: detected by {', '.join(cases)}")
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
