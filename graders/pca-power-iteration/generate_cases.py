#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the pca-power-iteration kata.

Run with Debian's python3 (python3-numpy):
    /usr/bin/python3 graders/pca-power-iteration/generate_cases.py

Expected values are the exact top-k eigenpairs from numpy.linalg.eigh (eigenvalues in decreasing order; each
eigenvector as a row, flipped so that its entry of largest |value| is positive) — not the output of a power iteration.
Cross-checks, all asserted:
  * the case is well posed: A is symmetric PSD, the eigenvalues up to the (k+1)-th are distinct (so the top-k
    eigenvectors are unique up to sign), and the sign rule's largest |entry| beats the runner-up by > 1e-3;
  * the convergence guarantee the statement promises: for every j < k, tan(angle(start_j, v_j)) * (lam_{j+1} / lam_j)^T
    <= 1e-12, measured on the true eigenpairs (the power iteration on the deflated matrix converges at that rate);
  * an own numpy implementation of the statement's algorithm (T steps of v <- Bv/|Bv| from the start row, Rayleigh
    quotient, Hotelling deflation B <- B - lam v v^T, sign rule) lands within 1% of the grader's tolerance of eigh;
  * each mutant the C# tests carry (no deflation, no normalisation, the Rayleigh quotient of the unnormalised
    iterate, deflation without the eigenvalue, the start orthogonalised once instead of deflating, no sign rule, a
    stop on the eigenvalue's change) is off by > 100x the tolerance (or not finite) on at least one case, and the two
    whose C# mutants expect NonFinite (no normalisation; the unnormalised Rayleigh quotient, lam^3 compounding through
    the deflations) are not finite on at least one golden case, so that verdict does not depend on the random cases. The report
    also says where the norm |Bv| as the eigenvalue would fail: nowhere, since |Bv| -> lam for PSD matrices.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "pca-power-iteration"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = 1e-9  # the grader's atol = rtol


def sign_rule(v):
    top = np.argmax(np.abs(v), axis=1)
    return v * np.sign(v[np.arange(len(v)), top])[:, None]


def power_iteration(a, start, iterations, variant="exact"):
    """The statement's algorithm; `variant` names a mutant for the detection check."""
    k, d = start.shape
    b = a.copy()
    values, vectors = [], []
    with np.errstate(all="ignore"):
        for j in range(k):
            v = start[j] / np.linalg.norm(start[j])
            if variant == "orthogonalise-once":
                for u in vectors:
                    v = v - (u @ v) * u
                v = v / np.linalg.norm(v)
            prev_lam = None
            for _ in range(iterations):
                w = b @ v
                if variant == "no-normalisation":
                    v = w
                    continue
                v = w / np.linalg.norm(w)
                if variant == "stop-on-eigenvalue":
                    lam = v @ b @ v
                    if prev_lam is not None and abs(lam - prev_lam) <= 1e-12 * abs(lam):
                        break
                    prev_lam = lam
            if variant == "no-normalisation":
                v = v / np.linalg.norm(v)
            if variant == "norm-eigenvalue":
                lam = np.linalg.norm(b @ v)
            elif variant == "unnormalised-rayleigh":
                w = b @ v
                lam = w @ b @ w
            else:
                lam = v @ b @ v
            if variant == "deflate-without-eigenvalue":
                b = b - np.outer(v, v)
            elif variant not in ("no-deflation", "orthogonalise-once"):
                b = b - lam * np.outer(v, v)
            values.append(lam)
            vectors.append(v)
    vectors = np.array(vectors)
    if variant != "no-sign-rule":
        with np.errstate(all="ignore"):
            vectors = sign_rule(vectors)
    return np.array(values), vectors


def used(a, b):
    if not np.all(np.isfinite(a)):
        return np.inf
    return float(np.max(np.abs(a - b) / (TOL + TOL * np.abs(b))))


WRITTEN = []
MUTANTS = ["no-deflation", "no-normalisation", "unnormalised-rayleigh", "deflate-without-eigenvalue",
           "orthogonalise-once", "no-sign-rule", "stop-on-eigenvalue"]
DETECTED = {m: [] for m in MUTANTS}
NOT_FINITE = {m: [] for m in MUTANTS}
NORM_EIGENVALUE = []


def case(name, a, start, iterations, note):
    a = np.ascontiguousarray(a, dtype=np.float64)
    start = np.ascontiguousarray(start, dtype=np.float64)
    d = a.shape[0]
    k = start.shape[0]
    assert a.shape == (d, d) and start.shape[1] == d and 1 <= k <= d and iterations >= 1
    assert np.array_equal(a, a.T), (name, "not symmetric")
    w, v = np.linalg.eigh(a)
    w, v = w[::-1], v[:, ::-1]
    assert w[-1] >= -1e-12 * w[0], (name, "not PSD", w)
    values = w[:k].copy()
    vectors = sign_rule(v[:, :k].T.copy())

    # well posed: distinct eigenvalues up to the (k+1)-th, stable sign rule
    lam = np.concatenate([np.maximum(w, 0), [0.0]])
    gaps = (lam[:k] - lam[1:k + 1]) / lam[0]
    if k == d:
        gaps = gaps[:-1] if k > 1 else np.array([1.0])
    assert gaps.min() > 1e-3, (name, "eigengap", gaps)
    if d > 1:
        mags = np.sort(np.abs(vectors), axis=1)[:, ::-1]
        assert (mags[:, 0] - mags[:, 1]).min() > 1e-3, (name, "sign rule ambiguous")

    # the convergence guarantee, on the true eigenpairs
    worst = 0.0
    for j in range(k):
        s = start[j] / np.linalg.norm(start[j])
        cos = abs(s @ v[:, j])
        assert cos > 0, (name, "start orthogonal to its eigenvector")
        ratio = lam[j + 1] / lam[j] if j + 1 <= d - 1 else 0.0
        bound = np.sqrt(max(0.0, 1 - cos ** 2)) / cos * ratio ** iterations
        worst = max(worst, bound)
    assert worst <= 1e-12, (name, "iterations too few for the guarantee", worst)

    pv, pvec = power_iteration(a, start, iterations)
    dev = max(used(pv, values), used(pvec, vectors))
    assert dev <= 0.01, (name, "the statement's algorithm misses eigh by more than 1% of the tolerance", dev)

    caught = []
    for m in MUTANTS + ["norm-eigenvalue"]:
        mv, mvec = power_iteration(a, start, iterations, m)
        off = max(used(mv, values), used(mvec, vectors))
        if off > 100:
            (NORM_EIGENVALUE if m == "norm-eigenvalue" else DETECTED[m]).append(name)
            if not np.isfinite(off):
                NOT_FINITE.setdefault(m, []).append(name)
            caught.append(m if np.isfinite(off) else m + " (not finite)")
    print(f"{name}: d={d} k={k} T={iterations}; eigenvalues {np.array2string(values, precision=4)}; "
          f"min gap {gaps.min():.1e}; convergence bound {worst:.1e}; power iteration uses {dev:.1e} of the tolerance; "
          f"tells apart: {', '.join(caught) or 'none'}")

    tensors = {"in.a": a, "in.start": start, "out.eigenvalues": values, "out.eigenvectors": vectors}
    meta = {"kata": SLUG, "args": json.dumps({"iterations": int(iterations)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def psd(rng, eigenvalues):
    """Q diag(eigenvalues) Q^T for a random orthogonal Q, symmetrised exactly."""
    d = len(eigenvalues)
    q = np.linalg.qr(rng.normal(size=(d, d)))[0]
    a = (q * np.asarray(eigenvalues, dtype=np.float64)) @ q.T
    return (a + a.T) / 2, q


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2718)

    a, _ = psd(rng, [10, 5, 2.5, 1.2, 0.6, 0.3])
    case("01-basic", a, rng.normal(size=(3, 6)), 100, "basic: d=6, k=3, eigenvalues 10, 5, 2.5, 1.2, 0.6, 0.3")

    a, _ = psd(rng, [4, 1.5, 1, 0.5, 0.2])
    case("02-k-1", a, rng.normal(size=(1, 5)), 80, "edge: k=1, the dominant eigenpair only")

    a, _ = psd(rng, [6, 3, 1.5, 0.5])
    case("03-k-equals-d", a, rng.normal(size=(4, 4)), 100,
         "edge: k=d=4: after 3 deflations the last eigenvector is what is left")

    case("04-d-1", np.array([[3.5]]), np.array([[-2.0]]), 5,
         "edge: d=1: the eigenvector is [1] (sign rule; the start is negative), the eigenvalue 3.5")

    data = rng.normal(size=(6, 10)) * np.array([5, 4, 3, 2.5, 2, 1.5, 1, 0.8, 0.6, 0.5])
    cov = np.cov(data, rowvar=False)
    cov = (cov + cov.T) / 2
    case("05-covariance-rank-deficient", cov, rng.normal(size=(3, 10)), 100,
         "edge: the sample covariance of 6 points in 10-d (rank 5, eigenvalue 0 five times), k=3")

    a, q = psd(rng, [8, 4, 2, 1, 0.5])
    start = rng.normal(size=(2, 5))
    for j in range(2):   # leave only a 1e-8 component along the target eigenvector
        start[j] -= (start[j] @ q[:, j]) * q[:, j]
        start[j] += 1e-8 * np.linalg.norm(start[j]) * q[:, j]
    case("06-start-nearly-orthogonal", a, start, 90,
         "hard: each start row has only a 1e-8 component along its eigenvector; 90 steps at ratio 1/2 still converge")

    a, _ = psd(rng, 1e3 * np.array([8, 4, 2, 1, 0.5, 0.25]))
    case("07-large-scale", a, rng.normal(size=(4, 6)), 100,
         "hard: eigenvalues 8000 ... 250: |A^100 v| overflows float64 unless v is normalised every step")

    a, _ = psd(rng, 1e-4 * np.array([8, 4, 2, 1, 0.5]))
    case("08-tiny-scale", a, rng.normal(size=(2, 5)), 120,
         "hard: eigenvalues 8e-4 ... 5e-5: |A^120 v| underflows to 0 unless v is normalised every step")

    a, q = psd(rng, [5, 2, 1, 0.4])
    start = -q[:, :3].T + 0.05 * rng.normal(size=(3, 4))
    case("09-negative-start", a, start, 100,
         "edge: each start row points roughly at MINUS its eigenvector, so the iterate converges to -v: apply the sign rule")

    a, _ = psd(rng, [10, 9, 4, 1])
    case("10-close-gap", a, rng.normal(size=(2, 4)), 320,
         "hard: lam2/lam1 = 0.9, so the first vector needs hundreds of steps (0.9^320 = 2e-15)")

    a, _ = psd(rng, [7, 3, 1.2, 0.4, 0.1])
    row = rng.normal(size=5)
    case("11-same-start-rows", a, np.tile(row, (3, 1)), 120,
         "edge: all three start rows are the same vector; deflation alone must steer each to its own eigenvector")

    a, _ = psd(rng, 6 * 0.7 ** np.arange(20))
    case("12-larger", a, rng.normal(size=(5, 20)), 100, "random: d=20, k=5, eigenvalues 6 * 0.7^i")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    for m, cases in DETECTED.items():
        assert cases, f"mutant {m} is not detected by any case"
        print(f"mutant {m}: detected by {', '.join(cases)}; not finite on {', '.join(NOT_FINITE[m]) or 'none'}")
    # The C# mutants of these two expect NonFinite, which golden cases must make certain (random cases may add more).
    assert NOT_FINITE["no-normalisation"] and NOT_FINITE["unnormalised-rayleigh"], NOT_FINITE
    print(f"the norm |Bv| as the eigenvalue: off by > 100x the tolerance on {NORM_EIGENVALUE or 'no case'}")
    print(f"numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
