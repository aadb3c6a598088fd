#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the sparse-attention (sliding-window causal attention) kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/sparse-attention/generate_cases.py

Query t attends to keys s with t - window < s <= t; scores = q_t.k_s / sqrt(D); softmax over allowed s; out = P @ v.
Expected values: PyTorch DENSE masked attention in float64 (full T x T scores, disallowed entries set to -inf before
torch.softmax, which subtracts the row max). For float32 cases the inputs are float32, the expected values are
computed in float64 from them and rounded to float32.
Cross-checks, all asserted:
  * a second, independent implementation (numpy, per query row, only the window's keys, extended precision
    np.longdouble, explicit max subtraction) agrees with the torch float64 result to max(1e-13, 1e-15*max|score|)
    relative to max|v| (float64 rounding of a score S is ~S*eps: ~1e-12 for the 1e4-magnitude case);
  * float32 cases are achievable: the same dense attention computed entirely in float32 is within a quarter of
    the kata's float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * window 1 and T = 1 cases: output equals v exactly.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from masked_attention import dense, float32_error_ratio, per_row_longdouble  # noqa: E402
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "sparse-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def window_mask(T, window):
    """True where query t may attend key s: the causal window t - window < s <= t."""
    t = torch.arange(T)[:, None]
    s = torch.arange(T)[None, :]
    return (s > t - window) & (s <= t)


def dense_reference(q, k, v, window):
    """PyTorch dense masked attention in q's dtype (use float64 for expected values)."""
    return dense(q, k, v, window_mask(q.shape[-2], window))


def windowed_longdouble(q, k, v, window):
    """Independent per-row implementation over the window only, in np.longdouble."""
    return per_row_longdouble(q, k, v, lambda t: list(range(max(0, t - window + 1), t + 1)))


WRITTEN = []


def case(name, q, k, v, window, dtype, note, expect_identity=False):
    assert q.shape == k.shape == v.shape and q.dim() == 4 and window >= 1
    q, k, v = (a.to(dtype).contiguous() for a in (q, k, v))
    out64, scores = dense_reference(q.double(), k.double(), v.double(), window)
    expected = out64.to(dtype)
    assert torch.isfinite(expected).all(), name

    lq = windowed_longdouble(q.double().numpy(), k.double().numpy(), v.double().numpy(), window)
    vmax = float(v.double().abs().max())
    dev_ld = float(np.max(np.abs(out64.numpy().astype(np.longdouble) - lq))) / max(vmax, 1e-300)
    finite = scores[torch.isfinite(scores)]
    smax = float(finite.abs().max())
    # float64 rounding of a score of size S is ~S*eps, so the inherent error grows with |score| (1e4 -> ~1e-12)
    assert dev_ld <= max(1e-13, 1e-15 * smax), (name, dev_ld)

    extra = ""
    if dtype == torch.float32:
        atol, rtol = TOL[torch.float32]
        ratio = float32_error_ratio(q, k, v, window_mask(q.shape[-2], window), expected, atol, rtol)
        assert ratio <= 0.25, (name, "float32 computation is not comfortably within tolerance", ratio)
        extra = f"; pure-float32 torch: max err/tolerance = {ratio:.3f}"
    if expect_identity:
        assert torch.equal(expected, v), name

    B, H, T, D = q.shape
    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} T={T} D={D} window={window} "
          f"|score| max={smax:.3g}; torch f64 vs longdouble windowed: {dev_ld:.1e} (rel. max|v|)"
          f"{extra}")

    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"window": int(window)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(424242)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    f64, f32 = torch.float64, torch.float32

    case("01-basic-f64", rn(1, 2, 16, 8), rn(1, 2, 16, 8), rn(1, 2, 16, 8), 4, f64,
         "basic: float64 B=1 H=2 T=16 D=8 window=4")
    case("02-window-1", rn(2, 1, 10, 4), rn(2, 1, 10, 4), rn(2, 1, 10, 4), 1, f64,
         "edge: window 1, each query sees only itself, output == v", expect_identity=True)
    case("03-window-equals-T", rn(1, 3, 12, 5), rn(1, 3, 12, 5), rn(1, 3, 12, 5), 12, f64,
         "edge: window == T, plain causal attention")
    case("04-window-exceeds-T-f32", rn(2, 2, 20, 8), rn(2, 2, 20, 8), rn(2, 2, 20, 8), 50, f32,
         "edge: window 50 > T=20 (plain causal attention), float32")
    case("05-T-not-multiple-of-window", rn(2, 3, 23, 6), rn(2, 3, 23, 6), rn(2, 3, 23, 6), 5, f64,
         "edge: T=23 not a multiple of window=5, B=2 H=3")
    case("06-T-1", rn(2, 2, 1, 8), rn(2, 2, 1, 8), rn(2, 2, 1, 8), 3, f64,
         "edge: T=1 (single position, output == v)", expect_identity=True)
    case("07-window-T-minus-1", rn(1, 1, 9, 3, scale=2.0), rn(1, 1, 9, 3, scale=2.0), rn(1, 1, 9, 3), 8, f64,
         "edge: window = T-1, only the last query loses key 0 (off-by-one in the window bound)")

    # 08 huge-magnitude scores (~1e4, both signs) with O(1) differences inside a row: naive exp overflows/underflows
    B, H, T, D = 2, 2, 24, 4
    e1 = torch.zeros(D, dtype=torch.float64)
    e1[0] = 1.0
    kk = 141.0 * e1 + 0.02 * rn(B, H, T, D)
    sign = torch.where(torch.rand(B, H, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 141.0 * e1 + 0.5 * rn(B, H, T, D)
    kk[0, 0, 5] = kk[0, 0, 4]  # duplicated key: exact tie at the top of some rows
    case("08-huge-scores-f64", qq, kk, rn(B, H, T, D), 6, f64,
         "hard: scores ~ +-1e4 with O(1) spread in each row (needs the row-max subtraction), float64")

    # 09 huge scores in float32. float32 rounds a score of 1e4 to ~1e-3, so only rows whose softmax is dominated by
    # one key are well posed at float32 tolerance: the key's e1 component steps by 0.08 with (s mod 5), which puts
    # gaps of ~8 between the scores of the 5 keys of each window (runner-up weight ~e^-8).
    m = (torch.arange(T, dtype=torch.float64) % 5)[:, None]
    kk = (100.0 + 0.08 * m) * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    qq = sign * 200.0 * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    case("09-huge-scores-f32", qq, kk, rn(B, H, T, D), 5, f32,
         "hard: float32 scores ~ +-1e4 with gaps ~8 inside each window: must not overflow to inf/NaN")

    case("10-basic-f32", rn(2, 2, 32, 16), rn(2, 2, 32, 16), rn(2, 2, 32, 16), 8, f32,
         "basic: float32 B=2 H=2 T=32 D=16 window=8")
    case("11-batch-head-mixing-f32", rn(3, 4, 17, 8), rn(3, 4, 17, 8), rn(3, 4, 17, 8, scale=3.0), 6, f32,
         "edge: B=3 H=4 (B != H) with distinct data per (b,h): catches mixed-up batch/head axes, float32")
    case("12-long-f64", rn(1, 1, 64, 16), rn(1, 1, 64, 16), rn(1, 1, 64, 16), 7, f64,
         "random: float64 T=64 D=16 window=7")
    case("13-D-1", rn(2, 1, 11, 1, scale=3.0), rn(2, 1, 11, 1, scale=3.0), rn(2, 1, 11, 1), 3, f64,
         "edge: D=1 (scale 1/sqrt(1)), window=3")
    case("14-window-2-f32", rn(1, 2, 15, 4), rn(1, 2, 15, 4), rn(1, 2, 15, 4), 2, f32,
         "edge: window 2 (a query sees itself and its predecessor), float32")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
