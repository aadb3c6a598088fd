#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the grouped-query-attention kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/grouped-query-attention/generate_cases.py

q [B, H, T, D], k and v [B, G, S, D], H = G * R. Query head h reads key/value head g = h // R (Hugging Face Llama's
repeat_kv, i.e. repeat_interleave along the head dim). For each (b, h):
    scores = q[b, h] k[b, g]^T / sqrt(D)                                  [T, S]
    causal: scores[t, s] = -inf where s > t + (S - T)                     (queries are the last T of S positions)
    out[b, h] = softmax(scores, -1) v[b, g]
Expected values: numpy np.longdouble (80-bit extended), head by head from the formula (max-subtracted softmax),
rounded to the case's dtype.
Cross-checks, all asserted:
  * a torch 1.13 float64 dense implementation as Hugging Face writes it (repeat_interleave of K and V to H heads,
    an additive -inf mask, torch.softmax) agrees with the longdouble values to 1e-12;
  * float32 cases are reachable: the same dense implementation in float32 is within a quarter of the float32
    tolerance (atol 2e-5, rtol 1e-4);
  * each named mistake is far outside the tolerance on the cases meant to catch it: K/V heads tiled (h % G) instead of
    interleaved (every case with G > 1 and R > 1), scores scaled by 1/D (every case with D > 1), the causal mask
    aligned top-left (s <= t) instead of to the end of the keys (every causal case with S > T), no causal mask.
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

SLUG = "grouped-query-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def gqa_longdouble(q, k, v, causal):
    q, k, v = (x.double().numpy().astype(np.longdouble) for x in (q, k, v))
    B, H, T, D = q.shape
    G, S = k.shape[1], k.shape[2]
    R = H // G
    out = np.empty((B, H, T, D), dtype=np.longdouble)
    allowed = np.array([[s <= t + (S - T) for s in range(S)] for t in range(T)])
    for b in range(B):
        for h in range(H):
            g = h // R
            sc = q[b, h] @ k[b, g].T / np.sqrt(np.longdouble(D))
            if causal:
                sc = np.where(allowed, sc, -np.inf)
            sc = sc - sc.max(axis=-1, keepdims=True)
            w = np.exp(sc)
            w = w / w.sum(axis=-1, keepdims=True)
            out[b, h] = w @ v[b, g]
    return out


def gqa_dense(q, k, v, causal, kv_map="interleave", scale="sqrt", align="end"):
    """Hugging Face style: K/V repeated to H heads, additive mask, softmax. Variants reproduce the named mistakes."""
    H, G = q.shape[1], k.shape[1]
    R = H // G
    if kv_map == "interleave":
        k, v = k.repeat_interleave(R, dim=1), v.repeat_interleave(R, dim=1)
    else:  # tile: head h reads kv head h % G
        k, v = k.repeat(1, R, 1, 1), v.repeat(1, R, 1, 1)
    D = q.shape[-1]
    sc = q @ k.transpose(-1, -2) / (math.sqrt(D) if scale == "sqrt" else D)
    T, S = q.shape[2], k.shape[2]
    if causal:
        offset = S - T if align == "end" else 0
        allowed = torch.ones(T, S, dtype=torch.bool).tril(offset)
        sc = sc.masked_fill(~allowed, float("-inf"))
    return torch.softmax(sc, dim=-1) @ v


def ratio_to_tol(actual, expected, dtype):
    atol, rtol = TOL[dtype]
    err = (actual.double() - expected.double()).abs()
    return float((err / (atol + rtol * expected.double().abs())).max())


WRITTEN = []


def case(name, q, k, v, causal, dtype, note):
    q, k, v = (x.to(dtype).contiguous() for x in (q, k, v))
    B, H, T, D = q.shape
    G, S = k.shape[1], k.shape[2]
    assert H % G == 0 and k.shape == v.shape and (not causal or S >= T)
    R = H // G
    exact = torch.from_numpy(gqa_longdouble(q, k, v, causal).astype(np.float64))
    dense = gqa_dense(q.double(), k.double(), v.double(), causal)
    dev = float((dense - exact).abs().max())
    assert dev <= 1e-12, (name, "dense float64 cross-check", dev)
    expected = exact.to(dtype)
    if dtype == torch.float32:
        r = ratio_to_tol(gqa_dense(q, k, v, causal), expected, dtype)
        assert r <= 0.25, (name, "dense float32 not within tolerance", r)
    qd, kd, vd = q.double(), k.double(), v.double()
    if G > 1 and R > 1:
        assert ratio_to_tol(gqa_dense(qd, kd, vd, causal, kv_map="tile"), expected, dtype) > 100, (name, "tile")
    if D > 1:
        assert ratio_to_tol(gqa_dense(qd, kd, vd, causal, scale="D"), expected, dtype) > 100, (name, "scale 1/D")
    if causal and S > T:
        assert ratio_to_tol(gqa_dense(qd, kd, vd, causal, align="start"), expected, dtype) > 100, (name, "top-left mask")
    if causal and T > 1:
        assert ratio_to_tol(gqa_dense(qd, kd, vd, False), expected, dtype) > 100, (name, "no mask")
    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} G={G} T={T} S={S} D={D} causal={causal}; "
          f"dense float64 vs longdouble {dev:.1e}")
    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"causal": bool(causal)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(2305_13245)  # the GQA paper's arXiv number

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    def qkv(B, H, G, T, S, D, scale=1.0):
        return rn(B, H, T, D, scale=scale), rn(B, G, S, D, scale=scale), rn(B, G, S, D)

    f64, f32 = torch.float64, torch.float32
    case("01-basic-causal", *qkv(1, 4, 2, 5, 5, 4), True, f64,
         "basic: float64, H=4 query heads over G=2 kv heads (heads 0,1 read kv 0; heads 2,3 read kv 1), T=S=5, causal")
    case("02-multi-query", *qkv(1, 4, 1, 6, 6, 8), True, f64,
         "multi-query attention: G=1, all 4 query heads read the one kv head, causal")
    case("03-multi-head", *qkv(2, 3, 3, 4, 4, 4), False, f64,
         "edge: G=H=3 (plain multi-head attention, R=1), not causal")
    case("04-kv-longer-causal", *qkv(1, 4, 2, 3, 8, 4), True, f64,
         "causal with S=8 > T=3: the queries are positions 5,6,7 of 8, so query t sees keys 0..t+5 (mask aligned to the end)")
    case("05-decode-T-1", *qkv(2, 6, 2, 1, 9, 4), True, f64,
         "edge: one decoding step, T=1 query over S=9 cached keys, causal: the query sees every key; H=6, G=2")
    case("06-cross-not-causal", *qkv(1, 8, 2, 4, 7, 4), False, f64,
         "not causal with T=4 queries over S=7 keys (cross-attention shape), H=8, G=2: every query sees every key")
    case("07-basic-f32", *qkv(2, 8, 2, 10, 10, 16), True, f32,
         "float32 B=2 H=8 G=2 T=S=10 D=16, causal")
    case("08-hard-large-logits", *qkv(1, 4, 2, 6, 6, 8, scale=30.0), True, f64,
         "hard: q and k ~30, scores ~1e3: exp overflows unless the row maximum is subtracted first (near one-hot weights)")
    case("09-group-of-4-f32", *qkv(1, 12, 3, 5, 11, 8), True, f32,
         "float32 H=12 over G=3 (groups of 4: heads 0-3 read kv 0, 4-7 kv 1, 8-11 kv 2), T=5 of S=11, causal")
    case("10-D-1", *qkv(1, 2, 1, 4, 4, 1), True, f64,
         "edge: head dim D=1 (scale 1/sqrt(1) = 1), H=2, G=1, causal")
    case("11-group-of-4-not-causal", *qkv(2, 8, 2, 3, 5, 4), False, f64,
         "not causal, H=8 over G=2 (groups of 4), T=3, S=5: checks which kv head each query head reads")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
