#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the linear-backward kata: dX, dW, db of Y = X·Wᵀ + b (torch.nn.functional.linear).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/linear-backward/generate_cases.py

dy [..., OUT], x [..., IN], w [OUT, IN] (any number of leading dims, also none).
Expected values: PyTorch AUTOGRAD (torch 1.13) of F.linear(x, w, b) with upstream gradient dy on float64 copies of the
inputs — grad.x, grad.w, grad.b (b = 0: the gradients do not depend on it) — rounded to the case's dtype.
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble) — dX = dY·W, dW = Σ over all leading
    dims of dYᵀ·X (written as an einsum over the leading axes), db = Σ dY — agrees with torch to 1e-13 relative to each
    tensor's largest magnitude (absolute below 1), and torch's values are within a tenth of the kata's tolerance of it;
  * central finite differences of Σ dy·linear(x, w, b) (step 1e-6) agree with autograd on the small cases;
  * each case fails the mistakes it targets: dW transposed (a wrong shape unless square), sums over the first dim only
    (a wrong shape for rank ≥ 3), db as a mean instead of a sum.
Seeds are fixed; the files are deterministic.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "linear-backward"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {"float64": (1e-9, 1e-9), "float32": (1e-4, 1e-4)}
WRITTEN = []


def torch_grads(dy, x, w):
    xt = torch.tensor(np.asarray(x, np.float64), requires_grad=True)
    wt = torch.tensor(np.asarray(w, np.float64), requires_grad=True)
    bt = torch.zeros(w.shape[0], dtype=torch.float64, requires_grad=True)
    y = F.linear(xt, wt, bt)
    return [g.numpy() for g in torch.autograd.grad(y, (xt, wt, bt), torch.tensor(np.asarray(dy, np.float64)))]


def numpy_grads(dy, x, w, transposed=False, first_dim_only=False, mean_db=False):
    L = np.longdouble
    dy, x, w = (np.asarray(a, dtype=L) for a in (dy, x, w))
    lead = tuple(range(x.ndim - 1))
    dx = dy @ w
    if first_dim_only:   # sums over dim 0 only: a batched [..., OUT, IN] result for rank >= 3
        dw = np.einsum("i...o,i...n->...on", dy, x) if x.ndim > 1 else np.einsum("o,n->on", dy, x)
        db = dy.sum(axis=0) if x.ndim > 1 else dy
    else:
        dw = np.tensordot(dy, x, axes=(lead, lead))
        db = dy.sum(axis=lead) if lead else dy
    if transposed:
        dw = np.swapaxes(dw, -1, -2)
    if mean_db:
        db = db / max(1, int(np.prod(dy.shape[:-1])))
    return [np.asarray(v, np.float64) for v in (dx, dw, db)]


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1.0)) if a.size else 0.0


def out_of_tol(actual, expected, tol):
    return actual.shape != expected.shape or bool(np.any(np.abs(actual - expected) > tol[0] + tol[1] * np.abs(expected)))


def case(tag, dy, x, w, note, dtype="float64", catches=(), finite_diff=True, catches_float32=False):
    npdt = np.float64 if dtype == "float64" else np.float32
    tol = TOL[dtype]
    dy, x, w = (np.ascontiguousarray(a, dtype=npdt) for a in (dy, x, w))
    assert x.shape[:-1] == dy.shape[:-1] and w.shape == (dy.shape[-1], x.shape[-1])
    exact = torch_grads(dy, x, w)
    mine = numpy_grads(dy, x, w)
    devs = [rel(m, t) for m, t in zip(mine, exact)]
    assert max(devs) <= 1e-13, (tag, devs)
    assert not any(out_of_tol(t, m, (0.1 * tol[0], 0.1 * tol[1])) for m, t in zip(mine, exact)), tag
    if finite_diff and x.size + w.size <= 300:
        step = 1e-6
        for k, p in enumerate([np.array(x, np.float64), np.array(w, np.float64)]):
            fd = np.zeros_like(p)
            for idx in np.ndindex(*p.shape):
                old = p[idx]
                vals = []
                for s in (step, -step):
                    p[idx] = old + s
                    xx, ww = (p, np.asarray(w, np.float64)) if k == 0 else (np.asarray(x, np.float64), p)
                    vals.append(float((F.linear(torch.from_numpy(xx), torch.from_numpy(ww)).numpy() * dy).sum()))
                p[idx] = old
                fd[idx] = (vals[0] - vals[1]) / (2 * step)
            assert rel(fd, exact[k]) <= 1e-7, (tag, k, rel(fd, exact[k]))
    expected = [e.astype(npdt) for e in exact]
    if catches_float32:
        f32 = [np.asarray(torch_grads(*(a.astype(np.float32) for a in (dy, x, w)))[k], np.float64) for k in range(3)]
        assert any(out_of_tol(a, e.astype(np.float64), tol) for a, e in zip(f32, expected)), (tag, "float32 not caught")
    for mistake in catches:
        wrong = numpy_grads(dy, x, w, **{mistake: True})
        assert any(out_of_tol(wv, e.astype(np.float64), tol) for wv, e in zip(wrong, expected)), (tag, mistake)
    tensors = {"in.dy": dy, "in.x": x, "in.w": w, "grad.x": expected[0], "grad.w": expected[1], "grad.b": expected[2]}
    name = f"{len(WRITTEN) + 1:02d}-{tag}"
    meta = {"kata": SLUG, "args": "{}", "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: x{list(x.shape)} w{list(w.shape)} {dtype}; numpy-longdouble dev " + ", ".join(f"{v:.1e}" for v in devs))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(777)
    r = rng.normal
    case("matrix", r(size=(5, 3)), r(size=(5, 4)), r(size=(3, 4)),
         "[N, IN] = [5, 4] to OUT = 3: dX = dY·W [5, 4], dW = dYᵀ·X [3, 4], db = Σ_n dY [3]",
         catches=("transposed", "mean_db"))
    case("batch-time", r(size=(2, 3, 4)), r(size=(2, 3, 6)), r(size=(4, 6)),
         "[B, T, IN] = [2, 3, 6]: dW and db sum over BOTH leading dims (B and T), not just the first",
         catches=("transposed", "first_dim_only", "mean_db"))
    case("rank-4", r(size=(2, 1, 3, 2)), r(size=(2, 1, 3, 5)), r(size=(2, 5)),
         "four dims [2, 1, 3, IN = 5], one leading dim of size 1: every leading dim is a batch dim",
         catches=("transposed", "first_dim_only", "mean_db"))
    case("rank-1", r(size=3), r(size=4), r(size=(3, 4)),
         "edge: x is one vector [IN] = [4] (no leading dims): dW = outer(dY, x), db = dY, nothing to sum",
         catches=("transposed",))
    case("square", r(size=(6, 5)), r(size=(6, 5)), r(size=(5, 5)),
         "IN = OUT = 5: square W, where a transposed dW still has the right shape", catches=("transposed", "mean_db"))
    case("one-feature", r(size=(4, 7, 1)), r(size=(4, 7, 1)), r(size=(1, 1)),
         "edge: IN = OUT = 1 — W is [1, 1]; dW = Σ dy·x over all 28 rows", catches=("first_dim_only", "mean_db"))
    case("single-row", r(size=(1, 1, 3)), r(size=(1, 1, 2)), r(size=(3, 2)),
         "edge: x [1, 1, 2] — one row, two leading dims of size 1", catches=("transposed", "first_dim_only"))
    # Hard: x ≈ 1e6 (an un-normalised feature) and dy ≈ 1e-6: products ~1, and dW sums them over 64 rows; a float32
    # intermediate (a tensor made without a dtype) loses ~7 digits.
    case("large-inputs", 1e-6 * r(size=(8, 8, 3)), 1e6 + 1e3 * r(size=(8, 8, 4)), 1e-3 * r(size=(3, 4)),
         "hard: x ≈ 1e6 and dy ≈ 1e-6 — float64 throughout; a float32 intermediate is off by ~1e-7 relative",
         catches=("transposed", "first_dim_only", "mean_db"), finite_diff=False, catches_float32=True)
    case("float32", r(size=(3, 5, 8)), r(size=(3, 5, 6)), r(size=(8, 6)),
         "float32 [3, 5, 6] to OUT = 8: expected = exact answer rounded to float32", dtype="float32",
         catches=("transposed", "first_dim_only", "mean_db"), finite_diff=False)
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
