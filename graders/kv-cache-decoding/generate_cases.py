#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the kv-cache-decoding kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/kv-cache-decoding/generate_cases.py

A case is whole sequences q, k, v [B, H, T, D] and `chunks` (int64, sum T): the grader starts from empty caches and
calls Step(kCache, vCache, q_chunk, k_chunk, v_chunk) once per chunk, threading the returned caches. Expected:
    out        = full causal attention over the T tokens: softmax(q k^T / sqrt(D), key s <= query t) v   [B, H, T, D]
    out.kCache = k,  out.vCache = v                                                                      (the final caches)
Expected values: torch 1.13 dense causal attention in float64 (one masked T x T softmax, no cache), rounded to the
case's dtype (the caches are the inputs themselves).
Cross-checks, all asserted:
  * an independent numpy np.longdouble (80-bit) incremental decoder — a Python list as the cache, appended chunk by
    chunk, each new token attending over the cache token by token — agrees with the dense values to 1e-12: cached
    decoding equals full causal attention token by token, whatever the chunking;
  * float32 cases are reachable: a torch float32 cached decoder is within a quarter of the float32 tolerance
    (atol 2e-5, rtol 1e-4);
  * each named mistake is far outside the tolerance on the cases meant to catch it: appending after attending (a token
    does not see itself), a chunk mask without the cache offset (s <= i instead of s <= L + i; every case with a chunk
    after the first), no mask inside a chunk (every case with a chunk of n > 1).
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

SLUG = "kv-cache-decoding"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def dense_causal(q, k, v):
    T, D = q.shape[2], q.shape[3]
    sc = q @ k.transpose(-1, -2) / math.sqrt(D)
    allowed = torch.ones(T, T, dtype=torch.bool).tril()
    return torch.softmax(sc.masked_fill(~allowed, float("-inf")), dim=-1) @ v


def decoder_longdouble(q, k, v, chunks):
    """Token by token over a growing Python-list cache, in np.longdouble."""
    q, k, v = (x.double().numpy().astype(np.longdouble) for x in (q, k, v))
    B, H, T, D = q.shape
    out = np.empty_like(q)
    kc, vc = [], []
    start = 0
    for n in chunks:
        for j in range(start, start + n):   # append the whole chunk first
            kc.append(k[:, :, j])
            vc.append(v[:, :, j])
        for i in range(n):
            pos = start + i                   # token i of the chunk is at position L + i; it sees cache entries 0..pos
            keys = np.stack(kc[: pos + 1], axis=2)      # [B, H, pos+1, D]
            vals = np.stack(vc[: pos + 1], axis=2)
            sc = np.einsum("bhd,bhsd->bhs", q[:, :, pos], keys) / np.sqrt(np.longdouble(D))
            sc = sc - sc.max(axis=-1, keepdims=True)
            w = np.exp(sc)
            w = w / w.sum(axis=-1, keepdims=True)
            out[:, :, pos] = np.einsum("bhs,bhsd->bhd", w, vals)
        start += n
    assert start == T
    return out


def decoder_torch(q, k, v, chunks, mistake=None):
    """The kata's Step in torch, driven chunk by chunk; `mistake` reproduces a named bug."""
    B, H, T, D = q.shape
    kc = torch.empty(B, H, 0, D, dtype=q.dtype)
    vc = torch.empty(B, H, 0, D, dtype=q.dtype)
    outs = []
    start = 0
    for n in chunks:
        qn, kn, vn = q[:, :, start:start + n], k[:, :, start:start + n], v[:, :, start:start + n]
        L = kc.shape[2]
        if mistake == "append-after-use":
            keys, vals = kc, vc
            sc = qn @ keys.transpose(-1, -2) / math.sqrt(D)
            o = torch.softmax(sc, -1) @ vals if L > 0 else torch.zeros_like(qn)
            kc, vc = torch.cat([kc, kn], 2), torch.cat([vc, vn], 2)
            outs.append(o)
            start += n
            continue
        kc, vc = torch.cat([kc, kn], 2), torch.cat([vc, vn], 2)
        sc = qn @ kc.transpose(-1, -2) / math.sqrt(D)
        if mistake != "no-mask":
            offset = 0 if mistake == "no-offset" else L
            allowed = torch.ones(n, L + n, dtype=torch.bool).tril(offset)
            sc = sc.masked_fill(~allowed, float("-inf"))
        outs.append(torch.softmax(sc, -1) @ vc)
        start += n
    return torch.cat(outs, 2)


def ratio_to_tol(actual, expected, dtype):
    atol, rtol = TOL[dtype]
    err = (actual.double() - expected.double()).abs()
    return float((err / (atol + rtol * expected.double().abs())).max())


WRITTEN = []


def case(name, q, k, v, chunks, dtype, note):
    q, k, v = (x.to(dtype).contiguous() for x in (q, k, v))
    B, H, T, D = q.shape
    assert sum(chunks) == T and all(n >= 1 for n in chunks)
    exact = dense_causal(q.double(), k.double(), v.double())
    ld = torch.from_numpy(decoder_longdouble(q, k, v, chunks).astype(np.float64))
    dev = float((ld - exact).abs().max())
    assert dev <= 1e-12, (name, "longdouble decoder vs dense", dev)
    expected = exact.to(dtype)
    if dtype == torch.float32:
        r = ratio_to_tol(decoder_torch(q, k, v, chunks), expected, dtype)
        assert r <= 0.25, (name, "float32 decoder not within tolerance", r)
    qd, kd, vd = q.double(), k.double(), v.double()
    assert ratio_to_tol(decoder_torch(qd, kd, vd, chunks, "append-after-use"), expected, dtype) > 100, (name, "append after use")
    if len(chunks) > 1:
        assert ratio_to_tol(decoder_torch(qd, kd, vd, chunks, "no-offset"), expected, dtype) > 100, (name, "no offset")
    if max(chunks) > 1:
        assert ratio_to_tol(decoder_torch(qd, kd, vd, chunks, "no-mask"), expected, dtype) > 100, (name, "no mask")
    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} T={T} D={D} chunks={chunks}; "
          f"longdouble decoder vs dense float64 {dev:.1e}")
    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "in.chunks": np.array(chunks, dtype=np.int64),
               "out": expected.numpy(), "out.kCache": k.numpy(), "out.vCache": v.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(1706_03762)  # "Attention Is All You Need"

    def qkv(B, H, T, D, scale=1.0):
        rn = lambda s=1.0: torch.randn(B, H, T, D, generator=g, dtype=torch.float64) * s  # noqa: E731
        return rn(scale), rn(scale), rn()

    f64, f32 = torch.float64, torch.float32
    case("01-prefill-then-decode", *qkv(1, 2, 7, 4), [4, 1, 1, 1], f64,
         "basic: float64, a prefill of 4 tokens then 3 decoding steps (B=1, H=2, D=4)")
    case("02-decode-from-empty", *qkv(1, 2, 5, 4), [1, 1, 1, 1, 1], f64,
         "edge: no prefill, 5 decoding steps from an empty cache (the first token attends only to itself)")
    case("03-prefill-only", *qkv(2, 2, 6, 4), [6], f64,
         "edge: a single prefill of 6 tokens from an empty cache: plain causal attention")
    case("04-chunked-prefill", *qkv(1, 2, 10, 4), [3, 2, 3, 1, 1], f64,
         "chunks of 3, 2, 3 then 2 decoding steps: a chunk after the cache holds L tokens is masked with s <= L + i")
    case("05-basic-f32", *qkv(2, 4, 12, 16), [8, 1, 1, 1, 1], f32,
         "float32 B=2 H=4 D=16, a prefill of 8 then 4 decoding steps")
    case("06-long-decode", *qkv(1, 1, 12, 8), [2] + [1] * 10, f64,
         "a prefill of 2 then 10 decoding steps (H=1, D=8): the cache grows to 12")
    case("07-hard-large-logits", *qkv(1, 2, 7, 8, scale=30.0), [4, 1, 1, 1], f64,
         "hard: q and k ~30, scores ~1e3: exp overflows unless each row's maximum is subtracted (near one-hot weights)")
    case("08-D-1", *qkv(1, 3, 5, 1), [3, 1, 1], f64,
         "edge: head dim D=1 (scale 1), H=3, a prefill of 3 then 2 steps")
    case("09-chunked-f32", *qkv(1, 3, 10, 8), [5, 3, 1, 1], f32,
         "float32, a prefill of 5, a chunk of 3 (sees the 5 cached keys plus itself and earlier chunk tokens), 2 steps")
    case("10-batch-3", *qkv(3, 2, 4, 4), [2, 1, 1], f64,
         "B=3 sequences decoded together: a prefill of 2 then 2 steps")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
