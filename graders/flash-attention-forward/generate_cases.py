#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the flash-attention-forward kata (tiled attention with the online softmax, output and logsumexp).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/flash-attention-forward/generate_cases.py

scores = q k^T / sqrt(D); causal: query t sees keys s <= t; O = softmax(scores) v; L = logsumexp(scores) over allowed s.
The block sizes (blockQ, blockK) are arguments of the kata; they do not change the answer.
Expected values: PyTorch 1.13 DENSE attention in float64 (full T x T scores, masked entries -inf, torch.softmax and
torch.logsumexp). For float32 cases the inputs are float32, the expected values are computed in float64 from them and
rounded to float32.
Cross-checks, all asserted:
  * an independent implementation (numpy, np.longdouble, the online-softmax recurrence itself, tile by tile with the
    case's block sizes) agrees with the torch float64 result: O to max(1e-13, 1e-15*max|score|) relative to max|v|,
    L to 1e-15*max(1, max|score|) relative;
  * float32 cases are achievable: the same dense attention computed entirely in float32 is within a quarter of the
    kata's float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * the huge-score cases really need the recurrence's max: exp of the largest score overflows float32 (and float64
    where the note says so), and a running max frozen after the first tile overflows.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "flash-attention-forward"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def dense(q, k, v, causal):
    """PyTorch dense attention in q's dtype: O, L and the masked scores."""
    T, D = q.shape[-2], q.shape[-1]
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(D)
    if causal:
        future = torch.arange(T)[None, :] > torch.arange(T)[:, None]
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v, torch.logsumexp(scores, dim=-1), scores


def online_longdouble(q, k, v, causal, bq, bk):
    """Independent tiled implementation of the recurrence in np.longdouble, one (b, h, query tile) at a time."""
    q, k, v = (a.astype(np.longdouble) for a in (q, k, v))
    B, H, T, D = q.shape
    scale = 1 / np.sqrt(np.longdouble(D))
    O = np.zeros((B, H, T, D), dtype=np.longdouble)
    L = np.zeros((B, H, T), dtype=np.longdouble)
    for b in range(B):
        for h in range(H):
            for i0 in range(0, T, bq):
                rows = range(i0, min(i0 + bq, T))
                m = np.full(len(rows), -np.inf, dtype=np.longdouble)
                ell = np.zeros(len(rows), dtype=np.longdouble)
                acc = np.zeros((len(rows), D), dtype=np.longdouble)
                for j0 in range(0, T, bk):
                    cols = range(j0, min(j0 + bk, T))
                    s = (q[b, h, i0:i0 + len(rows)] @ k[b, h, j0:j0 + len(cols)].T) * scale
                    if causal:
                        for a, t in enumerate(rows):
                            for c, u in enumerate(cols):
                                if u > t:
                                    s[a, c] = -np.inf
                    m_new = np.maximum(m, s.max(axis=1))
                    # rows with nothing allowed yet keep m = -inf: no contribution (avoid -inf - -inf)
                    ok = np.isfinite(m_new)
                    p = np.zeros_like(s)
                    p[ok] = np.exp(s[ok] - m_new[ok, None])
                    alpha = np.zeros(len(rows), dtype=np.longdouble)
                    alpha[ok] = np.exp(m[ok] - m_new[ok])
                    ell = ell * alpha + p.sum(axis=1)
                    acc = acc * alpha[:, None] + p @ v[b, h, j0:j0 + len(cols)]
                    m = m_new
                O[b, h, i0:i0 + len(rows)] = acc / ell[:, None]
                L[b, h, i0:i0 + len(rows)] = m + np.log(ell)
    return O, L


WRITTEN = []


def case(name, q, k, v, causal, bq, bk, dtype, note, overflow32=False, overflow64=False):
    assert q.shape == k.shape == v.shape and q.dim() == 4 and bq >= 1 and bk >= 1
    q, k, v = (a.to(dtype).contiguous() for a in (q, k, v))
    out64, lse64, scores = dense(q.double(), k.double(), v.double(), causal)
    O, L = out64.to(dtype), lse64.to(dtype)
    assert torch.isfinite(O).all() and torch.isfinite(L).all(), name

    lo, ll = online_longdouble(q.double().numpy(), k.double().numpy(), v.double().numpy(), causal, bq, bk)
    smax = float(scores[torch.isfinite(scores)].abs().max())
    vmax = float(v.double().abs().max())
    dev_o = float(np.max(np.abs(out64.numpy().astype(np.longdouble) - lo))) / max(vmax, 1e-300)
    dev_l = float(np.max(np.abs(lse64.numpy().astype(np.longdouble) - ll))) / max(1.0, smax)
    assert dev_o <= max(1e-13, 1e-15 * smax), (name, dev_o)
    assert dev_l <= 1e-15 * max(1.0, smax) * 4, (name, dev_l)

    if overflow32 or overflow64:
        limit = 88.72 if overflow32 else 709.78
        assert smax > limit, (name, smax)
        # a running max frozen after the first key tile overflows: some later score exceeds it by more than the limit
        first = scores[..., :bk].amax(-1, keepdim=True)
        assert float((scores - first).max()) > limit, (name, "a stale running max would not overflow")

    extra = ""
    if dtype == torch.float32:
        o32, l32, _ = dense(q, k, v, causal)
        atol, rtol = TOL[torch.float32]
        worst = 0.0
        for got, exp in ((o32, O), (l32, L)):
            err = (got.double() - exp.double()).abs()
            worst = max(worst, float((err / (atol + rtol * exp.double().abs())).max()))
        assert worst <= 0.25, (name, "float32 computation is not comfortably within tolerance", worst)
        extra = f"; pure-float32 torch: max err/tolerance = {worst:.3f}"

    B, H, T, D = q.shape
    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} T={T} D={D} causal={causal} blocks=({bq},{bk}) "
          f"|score| max={smax:.3g}; longdouble recurrence vs torch dense: O {dev_o:.1e}, L {dev_l:.1e}{extra}")

    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "out.output": O.numpy(), "out.logSumExp": L.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"causal": bool(causal), "blockQ": int(bq), "blockK": int(bk)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(7_2026)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    def qkv(B, H, T, D, scale=1.0):
        return rn(B, H, T, D, scale=scale), rn(B, H, T, D, scale=scale), rn(B, H, T, D)

    f64, f32 = torch.float64, torch.float32

    t = lambda xs: torch.tensor(xs, dtype=torch.float64).view(1, 1, -1, 1)  # noqa: E731
    case("00-worked-example", t([1.0, 2.0]), t([1.0, 3.0]), t([10.0, 20.0]), True, 1, 1, f64,
         "the statement's worked example: T=2 D=1 causal, blocks 1x1 (output [10, 19.8201379004], L [1, 6.0181499279])")
    case("01-basic-f64", *qkv(1, 2, 16, 8), False, 4, 4, f64,
         "basic: float64 B=1 H=2 T=16 D=8, not causal, blocks 4x4 (4 query tiles x 4 key tiles)")
    case("02-causal-f64", *qkv(2, 1, 20, 8), True, 8, 8, f64,
         "causal: float64 T=20 with blocks 8x8 (T not a multiple of the block: a last tile of 4)")
    case("03-causal-blocks-differ", *qkv(1, 2, 17, 4, scale=1.5), True, 3, 5, f64,
         "causal with blockQ=3 != blockK=5: the diagonal crosses tiles unevenly, the mask must use global positions")
    case("04-blocks-exceed-T", *qkv(2, 2, 10, 8), True, 64, 64, f64,
         "edge: blocks 64 > T=10 (a single tile), causal")
    case("05-blocks-of-1", *qkv(1, 1, 7, 3), True, 1, 1, f64,
         "edge: blockQ = blockK = 1 (one score per tile: the recurrence runs once per key), causal")
    case("06-T-1", *qkv(2, 3, 1, 8), True, 4, 2, f64,
         "edge: T=1 (one query, one key: O == v, L == q.k/sqrt(D)), causal")
    case("07-basic-f32", *qkv(2, 2, 48, 16), False, 16, 8, f32,
         "basic: float32 B=2 H=2 T=48 D=16, not causal, blocks 16x8")
    case("08-causal-f32", *qkv(1, 2, 33, 8), True, 7, 4, f32,
         "causal: float32 T=33, blocks 7x4 (neither divides T)")

    # 09: huge scores in float32, both directions. Key s has first component 5*s; a query row is +-20*e1 (+ noise
    # elsewhere), so its scores are +-20*5*s/sqrt(4) = +-50*s: rising along the keys (max in the LAST tile: a running max
    # that is not updated overflows) or falling (max in the FIRST tile: a max taken per tile without the running
    # max overflows the rescale factor exp(m_old - m_new)). Gaps between neighbouring keys' scores are 50: one key dominates each row.
    B, H, T, D = 2, 2, 24, 4
    e1 = torch.zeros(D, dtype=torch.float64)
    e1[0] = 1.0
    kk = (5.0 * torch.arange(T, dtype=torch.float64))[:, None] * e1 + 0.05 * rn(B, H, T, D) * (1 - e1)
    sign = torch.where(torch.rand(B, H, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 20.0 * e1 + 0.05 * rn(B, H, T, D) * (1 - e1)
    case("09-huge-scores-f32", qq, kk, rn(B, H, T, D), False, 6, 4, f32,
         "hard: float32 scores up to ~1e3 rising or falling along the keys: exp overflows unless the running max "
         "is kept up to date and the accumulator rescaled by exp(m_old - m_new)", overflow32=True)
    # 10: the same in float64, causal, scores up to ~6e3 (exp overflows float64 above 709).
    T = 40
    kk = (30.0 * torch.arange(T, dtype=torch.float64))[:, None] * e1 + 0.05 * rn(1, 2, T, D) * (1 - e1)
    sign = torch.where(torch.rand(1, 2, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 10.0 * e1 + 0.05 * rn(1, 2, T, D) * (1 - e1)
    case("10-huge-scores-causal-f64", qq, kk, rn(1, 2, T, D), True, 8, 8, f64,
         "hard: float64 causal, scores up to ~6e3 (exp overflows float64 too), rising rows peak on the diagonal",
         overflow64=True)
    case("11-batch-head-mixing-f32", *qkv(3, 2, 21, 8), True, 8, 16, f32,
         "edge: B=3 H=2 with distinct data per (b, h): catches mixed-up batch/head axes; causal, blocks 8x16")
    case("12-D-1", *qkv(2, 1, 13, 1, scale=3.0), False, 5, 3, f64,
         "edge: D=1 (scale 1/sqrt(1)), not causal, blocks 5x3")
    case("13-long-f64", *qkv(1, 1, 96, 16), True, 32, 16, f64,
         "random: float64 T=96 D=16 causal, blocks 32x16 (several tiles below, on and above the diagonal)")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
