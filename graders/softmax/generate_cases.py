#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the softmax kata (numerically stable softmax and log-softmax over any dim).

Run with Debian's python3 (python3-torch, python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/softmax/generate_cases.py

Expected values: PyTorch's torch.softmax / torch.log_softmax in float64 (which subtract the max of each slice).
For float32 cases the inputs are float32, the expected values are computed in float64 from them and rounded to
float32 (the exact answer to the float32 question).
Cross-checks, all asserted:
  * an independent implementation in 50-digit arithmetic (mpmath, slice by slice, no max trick needed) agrees with
    the torch float64 result to 1e-14 relative (+1e-16 absolute), -inf exactly where the input is -inf;
  * float32 cases are achievable: torch's own float32 softmax/log_softmax is within half of the kata's float32
    tolerance (atol 1e-5, rtol 1e-5) of the expected values;
  * every hard case fails the mistake it targets: exp without the max shift overflows (05, 12), log(softmax(x))
    has -inf where the answer is finite (06), shifting by the tensor's global max underflows a whole slice to
    0/0 (07), and softmax over the last dim differs from softmax over the requested dim (03, 04, 14).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "softmax"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL32 = (1e-5, 1e-5)
mpmath.mp.dps = 50
WRITTEN = []


def exact(x64, dim, log):
    """Slice-by-slice softmax / log-softmax of a float64 numpy array in 50-digit arithmetic."""
    moved = np.moveaxis(x64, dim, -1)
    out = np.empty(moved.shape, dtype=np.float64)
    for idx in np.ndindex(*moved.shape[:-1]):
        row = [mpmath.mpf(float(v)) if np.isfinite(v) else None for v in moved[idx]]
        finite = [v for v in row if v is not None]
        total = mpmath.fsum(mpmath.exp(v) for v in finite)
        lse = mpmath.log(total)
        for j, v in enumerate(row):
            if v is None:
                out[idx + (j,)] = -np.inf if log else 0.0
            else:
                out[idx + (j,)] = float(v - lse) if log else float(mpmath.exp(v - lse))
    return np.moveaxis(out, -1, dim)


def naive_softmax(x, dim):
    with np.errstate(all="ignore"):
        e = np.exp(x)
        return e / e.sum(axis=dim, keepdims=True)


def case(name, entry, x, dim, note, dtype=np.float64, expect=()):
    x = np.ascontiguousarray(x, dtype=dtype)
    assert x.ndim >= 1 and -x.ndim <= dim < x.ndim
    assert not np.any(np.isnan(x)) and not np.any(x == np.inf), name
    assert np.all(np.isfinite(x).any(axis=dim)), (name, "every slice needs a finite entry")
    log = entry == "LogSoftmax"
    fn = torch.log_softmax if log else torch.softmax
    x64 = torch.from_numpy(x.astype(np.float64))
    want64 = fn(x64, dim=dim).numpy()

    ref = exact(x.astype(np.float64), dim, log)
    assert np.array_equal(np.isneginf(ref), np.isneginf(want64)), name
    fin = np.isfinite(ref)
    # relative to the value, with a 1e-16 absolute floor for values that are (mathematically) ~0
    dev = float(np.max(np.abs(ref[fin] - want64[fin]) / (np.abs(ref[fin]) + 1e-2)))
    assert np.all(np.abs(ref[fin] - want64[fin]) <= 1e-14 * np.abs(ref[fin]) + 1e-16), (name, dev)
    assert np.all(np.isfinite(want64) | np.isneginf(x)), name

    want = want64.astype(dtype)
    if dtype == np.float32:
        got32 = fn(torch.from_numpy(x), dim=dim).numpy()
        err = np.abs(got32[fin].astype(np.float64) - want[fin]) - (TOL32[0] + TOL32[1] * np.abs(want[fin]))
        assert np.max(err + 0.5 * (TOL32[0] + TOL32[1] * np.abs(want[fin]))) <= 0, (name, "float32 not achievable")

    with np.errstate(all="ignore"):
        if "overflow" in expect:   # no max shift: exp overflows to inf, inf/inf = NaN
            assert np.isnan(naive_softmax(x, dim)).any(), (name, "no overflow without the max shift")
        if "log-of-softmax" in expect:   # log(softmax): an underflowed probability gives -inf
            p = torch.softmax(x64, dim=dim).numpy()
            assert (np.isneginf(np.log(p)) & np.isfinite(want64)).any(), (name, "log(softmax) stays finite")
        if "global-max" in expect:   # shifting every slice by the tensor's max underflows a slice to 0/0
            e = np.exp(x.astype(np.float64) - x.max())
            assert (e.sum(axis=dim) == 0).any(), (name, "global max does not underflow a slice")
        if "wrong-dim" in expect:
            other = fn(x64, dim=-1).numpy()
            assert np.max(np.abs(np.nan_to_num(other - want64))) > 1e-3, (name, "last dim gives the same answer")

    tensors = {"in.x": x, "out": want}
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps({"dim": int(dim)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: {entry} x{list(x.shape)} {x.dtype} dim={dim}; max |dev|/(|v|+0.01) from 50-digit = {dev:.1e}")


def causal_scores(rng, b, h, t, scale):
    s = rng.normal(scale=scale, size=(b, h, t, t))
    s[..., np.triu_indices(t, 1)[0], np.triu_indices(t, 1)[1]] = -np.inf
    return s


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(6121)

    x = rng.normal(scale=3.0, size=(4, 7))
    case("01-rows", "Softmax", x, 1, "basic: softmax of each row of a [4, 7] float64 matrix (dim = 1)")
    case("02-log-rows", "LogSoftmax", x, -1, "basic: log-softmax of each row of the same [4, 7] matrix (dim = -1)")

    x = rng.normal(scale=2.0, size=(5, 3, 4))
    case("03-dim-0", "Softmax", x, 0, "edge: dim = 0 of a [5, 3, 4] tensor: each of the 12 slices runs down the first axis",
         expect=("wrong-dim",))
    x = rng.normal(scale=2.0, size=(2, 6, 3, 4))
    case("04-log-negative-middle-dim", "LogSoftmax", x, -3,
         "edge: negative dim = -3 of a [2, 6, 3, 4] tensor (the axis of length 6)", expect=("wrong-dim",))

    x = rng.uniform(-1000, 1000, size=(6, 9))
    x[2] = 800 + rng.normal(size=9)          # a row of large equal-ish logits
    case("05-huge-logits", "Softmax", x, 1,
         "hard: logits up to ±1000 in float64 — exp(1000) overflows to inf unless each slice is shifted by its max",
         expect=("overflow",))

    x = rng.normal(scale=1.0, size=(5, 8))
    x[:, 0] += 1500.0                         # one dominant class: the others have log-probabilities near -1500
    x[1, 3] -= 400.0
    case("06-log-far-below-max", "LogSoftmax", x, -1,
         "hard: log-probabilities near -1500 — exp underflows to 0, so log(softmax(x)) is -inf where the answer is finite",
         expect=("overflow", "log-of-softmax"))

    base = rng.normal(size=(3, 6))
    x = base + np.array([[-3000.0], [0.0], [3000.0]])
    case("07-slices-far-apart", "Softmax", x, 1,
         "hard: rows offset by -3000, 0, +3000 — the shift must be each row's own max, not the tensor's max",
         expect=("overflow", "global-max"))

    s = causal_scores(rng, 1, 2, 5, 1.5)
    case("08-causal-mask-float32", "Softmax", s, -1,
         "edge: float32 causal attention scores [1, 2, 5, 5] with -inf above the diagonal: masked entries are exactly 0, "
         "the first row is a single finite entry", dtype=np.float32)
    case("09-log-causal-mask-float32", "LogSoftmax", s, -1,
         "edge: log-softmax of the same masked float32 scores: -inf exactly where the input is -inf", dtype=np.float32)

    x = rng.normal(size=(3, 1, 4))
    case("10-size-one-dim", "Softmax", x, 1, "edge: the softmax axis has length 1 (every output is exactly 1)")
    case("11-log-size-one-dim", "LogSoftmax", x, -2, "edge: log-softmax over an axis of length 1 (every output is exactly 0)")

    x = rng.uniform(-100, 100, size=(4, 16))
    case("12-float32-large", "Softmax", x, 1,
         "hard: float32 logits up to ±100 — float32 exp overflows above 88.7 unless each row is shifted by its max",
         dtype=np.float32, expect=("overflow",))

    x = rng.normal(scale=8.0, size=(2, 3, 16))
    case("13-log-float32", "LogSoftmax", x, 2, "float32 [2, 3, 16] logits of scale 8 over the last dim", dtype=np.float32)

    x = np.full((4, 5), 2.5)
    x[1] = 700.0
    x[2] = -700.0
    x[3] = [1.0, 1.0, 3.0, 3.0, 2.0]
    case("14-log-ties-dim-0", "LogSoftmax", x.T.copy(), 0,
         "edge: exact ties in each column of a [5, 4] matrix, dim = 0: a column of equal values gives -log(5), "
         "also at ±700", expect=("wrong-dim",))

    x = np.concatenate([[40.0], rng.normal(size=9)])
    case("15-vector-near-one-hot", "Softmax", x, 0,
         "edge: a 1-D vector (dim = 0) with one logit 40 above the rest: probabilities near 1e-18 next to one near 1")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}, mpmath {mpmath.__version__}: "
          f"wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
