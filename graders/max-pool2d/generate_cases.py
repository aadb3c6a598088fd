#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the max-pool2d kata (forward with indices, and the hand-written backward).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/max-pool2d/generate_cases.py

x is [N, C, H, W]; kernel, stride (null: = kernel), padding and dilation are (H, W) pairs.
Expected values, computed in float64 (float32 inputs are widened exactly, the results rounded back):
  * Forward cases: out, out.indices = torch.nn.functional.max_pool2d(x, kernel, stride, padding, dilation,
    return_indices=True)   (torch 1.13, CPU);
  * Backward cases: grad.x = PyTorch AUTOGRAD of that max_pool2d with upstream gradient dy.
Cross-checks, all asserted:
  * an independent numpy loop over every window, written from the statement's rules (padding is -inf and never the
    argmax, the first strict maximum in row-major window order wins, the index is row * W + col in the input plane,
    the backward adds dy[n, c, oh, ow] into grad[n, c, index]) gives bit-identical values and indices and, for the
    gradient, agrees within 1e-13;
  * on the near-ties case, the same loop on the inputs rounded to float32 picks other indices (>= 6 of 12);
  * torch in float32 on the float32 case gives the same indices as in float64;
  * each case fails the mistakes it targets (numpy variants of the loop): zero padding, the last maximum on ties,
    a backward that assigns instead of adding on overlapping windows (forward still right), indices relative to the
    window, the output size without dilation, stride defaulting to 1, padding chosen as argmax in an all -inf window.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "max-pool2d"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL64 = (1e-12, 1e-12)
TOL32 = (1e-5, 1e-5)
WRITTEN = []


def out_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def numpy_pool(x, dy, kernel, stride, padding, dilation, zero_pad=False, last_max=False, assign=False,
               window_index=False, no_dilation_size=False, stride_one=False, pad_argmax=False):
    """The statement's rules as a plain loop (float64), with optional mistakes."""
    n, c, h, w = x.shape
    (kh, kw), (ph, pw), (dh, dw) = kernel, padding, dilation
    sh, sw = stride if stride is not None else ((1, 1) if stride_one else kernel)
    if no_dilation_size:
        ho, wo = out_size(h, kh, sh, ph, 1), out_size(w, kw, sw, pw, 1)
    else:
        ho, wo = out_size(h, kh, sh, ph, dh), out_size(w, kw, sw, pw, dw)
    vals = np.zeros((n, c, ho, wo))
    idx = np.zeros((n, c, ho, wo), dtype=np.int64)
    grad = np.zeros((n, c, h, w))
    pad_value = 0.0 if zero_pad else -np.inf
    for a in range(n):
        for b in range(c):
            for oh in range(ho):
                for ow in range(wo):
                    best, best_i = None, None
                    for i in range(kh):
                        for j in range(kw):
                            r, q = oh * sh - ph + i * dh, ow * sw - pw + j * dw
                            real = 0 <= r < h and 0 <= q < w
                            if not real and not (zero_pad or pad_argmax):
                                continue            # padding is never the argmax
                            v = x[a, b, r, q] if real else pad_value
                            where = i * kw + j if window_index else r * w + q
                            if best is None or v > best or (last_max and v == best):
                                best, best_i = v, where
                    vals[a, b, oh, ow], idx[a, b, oh, ow] = best, best_i
                    if dy is not None and dy.shape == vals.shape and 0 <= best_i < h * w:
                        if assign:
                            grad[a, b].flat[best_i] = dy[a, b, oh, ow]
                        else:
                            grad[a, b].flat[best_i] += dy[a, b, oh, ow]
    return vals, idx, grad


def torch_pool(x, dy, kernel, stride, padding, dilation):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out, ind = F.max_pool2d(xt, kernel, stride if stride is not None else None, padding, dilation, return_indices=True)
    (gx,) = torch.autograd.grad(out, (xt,), torch.tensor(dy, dtype=torch.float64))
    return out.detach().numpy(), ind.numpy(), gx.numpy()


def differs(actual, expected, tol):
    if actual.shape != expected.shape:
        return True
    if expected.dtype == np.int64:
        return bool(np.any(actual != expected))
    both_inf = np.isinf(actual) & np.isinf(expected) & (actual == expected)
    err = np.where(both_inf, 0.0, np.abs(actual - expected))
    return bool(np.any(~(err <= tol[0] + tol[1] * np.where(np.isfinite(expected), np.abs(expected), 0.0))))


def case(tag, x, kernel, stride, padding, dilation, note, dtype=np.float64, rng=None, catches_fwd=(), catches_bwd=(),
         number=[0]):
    x = np.ascontiguousarray(x, dtype=dtype)
    n, c, h, w = x.shape
    assert all(p <= k // 2 for p, k in zip(padding, kernel)), "PyTorch requires padding <= kernel / 2"
    s = stride if stride is not None else kernel
    ho, wo = out_size(h, kernel[0], s[0], padding[0], dilation[0]), out_size(w, kernel[1], s[1], padding[1], dilation[1])
    assert ho >= 1 and wo >= 1
    for o, size, k, st, p, d in ((ho, h, kernel[0], s[0], padding[0], dilation[0]), (wo, w, kernel[1], s[1], padding[1], dilation[1])):
        for t in range(o):   # every window holds at least one real element (the statement promises it)
            assert any(0 <= t * st - p + i * d < size for i in range(k)), (tag, "a window is all padding")
    dy = np.ascontiguousarray(rng.normal(size=(n, c, ho, wo)).round(3), dtype=dtype)
    x64, dy64 = x.astype(np.float64), dy.astype(np.float64)
    out, ind, gx = torch_pool(x64, dy64, kernel, stride, padding, dilation)
    mv, mi, mg = numpy_pool(x64, dy64, kernel, stride, padding, dilation)
    assert np.array_equal(mv, out) and np.array_equal(mi, ind), (tag, "numpy loop disagrees with torch on the forward")
    assert np.max(np.abs(mg - gx), initial=0.0) <= 1e-13, (tag, "numpy loop disagrees with autograd")
    if dtype == np.float32:
        o32, i32 = F.max_pool2d(torch.from_numpy(x), kernel, stride, padding, dilation, return_indices=True)
        assert np.array_equal(i32.numpy(), ind) and np.array_equal(o32.numpy(), out.astype(np.float32)), tag
    tol = TOL32 if dtype == np.float32 else TOL64
    for mistake in catches_fwd:
        wv, wi, _ = numpy_pool(x64, dy64, kernel, stride, padding, dilation, **{mistake: True})
        assert differs(wv, out, tol) or differs(wi, ind, tol), (tag, mistake, "forward mistake not caught")
    for mistake in catches_bwd:
        wv, wi, wg = numpy_pool(x64, dy64, kernel, stride, padding, dilation, **{mistake: True})
        assert not differs(wv, out, tol) and not differs(wi, ind, tol), (tag, mistake, "should keep the forward right")
        assert differs(wg, gx, tol), (tag, mistake, "backward mistake not caught")

    args = {"kernel": list(kernel), "stride": list(stride) if stride is not None else None,
            "padding": list(padding), "dilation": list(dilation)}
    geometry = (f"x [{n}, {c}, {h}, {w}] {'float32' if dtype == np.float32 else 'float64'}, kernel {tuple(kernel)}, "
                f"stride {tuple(stride) if stride is not None else 'null (= kernel)'}, padding {tuple(padding)}, "
                f"dilation {tuple(dilation)} -> [{ho}, {wo}]")
    for entry, tensors in (("Forward", {"in.x": x, "out": out.astype(dtype), "out.indices": ind}),
                           ("Backward", {"in.dy": dy, "in.x": x, "grad.x": gx.astype(dtype)})):
        number[0] += 1
        name = f"{number[0]:02d}-{entry.lower()}-{tag}"
        meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args), "note": f"{entry}: {note}; {geometry}"}
        path = os.path.join(OUT_DIR, name + ".safetensors")
        write_safetensors(path, tensors, meta)
        assert os.path.getsize(path) < 100_000, path
        WRITTEN.append((path, tensors, meta))
        print(f"{name}: {geometry}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2026)

    case("basic", rng.normal(size=(2, 3, 6, 6)), (2, 2), None, (0, 0), (1, 1),
         "basic 2x2 pooling, stride left null so it defaults to the kernel (non-overlapping windows); "
         "indices are into each [H, W] plane", rng=rng, catches_fwd=("window_index", "stride_one"))

    case("overlap", rng.normal(size=(1, 2, 5, 6)), (3, 3), (1, 1), (0, 0), (1, 1),
         "overlapping windows (stride 1 < kernel 3): one input is the max of several windows, so its gradient is the "
         "SUM of their dy", rng=rng, catches_fwd=("window_index",), catches_bwd=("assign",))

    x = rng.integers(0, 3, size=(2, 2, 6, 7)).astype(np.float64)
    case("ties", x, (3, 2), (2, 1), (0, 0), (1, 1),
         "ties: values in {0, 1, 2} so most windows hold several equal maxima; the FIRST in row-major window order "
         "(smallest row, then smallest column) is the argmax, and only it gets the gradient", rng=rng,
         catches_fwd=("last_max",), catches_bwd=("assign",))

    x = -1.0 - np.abs(rng.normal(size=(2, 2, 5, 5)))
    case("padding-all-negative", x, (3, 3), (2, 2), (1, 1), (1, 1),
         "padding 1 with every input negative: the border windows are partly padding, which must count as -inf "
         "(padding with 0 makes a 0 the maximum)", rng=rng, catches_fwd=("zero_pad", "window_index"))

    case("dilation", rng.normal(size=(1, 3, 9, 10)), (2, 3), (1, 2), (1, 1), (3, 2),
         "dilation (3, 2): taps 3 rows and 2 columns apart, so the output size uses the dilated kernel "
         "d*(k-1)+1; with padding and a rectangular kernel", rng=rng,
         catches_fwd=("no_dilation_size", "window_index", "zero_pad"), catches_bwd=("assign",))

    x = rng.normal(size=(1, 2, 5, 5)) * 1e300
    x[0, 0, 0:2, 0:2] = -np.inf           # the top-left window's real elements are all -inf
    x[0, 0, 3, 4] = -np.inf
    x[0, 1] = -np.abs(x[0, 1]) - 1e307      # very negative, some below -1e307
    x[0, 1, 2, 2] = -np.inf
    case("neg-inf", x, (3, 3), (2, 2), (1, 1), (1, 1),
         "-inf and very negative (~-1e300) inputs with padding 1: an all -inf window's value is -inf and its index is "
         "its FIRST REAL element (padding is never the argmax); no NaN may appear",
         rng=rng, catches_fwd=("zero_pad", "pad_argmax"))

    base = rng.normal(size=(1, 2, 4, 6))
    x = np.nextafter(base, np.inf)           # 1-ulp neighbours: ties in float32, distinct in float64
    x[..., ::2] = base[..., ::2]
    x[..., 1::2] = np.nextafter(base[..., ::2], np.inf)
    _, i64, _ = numpy_pool(x, None, (2, 2), None, (0, 0), (1, 1))
    _, i32, _ = numpy_pool(x.astype(np.float32).astype(np.float64), None, (2, 2), None, (0, 0), (1, 1))
    assert np.count_nonzero(i64 != i32) >= 6, "float32 rounding must change indices in the near-ties case"
    case("near-ties", x, (2, 2), None, (0, 0), (1, 1),
         "hard: each window holds values 1 ulp apart (distinct in float64, equal once rounded to float32): computing "
         "in float32 inside this float64 case picks the wrong index", rng=rng)

    case("float32-rect", rng.normal(size=(2, 3, 7, 9)).astype(np.float32), (2, 3), (2, 3), (1, 1), (1, 1),
         "float32, rectangular kernel (2, 3) and stride (2, 3), padding (1, 1); H = 7 and W = 9 leave no remainder "
         "after padding", dtype=np.float32, rng=rng, catches_fwd=("zero_pad", "window_index"))

    case("floor-and-gaps", rng.normal(size=(1, 1, 8, 9)), (2, 2), (3, 4), (0, 0), (1, 1),
         "stride > kernel: inputs between windows and the trailing rows/columns that do not fill a stride are never "
         "read (floor in the output size) and their gradient is 0", rng=rng, catches_fwd=("window_index",))

    case("kernel-covers-input", rng.normal(size=(3, 2, 3, 4)), (3, 4), None, (1, 2), (1, 1),
         "the kernel is as large as the input and stride defaults to it, padding (1, 2): a 1x2 output whose two windows "
         "are each partly padding; "
         "batch N = 3 with indices per plane", rng=rng, catches_fwd=("window_index", "stride_one", "zero_pad"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
