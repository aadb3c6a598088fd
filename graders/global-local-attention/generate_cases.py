#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the global-local-attention kata (Longformer: sliding window + global tokens, not causal).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/global-local-attention/generate_cases.py

Query i attends key j iff |i - j| <= w  or  i is global  or  j is global; scores = q_i.k_j / sqrt(D); one softmax
over the allowed j (each allowed key once); out = P @ v.
Expected values: PyTorch DENSE masked attention in float64 (full T x T scores, the pattern's complement set to -inf
before torch.softmax, which subtracts the row max). For float32 cases the inputs are float32, the expected values are
computed in float64 from them and rounded to float32.
Cross-checks, all asserted:
  * the dense mask equals a mask built by enumeration (for each i: every j when i is global, else the band
    max(0, i-w) .. min(T-1, i+w) united with the set of global positions) -- the statement's two descriptions agree;
  * every query sees itself (no fully masked row), and the mask does not depend on the order of the global indices
    (the same case with the indices permuted gives bit-identical expected values);
  * a second, independent implementation (numpy, per query row over the enumerated key list only, extended precision
    np.longdouble, explicit max subtraction) agrees with the torch float64 result to max(1e-13, 1e-15*max|score|)
    relative to max|v|;
  * float32 cases are achievable: the same dense attention computed entirely in float32 is within a quarter of the
    kata's float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * the statement's worked example and the T = 1 case give the values the statement prints / v;
  * every case whose note says it catches a mistake really does (band or globals one-way, a global key counted twice,
    window off by one or read as the total width, causal band, no 1/sqrt(D), global rows left as band rows or written
    back in sorted order): the mistaken pattern changes the expected output by
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

SLUG = "global-local-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def pattern(T, w, globals_, variant="longformer"):
    """Bool [T, T]: True where query i may attend key j."""
    i = torch.arange(T)[:, None]
    j = torch.arange(T)[None, :]
    is_g = torch.zeros(T, dtype=torch.bool)
    is_g[globals_] = True
    gi, gj = is_g[:, None], is_g[None, :]
    band = (i - j).abs() <= w
    if variant == "window-off-by-one":  # strict |i - j| < w; the cases that assert it have w >= 1, so i sees itself
        band = (i - j).abs() < w
    if variant == "window-as-total-width":  # w read as the total width 2w' + 1 (Hugging Face's attention_window)
        band = (i - j).abs() <= w // 2
    if variant == "causal-band":
        band = band & (j <= i)
    if variant == "attend-only":        # global queries see everything; ordinary queries do not see global keys
        return band | gi.expand(T, T)
    if variant == "attended-only":      # every query sees global keys; global queries are otherwise ordinary
        return band | gj.expand(T, T)
    if variant == "global-rows-band-only":  # ordinary queries see globals; global rows see only their band
        return torch.where(gi, band, band | gj)
    return band | gi | gj


def enumerated_keys(T, w, globals_, i):
    if i in globals_:
        return list(range(T))
    keys = set(range(max(0, i - w), min(T - 1, i + w) + 1)) | set(globals_)
    return sorted(keys)






WRITTEN = []


def mistaken(variant, q, k, v, w, globals_):
    T = q.shape[2]
    if variant == "double-counted-global":
        # band keys and global keys gathered separately and concatenated: a global key inside a non-global query's
        # band is counted twice (global rows attend everything once, as a separate dense pass would)
        is_g = torch.zeros(T, dtype=torch.bool)
        is_g[globals_] = True
        i = torch.arange(T)[:, None]
        j = torch.arange(T)[None, :]
        twice = ((i - j).abs() <= w) & is_g[None, :] & ~is_g[:, None]
        return dense(q, k, v, pattern(T, w, globals_), double_count=twice)[0]
    if variant == "global-rows-out-of-order":
        # global rows computed in position order but written back in the order given
        out = dense(q, k, v, pattern(T, w, globals_))[0]
        wrong = out.clone()
        wrong[:, :, globals_] = out[:, :, sorted(globals_)]
        return wrong
    if variant == "missing-scale":
        return dense(q, k, v, pattern(T, w, globals_), scale=False)[0]
    return dense(q, k, v, pattern(T, w, globals_, variant))[0]


def case(name, q, k, v, w, globals_, dtype, note, catches=(), expect_identity=False, expect=None):
    assert q.shape == k.shape == v.shape and q.dim() == 4 and w >= 0
    q, k, v = (a.to(dtype).contiguous() for a in (q, k, v))
    B, H, T, D = q.shape
    globals_ = list(globals_)
    assert len(set(globals_)) == len(globals_) and all(0 <= g < T for g in globals_), name
    mask = pattern(T, w, globals_)
    enum = torch.zeros(T, T, dtype=torch.bool)
    for i in range(T):
        enum[i, enumerated_keys(T, w, globals_, i)] = True
    assert torch.equal(mask, enum), name
    assert mask.diagonal().all(), name  # every query sees itself: no fully masked row

    out64, scores = dense(q.double(), k.double(), v.double(), mask)
    expected = out64.to(dtype)
    assert torch.isfinite(expected).all(), name
    # order of the global indices does not matter
    perm = list(reversed(globals_))
    assert torch.equal(dense(q.double(), k.double(), v.double(), pattern(T, w, perm))[0], out64), name
    lq = per_row_longdouble(q.double().numpy(), k.double().numpy(), v.double().numpy(),
                            lambda i: enumerated_keys(T, w, globals_, i))
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
        wrong = mistaken(variant, q.double(), k.double(), v.double(), w, globals_)
        excess = excess_over_tolerance(wrong, out64, atol, rtol)
        assert excess > 100, (name, variant, excess)
        extra += f"; {variant} off by {excess:.0f}x tol"

    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} T={T} D={D} w={w} globals={globals_} "
          f"|score| max={smax:.3g}; torch f64 vs longdouble per-row: {dev_ld:.1e}{extra}")
    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(),
               "in.globals": np.array(globals_, dtype=np.int64).reshape(len(globals_)), "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"window": int(w)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


GLOBAL_MISTAKES = ("attend-only", "attended-only", "double-counted-global")
ALL_MISTAKES = GLOBAL_MISTAKES + ("window-off-by-one", "window-as-total-width", "causal-band", "missing-scale")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(20200410)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    f64, f32 = torch.float64, torch.float32

    # The statement's worked example: T=5, w=1, global position 4, D=1.
    one = lambda xs: torch.tensor(xs, dtype=torch.float64).view(1, 1, -1, 1)  # noqa: E731
    case("01-worked-example", one([1, 1, 1, 1, 1]), one([0, 1, 2, 3, 4]), one([1, 2, 3, 4, 5]), 1, [4], f64,
         "the statement's worked example: T=5, window=1, globals=[4], D=1",
         expect=[4.7915708301, 4.5900957664, 4.4926527346, 4.5752103826, 4.4519415677])
    case("02-basic-f64", rn(1, 2, 24, 8), rn(1, 2, 24, 8), rn(1, 2, 24, 8), 3, [5, 17], f64,
         "basic: float64 B=1 H=2 T=24 D=8 window=3 globals=[5, 17] (two globals farther apart than the window)",
         catches=ALL_MISTAKES + ("global-rows-band-only",))
    case("03-window-0", rn(2, 2, 16, 4), rn(2, 2, 16, 4), rn(2, 2, 16, 4), 0, [3, 11], f64,
         "edge: window=0: an ordinary query sees only itself and the globals [3, 11]; global rows see all 16 keys",
         catches=("attend-only", "attended-only", "global-rows-band-only", "missing-scale"))
    case("04-no-globals", rn(2, 3, 21, 6), rn(2, 3, 21, 6), rn(2, 3, 21, 6), 4, [], f64,
         "edge: no global tokens (globals is an empty [0] tensor): pure two-sided band attention, window=4, B=2 H=3",
         catches=("window-off-by-one", "window-as-total-width", "causal-band", "missing-scale"))
    case("05-window-exceeds-T-f32", rn(2, 2, 20, 8), rn(2, 2, 20, 8), rn(2, 2, 20, 8), 25, [7], f32,
         "edge: window=25 >= T=20: every query sees every key once (plain full attention; the global 7 adds nothing "
         "and must not be counted twice), float32", catches=("double-counted-global", "causal-band"))
    case("06-globals-at-ends", rn(1, 2, 19, 5), rn(1, 2, 19, 5), rn(1, 2, 19, 5), 2, [0, 18], f64,
         "edge: global tokens at the first and the last position (0 and T-1 = 18), window=2",
         catches=ALL_MISTAKES + ("global-rows-band-only",))
    # A global inside every ordinary query's band: globals every 3 positions with w = 2, so every band holds at least
    # one global key and a solution that concatenates band keys and global keys counts it twice everywhere.
    case("07-global-in-every-band", rn(1, 2, 18, 4), rn(1, 2, 18, 4), rn(1, 2, 18, 4), 2, [1, 4, 7, 10, 13, 16], f64,
         "edge: globals every 3 positions with window=2: every band contains a global key, which must count once",
         catches=GLOBAL_MISTAKES)
    case("08-unsorted-globals", rn(2, 1, 30, 6), rn(2, 1, 30, 6), rn(2, 1, 30, 6), 3, [22, 4, 29, 13], f64,
         "edge: global indices unsorted [22, 4, 29, 13] (order must not matter), window=3",
         catches=ALL_MISTAKES + ("global-rows-band-only", "global-rows-out-of-order"))
    case("09-T-1", rn(2, 2, 1, 8), rn(2, 2, 1, 8), rn(2, 2, 1, 8), 3, [0], f64,
         "edge: T=1 with the single position global (output == v)", expect_identity=True)
    case("10-T-1-no-globals", rn(1, 3, 1, 4), rn(1, 3, 1, 4), rn(1, 3, 1, 4), 0, [], f64,
         "edge: T=1, window=0, no globals (output == v)", expect_identity=True)

    # 11 huge-magnitude scores (~1e4, both signs) with O(1) spread in each row: naive exp overflows/underflows.
    B, H, T, D = 2, 2, 26, 4
    e1 = torch.zeros(D, dtype=torch.float64)
    e1[0] = 1.0
    kk = 141.0 * e1 + 0.02 * rn(B, H, T, D)
    sign = torch.where(torch.rand(B, H, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 141.0 * e1 + 0.5 * rn(B, H, T, D)
    kk[0, 0, 5] = kk[0, 0, 4]  # duplicated key: an exact tie at the top of some rows
    case("11-huge-scores-f64", qq, kk, rn(B, H, T, D), 3, [9, 20], f64,
         "hard: scores ~ +-1e4 with O(1) spread in each row (needs the row-max subtraction), window=3 globals=[9, 20], "
         "float64")

    # 12 huge scores in float32. float32 rounds a score of 1e4 to ~1e-3, so only rows dominated by one key are well
    # posed at float32 tolerance: the key's e1 component grows by 0.08 per position, which puts gaps of >= ~8 between
    # the scores of the keys each query sees (runner-up weight ~e^-8).
    m = torch.arange(T, dtype=torch.float64)[:, None]
    kk = (100.0 + 0.08 * m) * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    qq = sign * 200.0 * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    case("12-huge-scores-f32", qq, kk, rn(B, H, T, D), 2, [12], f32,
         "hard: float32 scores ~ +-1e4 with gaps >= 8 between a query's keys: must not overflow to inf/NaN, window=2 "
         "globals=[12]")

    case("13-batch-heads-f32", rn(3, 4, 40, 16), rn(3, 4, 40, 16), rn(3, 4, 40, 16, scale=3.0), 5, [33, 2, 20], f32,
         "basic: float32 B=3 H=4 with distinct data per (b,h) (catches mixed-up batch/head axes), T=40 window=5 "
         "globals=[33, 2, 20] (unsorted)", catches=ALL_MISTAKES + ("global-rows-band-only", "global-rows-out-of-order"))
    case("14-long-f64", rn(1, 1, 64, 16), rn(1, 1, 64, 16), rn(1, 1, 64, 16), 8, [40, 0, 63, 31], f64,
         "random: float64 T=64 D=16 window=8 globals=[40, 0, 63, 31] (unsorted)",
         catches=ALL_MISTAKES + ("global-rows-band-only", "global-rows-out-of-order"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
