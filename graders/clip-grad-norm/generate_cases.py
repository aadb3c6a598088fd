#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the clip-grad-norm kata: global-norm gradient clipping as torch.nn.utils.clip_grad_norm_.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/clip-grad-norm/generate_cases.py

Inputs: a list of gradient tensors of any shapes (in.grads.0, in.grads.1, …; args.count says how many, 0 allowed),
max_norm and norm_type (a number p ≥ 1, or the string "inf").
Expected values: torch.nn.utils.clip_grad_norm_ (torch 1.13) applied to float64 copies of the gradients: the clipped
gradients (out.grads.i) and the total norm it returns (out.totalNorm), rounded to the case's dtype.
Cross-checks, all asserted:
  * an independent numpy implementation — the p-norm of ONE vector that concatenates every gradient, computed in
    extended precision (np.longdouble), coefficient min(1, max_norm / (total + 1e-6)) — agrees with torch to 1e-14
    relative (float64);
  * float32 cases are achievable: torch's own float32 clip_grad_norm_ is within half of the kata's float32 tolerance;
  * each case fails the mistakes it targets: clipping each tensor by its own norm ("per-tensor"), dropping the 1e-6
    ("no-eps"), an unclamped coefficient that scales gradients UP when total < max_norm ("unclamped"), clipping only
    when total > max_norm ("strict-threshold"), each by more than 100× the kata's tolerance.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "clip-grad-norm"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {np.float64: (1e-12, 1e-10), np.float32: (1e-6, 1e-5)}
WRITTEN = []


def torch_clip(grads, max_norm, p):
    params = []
    for g in grads:
        t = torch.zeros(g.shape, dtype=torch.from_numpy(g).dtype, requires_grad=True)
        t.grad = torch.from_numpy(g.copy())
        params.append(t)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=p)
    return [t.grad.numpy() for t in params], float(total)


def independent(grads, max_norm, p):
    flat = np.concatenate([g.astype(np.longdouble).ravel() for g in grads]) if grads else np.zeros(0, np.longdouble)
    if flat.size == 0:
        total = np.longdouble(0)
    elif p == np.inf:
        total = np.max(np.abs(flat))
    else:
        total = np.sum(np.abs(flat) ** p) ** (np.longdouble(1) / p)
    coef = min(np.longdouble(1), np.longdouble(max_norm) / (total + np.longdouble(1e-6)))
    return [(g.astype(np.longdouble) * coef).astype(np.float64) for g in grads], float(total)


def norm(x, p):
    x = np.abs(np.asarray(x, np.float64).ravel())
    if x.size == 0:
        return 0.0
    return float(np.max(x)) if p == np.inf else float(np.sum(x ** p) ** (1 / p))


def mutant(grads, max_norm, p, kind):
    total = norm(np.concatenate([g.ravel() for g in grads]) if grads else [], p)
    if kind == "per-tensor":
        return [g * min(1.0, max_norm / (norm(g, p) + 1e-6)) for g in grads]
    if kind == "no-eps":
        return [g * min(1.0, max_norm / total) for g in grads]
    if kind == "unclamped":
        return [g * (max_norm / (total + 1e-6)) for g in grads]
    if kind == "strict-threshold":
        return [g * (max_norm / (total + 1e-6)) if total > max_norm else g for g in grads]
    raise ValueError(kind)


def far(a_list, b_list, dtype):
    atol, rtol = TOL[dtype]
    return any(np.any(np.abs(a - b) > 100 * (atol + rtol * np.abs(b))) for a, b in zip(a_list, b_list))


def case(name, grads, max_norm, p, note, dtype=np.float64, expect=()):
    grads = [np.array(g, dtype=dtype, order="C") for g in grads]
    g64 = [g.astype(np.float64) for g in grads]
    want, total = torch_clip(g64, max_norm, p)
    mine, my_total = independent(g64, max_norm, p)
    assert abs(my_total - total) <= 1e-14 * abs(total), (name, my_total, total)
    for a, b in zip(mine, want):
        assert np.all(np.abs(a - b) <= 1e-14 * np.abs(b) + 1e-300), name
    atol, rtol = TOL[dtype]
    if dtype == np.float32:
        got, got_total = torch_clip(grads, max_norm, p)
        for a, b in zip(got, want):
            assert np.all(np.abs(a.astype(np.float64) - b.astype(np.float32)) <= 0.5 * (atol + rtol * np.abs(b))), name
        assert abs(got_total - np.float32(total)) <= 0.5 * (atol + rtol * abs(total)), name
    for kind in expect:
        assert far(mutant(g64, max_norm, p, kind), want, dtype), (name, kind, "does not catch it")

    tensors = {f"in.grads.{i}": g for i, g in enumerate(grads)}
    tensors.update({f"out.grads.{i}": w.astype(dtype) for i, w in enumerate(want)})
    tensors["out.totalNorm"] = np.array(total, dtype=dtype)
    args = {"count": len(grads), "maxNorm": float(max_norm), "normType": "inf" if p == np.inf else float(p)}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    coef = min(1.0, max_norm / (total + 1e-6))
    print(f"{name}: {len(grads)} tensors {[list(g.shape) for g in grads]} {np.dtype(dtype).name} p={p} "
          f"max_norm={max_norm:g} total={total:.6g} coef={coef:.9g}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2027)
    shapes = [(4, 5), (5,), (2, 3, 2)]

    g = [rng.normal(size=s) for s in shapes]
    case("01-clip-l2", g, 1.0, 2.0,
         "basic: three gradients [4, 5], [5], [2, 3, 2] with global L2 norm ≈ 6 clipped to max_norm = 1 — one "
         "coefficient for all of them", expect=("per-tensor", "no-eps"))
    g = [0.05 * rng.normal(size=s) for s in shapes]
    case("02-below-max-unchanged", g, 1.0, 2.0,
         "edge: total L2 norm ≈ 0.3 < max_norm = 1: the coefficient is clamped to 1 and the gradients come back unchanged",
         expect=("unclamped",))
    g = [rng.normal(size=s) * sc for s, sc in zip(shapes, (1.0, 4.0, 0.5))]
    case("03-clip-inf", g, 0.5, np.inf,
         "basic: norm_type = inf — the total norm is the largest |g| over every tensor; clipped to max_norm = 0.5",
         expect=("per-tensor",))
    g = [0.1 * rng.normal(size=s) for s in shapes]
    case("04-inf-below-max", g, 2.0, np.inf,
         "edge: norm_type = inf with max |g| < max_norm = 2: unchanged", expect=("unclamped",))
    g = [rng.normal(size=s) for s in shapes]
    exact_total = float(torch.linalg.vector_norm(torch.cat([torch.from_numpy(x).ravel() for x in g]), 2))
    case("05-total-equals-max", g, exact_total, 2.0,
         "edge: max_norm equals the total L2 norm: the coefficient max_norm / (total + 1e-6) is still just below 1, so "
         "every gradient is scaled by it (no 'only if total > max_norm' test, no dropping the 1e-6)",
         expect=("no-eps", "strict-threshold"))
    g = [1e-6 * rng.normal(size=s) for s in shapes]
    case("06-tiny-gradients", g, 2e-6, 2.0,
         "hard: gradients ~1e-6 (total ≈ 6e-6) clipped to max_norm = 2e-6: here the 1e-6 in max_norm / (total + 1e-6) "
         "changes the coefficient by ~15%", expect=("no-eps", "per-tensor"))
    g = [rng.normal(size=(6, 7))]
    case("07-single-tensor-l1", g, 3.0, 1.0,
         "norm_type = 1 on a single [6, 7] gradient: the total norm is Σ|g|", expect=("no-eps",))
    g = [rng.normal(size=s) for s in ((3, 4), (4,), (4, 2))]
    case("08-general-p3", g, 1.5, 3.0,
         "norm_type = 3: total = (Σ over every element of every tensor |g|³)^(1/3)", expect=("per-tensor",))
    g = [np.zeros(s) for s in shapes]
    case("09-zero-gradients", g, 1.0, 2.0,
         "edge: every gradient is zero: total = 0, coefficient min(1, 1 / 1e-6) = 1, zeros come back (no 0/0)")
    case("10-empty-list", [], 1.0, 2.0, "edge: an empty list of gradients: total norm 0, an empty array back")
    g = [rng.normal(size=s).astype(np.float32) * 3 for s in ((16, 8), (8,), (8, 4), (4,))]
    case("11-float32", g, 1.0, 2.0,
         "float32 gradients [16, 8], [8], [8, 4], [4] clipped to max_norm = 1: clipped gradients and the total norm in float32",
         dtype=np.float32, expect=("per-tensor",))
    g = [1e3 * rng.normal(size=(5, 3)), 1e-3 * rng.normal(size=(7,)), rng.normal(size=(2, 2))]
    case("12-mixed-magnitudes", g, 10.0, 2.0,
         "hard: one gradient ~1e3 and one ~1e-3 — the small one must be scaled by the SAME coefficient (≈ 0.005), "
         "not left alone because its own norm is small", expect=("per-tensor",))
    g = [np.array(-4.0), rng.normal(size=(3,)), np.array(2.5)]
    case("13-scalar-gradients", g, 1.0, np.inf,
         "edge: 0-d gradients (of scalar parameters) in the list, norm_type = inf: total = 4 from the first one",
         expect=("per-tensor",))
    g = [rng.normal(size=s) for s in shapes]
    case("14-max-norm-zero", g, 0.0, 2.0, "edge: max_norm = 0: the coefficient is 0 and every gradient becomes zero")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
