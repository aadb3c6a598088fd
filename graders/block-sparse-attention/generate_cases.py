#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the block-sparse-attention kata (Sparse Transformer "fixed" pattern, causal).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/block-sparse-attention/generate_cases.py

Query i attends key j iff j <= i and (j // l == i // l  or  j % l >= l - c); scores = q_i.k_j / sqrt(D); one softmax
over the allowed j; out = P @ v.
Expected values: PyTorch DENSE masked attention in float64 (full T x T scores, the pattern's complement set to -inf
before torch.softmax, which subtracts the row max). For float32 cases the inputs are float32, the expected values are
computed in float64 from them and rounded to float32.
Cross-checks, all asserted:
  * the dense mask equals a mask built by enumeration (for each i: the keys of i's block up to i, plus for every
    earlier block its last c positions) -- the statement's two descriptions of the pattern agree;
  * a second, independent implementation (numpy, per query row over the enumerated keys only, extended precision
    np.longdouble, explicit max subtraction) agrees with the torch float64 result to max(1e-13, 1e-15*max|score|)
    relative to max|v|;
  * float32 cases are achievable: the same dense attention computed entirely in float32 is within a quarter of the
    kata's float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * the statement's worked example (T=4, l=2, c=1) and the T = 1 case give the values the statement prints / v;
  * every case whose note says it catches a mistake really does: the mistaken pattern (summary rule off by one,
    future summary positions visible, own block's summary positions counted twice) changes the expected output by
    more than 100x the tolerance.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from masked_attention import dense, excess_over_tolerance, float32_error_ratio, per_row_longdouble  # noqa: E402
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "block-sparse-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def pattern(T, l, c, variant="fixed"):
    """Bool [T, T]: True where query i may attend key j."""
    i = torch.arange(T)[:, None]
    j = torch.arange(T)[None, :]
    same = (j // l) == (i // l)
    if variant == "summary-off-by-one":
        summ = (j % l) > (l - c)
    else:
        summ = (j % l) >= (l - c)
    if variant == "non-causal-summary":
        return ((j <= i) & same) | summ
    return (j <= i) & (same | summ)


def enumerated_keys(T, l, c, i):
    start = (i // l) * l
    keys = [j for j in range(start) if j % l >= l - c]
    return keys + list(range(start, i + 1))






WRITTEN = []


def case(name, q, k, v, l, c, dtype, note, catches=(), expect_identity=False, expect=None):
    assert q.shape == k.shape == v.shape and q.dim() == 4 and l >= 1 and 1 <= c <= l
    q, k, v = (a.to(dtype).contiguous() for a in (q, k, v))
    B, H, T, D = q.shape
    mask = pattern(T, l, c)
    enum = torch.zeros(T, T, dtype=torch.bool)
    for i in range(T):
        enum[i, enumerated_keys(T, l, c, i)] = True
    assert torch.equal(mask, enum), name
    assert mask.diagonal().all(), name  # every query sees itself: no fully masked row

    out64, scores = dense(q.double(), k.double(), v.double(), mask)
    expected = out64.to(dtype)
    assert torch.isfinite(expected).all(), name
    lq = per_row_longdouble(q.double().numpy(), k.double().numpy(), v.double().numpy(),
                            lambda i: enumerated_keys(T, l, c, i))
    vmax = float(v.double().abs().max())
    dev_ld = float(np.max(np.abs(out64.numpy().astype(np.longdouble) - lq))) / max(vmax, 1e-300)
    smax = float(scores[torch.isfinite(scores)].abs().max())
    assert dev_ld <= max(1e-13, 1e-15 * smax), (name, dev_ld)

    atol, rtol = TOL[dtype]
    extra = ""
    if dtype == torch.float32:
        ratio = float32_error_ratio(q, k, v, mask, expected, atol, rtol)
        assert ratio <= 0.25, (name, "float32 computation is not comfortably within tolerance", ratio)
        extra = f"; pure-float32 torch: max err/tolerance = {ratio:.3f}"
    if expect_identity:
        assert torch.equal(expected, v), name
    if expect is not None:
        assert torch.allclose(expected.flatten().double(), torch.tensor(expect, dtype=torch.float64), atol=1e-10), \
            (name, expected.flatten())
    for variant in catches:
        if variant == "double-counted-summary":
            same = (torch.arange(T)[None, :] // l) == (torch.arange(T)[:, None] // l)
            summ = (torch.arange(T)[None, :] % l) >= (l - c)
            wrong, _ = dense(q.double(), k.double(), v.double(), mask, double_count=mask & same & summ)
        else:
            wrong, _ = dense(q.double(), k.double(), v.double(), pattern(T, l, c, variant))
        excess = excess_over_tolerance(wrong, out64, atol, rtol)
        assert excess > 100, (name, variant, excess)
        extra += f"; {variant} off by {excess:.0f}x tol"

    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} T={T} D={D} l={l} c={c} |score| max={smax:.3g}; "
          f"torch f64 vs longdouble per-row: {dev_ld:.1e}{extra}")
    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"block": int(l), "summary": int(c)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


ALL_MISTAKES = ("summary-off-by-one", "non-causal-summary", "double-counted-summary")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(20190423)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    f64, f32 = torch.float64, torch.float32

    # The statement's worked example: T=4, l=2, c=1 (summary positions 1 and 3), D=1.
    one = lambda xs: torch.tensor(xs, dtype=torch.float64).view(1, 1, -1, 1)  # noqa: E731
    case("01-worked-example", one([1, 1, 1, 1]), one([0, 1, 2, 3]), one([1, 2, 3, 4]), 2, 1, f64,
         "the statement's worked example: T=4, block=2, summary=1, D=1",
         expect=[1.0, 1.7310585786300049, 2.7310585786300049, 3.5752103826044417])
    case("02-basic-f64", rn(1, 2, 24, 8), rn(1, 2, 24, 8), rn(1, 2, 24, 8), 4, 2, f64,
         "basic: float64 B=1 H=2 T=24 D=8 block=4 summary=2 (6 blocks)", catches=ALL_MISTAKES)
    case("03-T-not-multiple-of-block", rn(2, 3, 23, 6), rn(2, 3, 23, 6), rn(2, 3, 23, 6), 5, 2, f64,
         "edge: T=23 not a multiple of block=5 (last block has 3 positions), summary=2, B=2 H=3", catches=ALL_MISTAKES)
    case("04-summary-equals-block", rn(1, 2, 20, 4), rn(1, 2, 20, 4), rn(1, 2, 20, 4), 4, 4, f64,
         "edge: summary == block: every earlier position is a summary, so this is plain causal attention",
         catches=("non-causal-summary", "double-counted-summary"))
    case("05-block-exceeds-T-f32", rn(2, 2, 20, 8), rn(2, 2, 20, 8), rn(2, 2, 20, 8), 50, 3, f32,
         "edge: block=50 > T=20: one block, plain causal attention (summary positions 47..49 do not exist), float32")
    case("06-block-1", rn(2, 1, 12, 4), rn(2, 1, 12, 4), rn(2, 1, 12, 4), 1, 1, f64,
         "edge: block=1, summary=1: every position is a summary position, plain causal attention")
    case("07-T-1", rn(2, 2, 1, 8), rn(2, 2, 1, 8), rn(2, 2, 1, 8), 3, 1, f64,
         "edge: T=1 (single position, output == v)", expect_identity=True)
    case("08-summary-1-f32", rn(3, 4, 17, 8), rn(3, 4, 17, 8), rn(3, 4, 17, 8, scale=3.0), 4, 1, f32,
         "edge: summary=1 (only the last position of each earlier block), B=3 H=4 with distinct data per (b,h): "
         "catches mixed-up batch/head axes, float32", catches=("summary-off-by-one", "non-causal-summary"))
    case("09-summary-block-minus-1", rn(1, 1, 30, 3, scale=2.0), rn(1, 1, 30, 3, scale=2.0), rn(1, 1, 30, 3), 6, 5, f64,
         "edge: summary = block - 1: only the first position of each earlier block is hidden (off-by-one in j mod l >= l - c)",
         catches=ALL_MISTAKES)

    # 10 huge-magnitude scores (~1e4, both signs) with O(1) spread in each row: naive exp overflows/underflows.
    B, H, T, D = 2, 2, 26, 4
    e1 = torch.zeros(D, dtype=torch.float64)
    e1[0] = 1.0
    kk = 141.0 * e1 + 0.02 * rn(B, H, T, D)
    sign = torch.where(torch.rand(B, H, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 141.0 * e1 + 0.5 * rn(B, H, T, D)
    kk[0, 0, 5] = kk[0, 0, 4]  # duplicated key: an exact tie at the top of some rows
    case("10-huge-scores-f64", qq, kk, rn(B, H, T, D), 4, 2, f64,
         "hard: scores ~ +-1e4 with O(1) spread in each row (needs the row-max subtraction), float64")

    # 11 huge scores in float32. float32 rounds a score of 1e4 to ~1e-3, so only rows dominated by one key are well
    # posed at float32 tolerance: the key's e1 component grows by 0.08 per position, which puts gaps of >= ~8 between
    # the scores of the keys each query sees (runner-up weight ~e^-8).
    m = torch.arange(T, dtype=torch.float64)[:, None]
    kk = (100.0 + 0.08 * m) * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    qq = sign * 200.0 * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    case("11-huge-scores-f32", qq, kk, rn(B, H, T, D), 5, 2, f32,
         "hard: float32 scores ~ +-1e4 with gaps >= 8 between a query's keys: must not overflow to inf/NaN")

    case("12-sqrt-T-f32", rn(2, 2, 100, 16), rn(2, 2, 100, 16), rn(2, 2, 100, 16), 10, 3, f32,
         "basic: float32 T=100 block=10=sqrt(T) summary=3, as in the complexity check", catches=ALL_MISTAKES)
    case("13-D-1", rn(2, 1, 11, 1, scale=3.0), rn(2, 1, 11, 1, scale=3.0), rn(2, 1, 11, 1), 3, 1, f64,
         "edge: D=1 (scale 1/sqrt(1)), block=3 summary=1")
    case("14-long-f64", rn(1, 1, 64, 16), rn(1, 1, 64, 16), rn(1, 1, 64, 16), 8, 2, f64,
         "random: float64 T=64 D=16 block=8 summary=2 (7 earlier blocks of summaries for the last block)",
         catches=ALL_MISTAKES)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
