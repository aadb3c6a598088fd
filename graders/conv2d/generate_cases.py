#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the conv2d kata (PyTorch's conv2d: cross-correlation with stride, padding, dilation, groups).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/conv2d/generate_cases.py

x is [N, C_in, H, W], weight [C_out, C_in/groups, kH, kW], bias [C_out] (absent from the file when the case has no
bias). Non-tensor arguments: stride, padding, dilation as [H, W] pairs and groups.
Expected values: torch.nn.functional.conv2d (torch 1.13) on float64 copies of the inputs; for float32 cases that
float64 answer rounded to float32 (what an exact computation would store).
Cross-checks, all asserted:
  * an independent numpy implementation — a direct loop over output pixels and kernel taps in extended precision
    (np.longdouble) reading the zero-padded input at oh·s + i·d, with the output size floor((H + 2p − d(k − 1) − 1)/s) + 1 —
    agrees with torch to 1e-14 of the largest sum of |terms| (max|x| · max Σ|w| + max|b|);
  * the expected values are within a tenth of the kata's tolerance of that extended-precision answer;
  * each case fails the mistakes it is meant to catch: a flipped kernel (true convolution), padding all on one side,
    groups taking interleaved channels, dilation ignored in the output size (a wrong shape), float32 arithmetic on a
    float64 case.
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

SLUG = "conv2d"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {"float64": (1e-9, 1e-9), "float32": (1e-4, 1e-4)}
WRITTEN = []


def out_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def numpy_conv2d(x, w, b, stride, padding, dilation, groups, flip=False, one_sided=False, interleaved=False,
                 dtype=np.longdouble):
    """Independent direct implementation, with optional mistakes."""
    x, w = np.asarray(x, dtype=dtype), np.asarray(w, dtype=dtype)
    n, c_in, h, wd = x.shape
    c_out, cpg, kh, kw = w.shape
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    ho, wo = out_size(h, kh, sh, ph, dh), out_size(wd, kw, sw, pw, dw)
    xp = np.zeros((n, c_in, h + 2 * ph, wd + 2 * pw), dtype=dtype)
    if one_sided:   # all the padding after the input (bottom/right) instead of half on each side
        xp[:, :, :h, :wd] = x
    else:
        xp[:, :, ph:ph + h, pw:pw + wd] = x
    if flip:
        w = w[:, :, ::-1, ::-1]
    opg = c_out // groups
    out = np.zeros((n, c_out, ho, wo), dtype=dtype)
    for co in range(c_out):
        g = co // opg
        chans = [g + groups * c for c in range(cpg)] if interleaved else list(range(g * cpg, (g + 1) * cpg))
        for i in range(kh):
            for j in range(kw):
                patch = xp[:, chans, i * dh:i * dh + sh * (ho - 1) + 1:sh, j * dw:j * dw + sw * (wo - 1) + 1:sw]
                out[:, co] += np.einsum("nchw,c->nhw", patch, w[co, :, i, j])
        if b is not None:
            out[:, co] += np.asarray(b, dtype=dtype)[co]
    return out


def rel(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64))) / max(np.max(np.abs(b)), 1.0))


def out_of_tol(actual, expected, tol):
    return bool(np.any(np.abs(actual - expected) > tol[0] + tol[1] * np.abs(expected)))


def case(tag, x, w, b, note, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1, dtype="float64",
         catches=(), catches_dilation_shape=False, catches_float32=False):
    npdt = np.float64 if dtype == "float64" else np.float32
    tol = TOL[dtype]
    x = np.ascontiguousarray(x, dtype=npdt)
    w = np.ascontiguousarray(w, dtype=npdt)
    b = None if b is None else np.ascontiguousarray(b, dtype=npdt)
    assert x.shape[1] % groups == 0 and w.shape[0] % groups == 0 and w.shape[1] == x.shape[1] // groups
    exact = F.conv2d(torch.from_numpy(x.astype(np.float64)), torch.from_numpy(w.astype(np.float64)),
                     None if b is None else torch.from_numpy(b.astype(np.float64)),
                     stride=stride, padding=padding, dilation=dilation, groups=groups).numpy()
    mine = numpy_conv2d(x, w, b, stride, padding, dilation, groups)
    assert exact.shape == mine.shape, (tag, exact.shape, mine.shape)
    dev = rel(mine, exact)
    # float64 rounding is relative to the size of the summed terms, not of the (possibly cancelled) output
    terms = np.max(np.abs(x)) * np.max(np.abs(w).reshape(w.shape[0], -1).sum(axis=1)) + (0 if b is None else np.max(np.abs(b)))
    assert np.max(np.abs(np.asarray(mine, np.float64) - exact)) <= 1e-14 * max(terms, 1.0), (tag, dev, terms)
    expected = exact.astype(npdt)
    m64 = np.asarray(mine, dtype=np.float64)
    assert not out_of_tol(expected.astype(np.float64), m64, (0.1 * tol[0], 0.1 * tol[1])), tag
    assert np.all(np.isfinite(expected))
    for mistake in catches:
        wrong = np.asarray(numpy_conv2d(x, w, b, stride, padding, dilation, groups, **{mistake: True}), np.float64)
        assert wrong.shape == expected.shape and out_of_tol(wrong, expected.astype(np.float64), tol), (tag, mistake)
    if catches_dilation_shape:
        (dh, dw), (kh, kw) = dilation, w.shape[2:]
        wrong_shape = (out_size(x.shape[2], kh, stride[0], padding[0], 1), out_size(x.shape[3], kw, stride[1], padding[1], 1))
        assert wrong_shape != expected.shape[2:], (tag, "dilation-ignored output size not caught")
    if catches_float32:
        f32 = F.conv2d(torch.from_numpy(x.astype(np.float32)), torch.from_numpy(w.astype(np.float32)),
                       None if b is None else torch.from_numpy(b.astype(np.float32)),
                       stride=stride, padding=padding, dilation=dilation, groups=groups).numpy().astype(np.float64)
        assert out_of_tol(f32, expected, tol), (tag, "float32 arithmetic not caught")

    tensors = {"in.x": x, "in.weight": w, "out": expected}
    if b is not None:
        tensors["in.bias"] = b
    args = json.dumps({"stride": list(stride), "padding": list(padding), "dilation": list(dilation), "groups": groups})
    name = f"{len(WRITTEN) + 1:02d}-{tag}"
    meta = {"kata": SLUG, "args": args, "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: x{list(x.shape)} w{list(w.shape)} {dtype} out{list(expected.shape)}; numpy-longdouble dev {dev:.1e}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2026)
    r = rng.normal

    case("basic", r(size=(2, 3, 7, 7)), r(size=(4, 3, 3, 3)), r(size=4),
         "basic: stride 1, no padding, 3×3 kernel with bias — a cross-correlation (no kernel flip), out 5×5",
         catches=("flip",))
    case("padding", r(size=(1, 2, 6, 5)), r(size=(3, 2, 3, 3)), None,
         "padding (H, W) = (1, 2), no bias: zeros on BOTH sides of each spatial dim, out [6, 7]",
         padding=(1, 2), catches=("flip", "one_sided"))
    case("stride", r(size=(2, 2, 9, 10)), r(size=(3, 2, 3, 2)), r(size=3),
         "stride (H, W) = (2, 3) with padding 1: the output size rounds down, out = floor((9 + 2 − 3)/2) + 1 = 5 by floor((10 + 2 − 2)/3) + 1 = 4",
         stride=(2, 3), padding=(1, 1), catches=("flip", "one_sided"))
    case("dilation", r(size=(1, 2, 11, 12)), r(size=(2, 2, 3, 3)), r(size=2),
         "dilation (H, W) = (2, 3), padding (2, 1): taps at i·d, effective kernel extent d·(k − 1) + 1 = 5 by 7, out [11, 8]",
         padding=(2, 1), dilation=(2, 3), catches=("flip", "one_sided"), catches_dilation_shape=True)
    case("groups", r(size=(2, 4, 6, 6)), r(size=(6, 2, 3, 3)), r(size=6),
         "groups = 2: input channels 0–1 feed output channels 0–2, channels 2–3 feed 3–5 (contiguous blocks, no mixing)",
         padding=(1, 1), groups=2, catches=("flip", "interleaved", "one_sided"))
    case("depthwise", r(size=(1, 3, 5, 7)), r(size=(6, 1, 3, 3)), r(size=6),
         "depthwise, groups = C_in = 3 with 2 filters per channel: output channels 2c and 2c + 1 read input channel c only",
         padding=(1, 1), groups=3, catches=("flip", "one_sided"))
    case("rect-kernel", r(size=(2, 3, 5, 8)), r(size=(2, 3, 1, 4)), r(size=2),
         "a 1×4 kernel on a 5×8 input, stride (1, 2), padding (0, 1): non-square kernel, stride and padding — H and W kept apart",
         stride=(1, 2), padding=(0, 1), catches=("flip", "one_sided"))
    case("kernel-covers-input", r(size=(3, 4, 4, 5)), r(size=(5, 4, 4, 5)), r(size=5),
         "edge: the kernel is as large as the input (4×5), no padding: a 1×1 output per image, a fully connected layer",
         catches=("flip",))
    x = r(size=(1, 2, 3, 3))
    case("padding-beyond-kernel", x, r(size=(2, 2, 2, 2)), np.array([0.5, -1.5]),
         "edge: padding 3 with a 2×2 kernel on a 3×3 input — the border outputs see only zeros and equal the bias, out 8×8",
         padding=(3, 3), catches=("flip", "one_sided"))
    case("all-float32", r(size=(2, 4, 10, 9)), r(size=(4, 2, 3, 3)), r(size=4),
         "float32: stride 2, padding 2, dilation 2, groups 2 and a bias together; expected = exact answer rounded to float32",
         stride=(2, 2), padding=(2, 2), dilation=(2, 2), groups=2, dtype="float32",
         catches=("flip", "interleaved", "one_sided"), catches_dilation_shape=True)
    # Hard: x ≈ 1e4 and every filter sums to zero (an edge detector), so each output is a difference of ~1e4-sized terms
    # that cancel to O(1): float64 keeps ~12 digits, float32 arithmetic keeps none of the answer's.
    w = r(size=(3, 2, 3, 3))
    w -= w.mean(axis=(1, 2, 3), keepdims=True)
    case("large-offset", 1e4 + r(size=(2, 2, 8, 8)), w, r(size=3),
         "hard: x ≈ 1e4 with zero-sum filters — outputs of O(1) from terms of ~1e4 that cancel; float32 arithmetic loses them",
         padding=(0, 0), catches=("flip",), catches_float32=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
