#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the rms-norm kata (RMSNorm forward, and a hand-derived backward).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/rms-norm/generate_cases.py

y = x / sqrt(mean(x², last dim) + eps) ⊙ weight  (LLaMA's RMSNorm; eps inside the sqrt). x is [..., D], weight [D];
float64 cases and float32 cases (x, weight, dy and the expected values all float32).
Expected values: torch 1.13 has no RMSNorm, so they come from a torch AUTOGRAD implementation of the formula,
    y = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight,
    grad.x, grad.weight = torch.autograd.grad(y, (x, weight), dy),
evaluated in float64 (for float32 cases: on the float32 inputs converted exactly to float64, and rounded to float32
at the end, so the expected values are the exact answers to the inputs the learner gets).
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble): rstd = 1/sqrt(mean(x²) + eps),
    x̂ = x·rstd, and the closed-form backward dx = rstd·(g − x̂·mean(g·x̂)) with g = dy·weight,
    dweight = Σ dy·x̂ over all leading dims — agrees with torch to 1e-12 (relative to each tensor's largest
    magnitude, absolute below 1) and element by element within a hundredth of the kata's float64 tolerance;
  * central finite differences (step 1e-6) of Σ dy·y agree with autograd to 1e-6 on the small float64 cases;
  * a plain float32 torch computation is within a tenth of the float32 tolerance on the float32 cases (so the
    tolerance is reachable in float32);
  * each case fails the mistakes it targets: eps outside the sqrt, the mean subtracted (LayerNorm), the sum of
    squares instead of the mean, the reduction over dim 0, dx missing the path through the rms.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "rms-norm"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {np.float64: (1e-9, 1e-9), np.float32: (1e-4, 1e-4)}
WRITTEN = []


def torch_rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def torch_forward_backward(x, w, dy, eps):
    xt, wt = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (x, w))
    out = torch_rms_norm(xt, wt, eps)
    gx, gw = torch.autograd.grad(out, (xt, wt), torch.tensor(dy, dtype=torch.float64))
    return out.detach().numpy(), gx.numpy(), gw.numpy()


def numpy_rms_norm(x, w, dy, eps, eps_outside=False, subtract_mean=False, sum_not_mean=False, dim0=False,
                   no_rms_term=False):
    """Independent implementation (extended precision) with optional mistakes."""
    L = np.longdouble
    x, w, dy = (np.asarray(a, dtype=L) for a in (x, w, dy))
    axis = 0 if dim0 else -1
    if subtract_mean:
        x = x - x.mean(axis=-1, keepdims=True)
    ms = (x * x).sum(axis=axis, keepdims=True) if sum_not_mean else (x * x).mean(axis=axis, keepdims=True)
    rstd = 1 / (np.sqrt(ms) + L(eps)) if eps_outside else 1 / np.sqrt(ms + L(eps))
    xhat = x * rstd
    out = xhat * w
    g = dy * w
    dx = rstd * g if no_rms_term else rstd * (g - xhat * (g * xhat).mean(axis=-1, keepdims=True))
    lead = tuple(range(x.ndim - 1))
    dw = (dy * xhat).sum(axis=lead)
    return [np.asarray(a, dtype=np.float64) for a in (out, dx, dw)]


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1.0))


def out_of_tol(actual, expected, tol):
    return bool(np.any(~(np.abs(actual - expected) <= tol[0] + tol[1] * np.abs(expected))))


def case_pair(tag, x, w, dy, eps, note, dtype=np.float64, catches_fwd=(), catches_bwd=(), finite_diff=True, number=[0]):
    x, w, dy = (np.ascontiguousarray(a, dtype=dtype) for a in (x, w, dy))
    tol = TOL[dtype]
    d = x.shape[-1]
    assert w.shape == (d,) and dy.shape == x.shape and eps > 0
    exact = torch_forward_backward(x, w, dy, eps)       # float64 on the (possibly float32) inputs
    mine = numpy_rms_norm(x, w, dy, eps)
    devs = [rel(m, t) for m, t in zip(mine, exact)]
    assert max(devs) <= 1e-12, (tag, devs)
    assert not any(np.any(np.abs(t - m) > 0.01 * (1e-9 + 1e-9 * np.abs(m))) for m, t in zip(mine, exact)), tag
    expected = [a.astype(dtype) for a in exact]
    if dtype == np.float32:
        # a plain float32 computation reaches the float32 tolerance with a 10x margin
        xt, wt = (torch.tensor(a, requires_grad=True) for a in (x, w))
        out32 = torch_rms_norm(xt, wt, eps)
        g32 = torch.autograd.grad(out32, (xt, wt), torch.tensor(dy))
        for a, e in zip((out32.detach().numpy(), *[g.numpy() for g in g32]), expected):
            assert not out_of_tol(a, e, (tol[0] / 10, tol[1] / 10)), (tag, "float32 computation misses a tenth of the tolerance")
    if finite_diff and dtype == np.float64 and x.size <= 200:
        h = 1e-6
        fd = np.zeros_like(x)
        for idx in np.ndindex(*x.shape):
            xp, xm = x.copy(), x.copy()
            xp[idx] += h
            xm[idx] -= h
            fp = (torch_rms_norm(torch.from_numpy(xp), torch.from_numpy(w), eps).numpy() * dy).sum()
            fm = (torch_rms_norm(torch.from_numpy(xm), torch.from_numpy(w), eps).numpy() * dy).sum()
            fd[idx] = (fp - fm) / (2 * h)
        assert rel(fd, exact[1]) <= 1e-6, (tag, "finite differences disagree", rel(fd, exact[1]))
    for mistake in catches_fwd:
        wrong = numpy_rms_norm(x, w, dy, eps, **{mistake: True})[0]
        assert wrong.shape == expected[0].shape and out_of_tol(wrong, expected[0], tol), (tag, mistake, "forward mistake not caught")
    for mistake in catches_bwd:
        wrong = numpy_rms_norm(x, w, dy, eps, **{mistake: True})
        assert not out_of_tol(wrong[0], expected[0], tol), (tag, mistake, "backward mistake should keep the forward right")
        assert out_of_tol(wrong[1], expected[1], tol), (tag, mistake, "backward mistake not caught")

    out, gx, gw = expected
    args = json.dumps({"eps": eps})
    kind = "float32" if dtype == np.float32 else "float64"
    for entry, tensors in (("Forward", {"in.x": x, "in.weight": w, "out": out}),
                           ("Backward", {"in.dy": dy, "in.x": x, "in.weight": w, "grad.x": gx, "grad.weight": gw})):
        number[0] += 1
        name = f"{number[0]:02d}-{entry.lower()}-{tag}"
        how = " — graded against autograd, the path through mean(x²) included" if entry == "Backward" else ""
        meta = {"kata": SLUG, "entry": entry, "args": args, "note": f"{entry}: {kind}, {note}{how}"}
        path = os.path.join(OUT_DIR, name + ".safetensors")
        write_safetensors(path, tensors, meta)
        assert os.path.getsize(path) < 100_000, path
        WRITTEN.append((path, tensors, meta))
        print(f"{name}: {kind} x{list(x.shape)} eps={eps:g}; numpy-longdouble dev out/dx/dweight = "
              + ", ".join(f"{v:.1e}" for v in devs))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(7331)

    def weight(d):
        return 1.0 + 0.5 * rng.normal(size=d)

    all_fwd = ("eps_outside", "subtract_mean", "sum_not_mean", "dim0")
    x = rng.normal(loc=0.5, scale=2.0, size=(4, 8))
    case_pair("basic", x, weight(8), rng.normal(size=x.shape), 1e-6, "basic [4, 8] rows, eps 1e-6",
              catches_fwd=("subtract_mean", "sum_not_mean", "dim0"), catches_bwd=("no_rms_term",))

    x = rng.normal(loc=-1.0, scale=1.5, size=(2, 3, 16))
    case_pair("batch-time", x, weight(16), rng.normal(size=x.shape), 1e-6,
              "[B, T, D] = [2, 3, 16]: the rms per (b, t) over D; dweight sums over B and T",
              catches_fwd=("subtract_mean", "sum_not_mean", "dim0"), catches_bwd=("no_rms_term",))

    x = rng.normal(scale=3e-4, size=(5, 6))
    case_pair("small-rms", x, weight(6), rng.normal(size=x.shape), 1e-5,
              "rows with rms ~3e-4, so mean(x²) ~1e-7 is below eps = 1e-5: eps must sit inside the sqrt",
              catches_fwd=all_fwd, catches_bwd=("no_rms_term",))

    x = rng.normal(size=(3, 5))
    x[1] = 0.0
    case_pair("zero-row", x, weight(5), rng.normal(size=x.shape), 1e-6,
              "edge: row 1 is all zeros: its output is 0 and its dx is dy·weight/sqrt(eps) (finite because of eps)",
              catches_fwd=("subtract_mean", "sum_not_mean", "dim0"), catches_bwd=("no_rms_term",))

    x = rng.normal(size=(4, 1))
    case_pair("d-1", x, weight(1), rng.normal(size=x.shape), 1e-6,
              "edge: D = 1 — y = x/sqrt(x² + eps)·weight ≈ sign(x)·weight, and dx is tiny (eps/(x² + eps)^1.5)",
              catches_bwd=("no_rms_term",))

    x = rng.normal(loc=2.0, scale=4.0, size=(12,))
    case_pair("rank-1", x, weight(12), rng.normal(size=x.shape), 1e-5,
              "edge: x is a single vector [D] = [12] (rank 1): dweight = dy·x̂, nothing to sum",
              catches_fwd=("subtract_mean", "sum_not_mean"), catches_bwd=("no_rms_term",))

    mags = np.array([1e-4, 1e-2, 1.0, 1e2, 1e4, 3e-3])[:, None]
    x = rng.normal(size=(6, 24)) * mags
    case_pair("mixed-scale", x, weight(24), rng.normal(size=x.shape), 1e-6,
              "hard: rows of magnitude 1e-4 … 1e4 in one batch — eps dominates the smallest rows (rstd near 1/sqrt(eps)), "
              "x² reaches 1e8 in the largest; each row is normalised by its own rms",
              catches_fwd=all_fwd, catches_bwd=("no_rms_term",), finite_diff=False)

    x = rng.normal(scale=1.2, size=(4, 16))
    case_pair("float32-basic", x, weight(16), rng.normal(size=x.shape), 1e-5,
              "[4, 16] in float32: return float32; the expected values are the exact answers rounded to float32",
              dtype=np.float32, catches_fwd=("subtract_mean", "sum_not_mean", "dim0"), catches_bwd=("no_rms_term",))

    x = rng.normal(loc=0.3, scale=0.8, size=(2, 5, 32))
    case_pair("float32-batch-time", x, weight(32), rng.normal(size=x.shape), 1e-6,
              "[B, T, D] = [2, 5, 32] in float32: dweight sums over B and T",
              dtype=np.float32, catches_fwd=("subtract_mean", "sum_not_mean", "dim0"), catches_bwd=("no_rms_term",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
