#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the dropout kata (inverted dropout from a given uniform tensor u, and its backward).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/dropout/generate_cases.py

Rules (the statement's): in training, keep element i where u_i >= p and scale kept values by 1/(1 - p); p = 1 keeps
nothing and returns zeros (no division); in evaluation (training = false) the forward is the identity. The backward
routes dy through the same mask and scale (identity in evaluation).
Expected values: torch 1.13, reproducing the mask from u —
    keep = torch.from_numpy(u) >= p;  y = torch.where(keep, x / (1 - p), 0)   (zeros for p = 1, x for eval),
    grad.x = torch.autograd.grad(y, x, dy)
— computed in float64 (float32 cases: on the float32 inputs converted exactly, rounded to float32 at the end).
Cross-checks, all asserted:
  * an independent numpy implementation (np.where on the mask, the scale 1/(1 - p) in extended precision) agrees
    exactly (float64) / to the rounding of the float32 result;
  * the convention is PyTorch's: for each case's x and p, torch.nn.functional.dropout(x, p, training) with a fixed
    seed is reproduced exactly by the formula above from a u consistent with its mask (u >= p exactly where it kept
    an element) — same inverted scaling, same p = 0 / p = 1 / eval behaviour;
  * no u of a float32 case lies strictly between p and float32(p) (where comparing in float32 and in float64
    would disagree), so "u >= p" means the same in either precision;
  * each case fails the mistakes it targets: no 1/(1 - p) scaling, the inverted mask u < p, a strict u > p (the
    ties case), scaling at eval time, NaN at p = 1, a backward without the scale or without the mask.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "dropout"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-6, 1e-6)}
WRITTEN = []


def torch_dropout(x, u, p, training):
    """float64 torch: the expected values."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    if not training:
        y = xt * 1
    elif p == 1:
        y = xt * 0 + 0.0                            # + 0.0 turns x·0's −0 into 0 (reports show 0, not −0)
    else:
        keep = torch.tensor(u, dtype=torch.float64) >= p
        y = torch.where(keep, xt / (1 - p), torch.zeros_like(xt))
    return xt, y


def numpy_dropout(x, u, dy, p, training, no_scale=False, inverted=False, strict=False, scale_eval=False,
                  nan_p1=False, bwd_no_scale=False, bwd_no_mask=False):
    L = np.longdouble
    x, u, dy = (np.asarray(a, dtype=L) for a in (x, u, dy))
    if not training:
        s = L(1) / (L(1) - L(p)) if scale_eval and p < 1 else L(1)
        return [np.asarray(a, dtype=np.float64) for a in (x * s, dy * s)]
    keep = (u < L(p)) if inverted else (u > L(p)) if strict else (u >= L(p))
    if p == 1 and not nan_p1:
        return [np.zeros(x.shape), np.zeros(x.shape)]
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = L(1) if no_scale else L(1) / (L(1) - L(p))
        y = np.where(keep, x * scale, L(0)) if not nan_p1 else x * keep / (L(1) - L(p))
        dx = (np.where(keep, dy, L(0)) if bwd_no_scale else dy * scale if bwd_no_mask
              else np.where(keep, dy * scale, L(0)) if not nan_p1 else dy * keep / (L(1) - L(p)))
    return [np.asarray(a, dtype=np.float64) for a in (y, dx)]


def out_of_tol(actual, expected, tol):
    return bool(np.any(~(np.abs(actual - expected) <= tol[0] + tol[1] * np.abs(expected))))


def check_pytorch_convention(x, p, training, seed):
    """F.dropout with a fixed seed is reproduced by our rule from a u consistent with its mask."""
    xt = torch.tensor(x, dtype=torch.float64)
    torch.manual_seed(seed)
    ref = F.dropout(xt, p=p, training=training).numpy()
    if not training or p == 0:
        assert np.array_equal(ref, x), "F.dropout is the identity in eval and at p = 0"
        return
    if p == 1:
        assert np.all(ref == 0), "F.dropout(p=1) is all zeros"
        return
    assert np.all(x != 0)
    kept = ref != 0
    rng = np.random.default_rng(seed)
    u = np.where(kept, p + (1 - p) * rng.random(x.shape), p * rng.random(x.shape))
    u = np.where(kept & (u < p), p, u)
    _, y = torch_dropout(x, u, p, True)
    assert np.allclose(y.detach().numpy(), ref, rtol=1e-15, atol=0), "our rule differs from F.dropout's scaling"


def case_pair(tag, x, u, dy, p, training, note, dtype=np.float64, forward_catches=(), backward_catches=(), number=[0]):
    x, u, dy = (np.ascontiguousarray(a, dtype=dtype) for a in (x, u, dy))
    tol = TOL[dtype]
    assert u.shape == x.shape == dy.shape and 0 <= p <= 1 and np.all((u >= 0) & (u < 1))
    if dtype == np.float32:
        lo, hi = sorted((p, float(np.float32(p))))
        assert not np.any((u.astype(np.float64) > lo) & (u.astype(np.float64) < hi)), (tag, "u between p and float32(p)")
    xt, y = torch_dropout(x, u, p, training)
    (gx,) = torch.autograd.grad(y, xt, torch.tensor(dy, dtype=torch.float64))
    exact = [y.detach().numpy(), gx.numpy()]
    mine = numpy_dropout(x, u, dy, p, training)
    for m, t in zip(mine, exact):
        assert np.array_equal(m.astype(dtype), t.astype(dtype)), tag
    check_pytorch_convention(x.astype(np.float64), p, training, seed=number[0] + 11)
    out, grad = (a.astype(dtype) for a in exact)
    for mistake in forward_catches:
        wrong = numpy_dropout(x, u, dy, p, training, **{mistake: True})[0]
        assert out_of_tol(wrong, out, tol), (tag, mistake, "forward mistake not caught")
    for mistake in backward_catches:
        wrong = numpy_dropout(x, u, dy, p, training, **{mistake: True})
        assert not out_of_tol(wrong[0], out, tol), (tag, mistake, "backward mistake keeps the forward right")
        assert out_of_tol(wrong[1], grad, tol), (tag, mistake, "backward mistake not caught")

    args = json.dumps({"p": p, "training": training})
    kind = "float32" if dtype == np.float32 else "float64"
    mode = f"training, p = {p:g}" if training else f"eval (training = false), p = {p:g}"
    for entry, tensors in (("Forward", {"in.x": x, "in.u": u, "out": out}),
                           ("Backward", {"in.dy": dy, "in.u": u, "grad.x": grad})):
        number[0] += 1
        name = f"{number[0]:02d}-{entry.lower()}-{tag}"
        meta = {"kata": SLUG, "entry": entry, "args": args, "note": f"{entry}: {kind}, {mode}: {note}"}
        path = os.path.join(OUT_DIR, name + ".safetensors")
        write_safetensors(path, tensors, meta)
        assert os.path.getsize(path) < 100_000, path
        WRITTEN.append((path, tensors, meta))
        kept = int(np.sum(u >= p)) if training and p < 1 else (x.size if not training else 0)
        print(f"{name}: {kind} x{list(x.shape)} {mode}; {kept}/{x.size} kept")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)

    def normal(*shape):
        x = rng.normal(size=shape)
        return np.where(x == 0, 0.5, x)

    def uniform(*shape):
        return rng.random(shape).astype(np.float32).astype(np.float64) % 1.0

    shape = (4, 8)
    case_pair("basic", normal(*shape), uniform(*shape), normal(*shape), 0.3, True,
              "[4, 8]: keep where u ≥ p, scale the kept values by 1/(1 − p)", dtype=np.float32,
              forward_catches=("no_scale", "inverted"), backward_catches=("bwd_no_scale", "bwd_no_mask"))
    u = (np.arange(32).reshape(4, 8) % 8) / 8.0          # every multiple of 1/8, so u == p exactly 4 times
    case_pair("ties", normal(4, 8), u, normal(4, 8), 0.5, True,
              "u takes the values k/8, four of them exactly equal to p = 0.5: u == p is KEPT (u ≥ p, not u > p)",
              forward_catches=("strict", "inverted", "no_scale"), backward_catches=("bwd_no_scale", "bwd_no_mask"))
    shape = (2, 3, 16)
    case_pair("batch-time", normal(*shape), uniform(*shape), normal(*shape), 0.1, True,
              "[B, T, D] = [2, 3, 16], elementwise: no reduction anywhere", dtype=np.float32,
              forward_catches=("no_scale", "inverted"), backward_catches=("bwd_no_scale", "bwd_no_mask"))
    shape = (3, 5)
    case_pair("eval", normal(*shape), uniform(*shape), normal(*shape), 0.5, False,
              "evaluation is the identity: u is ignored and nothing is scaled", forward_catches=("scale_eval",),
              backward_catches=())
    case_pair("p-0", normal(*shape), uniform(*shape), normal(*shape), 0.0, True,
              "edge: p = 0 keeps everything (every u ≥ 0) with scale 1 — the identity")
    case_pair("p-1", normal(*shape), uniform(*shape), normal(*shape), 1.0, True,
              "edge: p = 1 drops everything: all zeros, with no division by 1 − p = 0 (no NaN, no inf)",
              forward_catches=("nan_p1",))
    x = normal(4, 6)
    x[0] *= 1e30
    u = uniform(4, 6)
    p_hard = 1 - 2.0 ** -20                              # exactly representable; 1/(1 - p) = 2^20
    u[:, ::3] = 1 - 2.0 ** -22                           # a few survivors (u > p) …
    u[1, 1] = p_hard                                     # … and one exact tie, kept
    case_pair("p-near-1", x, u, normal(4, 6), p_hard, True,
              "hard: p = 1 − 2⁻²⁰, so the 9 survivors are scaled by 2²⁰ = 1048576 (one of them an exact tie u == p), on x "
              "of magnitude up to 1e30; everything else is exactly 0",
              forward_catches=("no_scale", "inverted", "strict"), backward_catches=("bwd_no_scale", "bwd_no_mask"))
    case_pair("rank-1-float32", normal(10), uniform(10), normal(10), 0.25, True,
              "x is a single vector [10]", dtype=np.float32, forward_catches=("no_scale", "inverted"),
              backward_catches=("bwd_no_scale", "bwd_no_mask"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
