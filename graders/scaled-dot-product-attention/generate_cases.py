#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the scaled-dot-product-attention kata (causal mask, key-padding mask, fully masked rows = 0).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/scaled-dot-product-attention/generate_cases.py

Query i of (b, h) attends to key j unless keyPaddingMask[b, j] is true or (causal and j > i) (top-left aligned, as
torch's is_causal: tril(ones(Tq, Tk))). scores = q_i.k_j / sqrt(D); softmax over the allowed j only; out = P @ v.
A query row with no allowed key outputs exactly 0.
Expected values: PyTorch dense masked attention in float64 (disallowed scores set to -inf before torch.softmax, which
subtracts the row max; rows with no allowed key set to 0). torch 1.13 has no scaled_dot_product_attention, so the
independent check is:
  * a second implementation (numpy, per query row, only the allowed keys gathered explicitly, extended precision
    np.longdouble, explicit max subtraction, an empty row -> zeros) agrees with the torch float64 result to
    max(1e-13, 1e-15*max|score|) relative to max|v|;
  * torch.nn.MultiheadAttention's attention core (torch.nn.functional.multi_head_attention_forward with identity
    projections and the same masks) agrees on every row that has at least one allowed key (it gives NaN on the
    others, which is why the kata defines them);
  * float32 cases are achievable: the same computation entirely in float32 is within a quarter of the kata's
    float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * the rows the note calls fully masked are exactly 0, and rows that are not are not all 0.
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

SLUG = "scaled-dot-product-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def disallowed_mask(pad, tq, tk, causal):
    """[B, 1, Tq, Tk] bool: True where query i may NOT attend key j."""
    m = pad[:, None, None, :].expand(pad.shape[0], 1, tq, tk)
    if causal:
        i = torch.arange(tq)[:, None]
        j = torch.arange(tk)[None, :]
        m = m | (j > i)
    return m


def dense_reference(q, k, v, pad, causal):
    """PyTorch dense masked attention in q's dtype (use float64 for expected values)."""
    tq, tk, d = q.shape[-2], k.shape[-2], q.shape[-1]
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(d)
    m = disallowed_mask(pad, tq, tk, causal)
    scores = scores.masked_fill(m, float("-inf"))
    p = torch.softmax(scores, dim=-1)
    p = p.masked_fill(m, 0.0)  # a fully masked row is NaN after softmax; every entry of it is masked -> 0
    return p @ v, scores, m


def per_row_longdouble(q, k, v, pad, causal):
    """Independent per-row implementation in np.longdouble, gathering only the allowed keys."""
    q, k, v = (a.astype(np.longdouble) for a in (q, k, v))
    B, H, Tq, D = q.shape
    Tk, Dv = k.shape[2], v.shape[3]
    out = np.zeros((B, H, Tq, Dv), dtype=np.longdouble)
    scale = np.sqrt(np.longdouble(D))
    for b in range(B):
        for h in range(H):
            for i in range(Tq):
                keys = [j for j in range(Tk) if not pad[b, j] and (not causal or j <= i)]
                if not keys:
                    continue
                sc = (k[b, h, keys] @ q[b, h, i]) / scale
                e = np.exp(sc - sc.max())
                out[b, h, i] = (e / e.sum()) @ v[b, h, keys]
    return out


def torch_mha_core(q, k, v, pad, causal):
    """torch's own attention core: multi_head_attention_forward with identity projections, one (b, h) at a time."""
    B, H, Tq, D = q.shape
    Tk, Dv = k.shape[2], v.shape[3]
    out = torch.zeros(B, H, Tq, Dv, dtype=torch.float64)
    if D != Dv:
        return None  # the packed projections need equal q/k/v widths
    eye = torch.eye(D, dtype=torch.float64)
    attn_mask = None
    if causal:
        attn_mask = torch.zeros(Tq, Tk, dtype=torch.float64).masked_fill(
            torch.arange(Tk)[None, :] > torch.arange(Tq)[:, None], float("-inf"))
    for h in range(H):
        o, _ = torch.nn.functional.multi_head_attention_forward(
            q[:, h].transpose(0, 1), k[:, h].transpose(0, 1), v[:, h].transpose(0, 1), D, 1,
            in_proj_weight=None, in_proj_bias=None, bias_k=None, bias_v=None, add_zero_attn=False,
            dropout_p=0.0, out_proj_weight=eye, out_proj_bias=None, training=False,
            key_padding_mask=pad, need_weights=False, attn_mask=attn_mask,
            use_separate_proj_weight=True, q_proj_weight=eye, k_proj_weight=eye, v_proj_weight=eye)
        out[:, h] = o.transpose(0, 1)
    return out


WRITTEN = []


def case(name, q, k, v, pad, causal, dtype, note, fully_masked_rows=0):
    B, H, Tq, D = q.shape
    Tk, Dv = k.shape[2], v.shape[3]
    assert k.shape == (B, H, Tk, D) and v.shape == (B, H, Tk, Dv) and pad.shape == (B, Tk) and pad.dtype == torch.bool
    q, k, v = (a.to(dtype).contiguous() for a in (q, k, v))
    out64, scores, m = dense_reference(q.double(), k.double(), v.double(), pad, causal)
    expected = out64.to(dtype)
    assert torch.isfinite(expected).all(), name

    empty = m.all(dim=-1).expand(B, H, Tq)  # rows with no allowed key
    assert int(empty.sum()) == fully_masked_rows * H, (name, int(empty.sum()), fully_masked_rows)
    assert (expected[empty] == 0).all(), name
    assert (expected[~empty].abs().sum(dim=-1) > 0).all(), name

    lq = per_row_longdouble(q.double().numpy(), k.double().numpy(), v.double().numpy(), pad.numpy(), causal)
    vmax = float(v.double().abs().max())
    dev_ld = float(np.max(np.abs(out64.numpy().astype(np.longdouble) - lq))) / max(vmax, 1e-300)
    finite = scores[torch.isfinite(scores)]
    smax = float(finite.abs().max()) if finite.numel() else 0.0
    assert dev_ld <= max(1e-13, 1e-15 * smax), (name, dev_ld)

    core = torch_mha_core(q.double(), k.double(), v.double(), pad, causal)
    dev_mha = "n/a (Dv != D)"
    if core is not None:
        dev = float((core[~empty] - out64[~empty]).abs().max()) / max(vmax, 1e-300) if (~empty).any() else 0.0
        assert dev <= max(1e-13, 1e-15 * smax), (name, "torch MHA core disagrees", dev)
        if empty.any():
            assert torch.isnan(core[empty]).all(), (name, "expected torch to give NaN on fully masked rows")
        dev_mha = f"{dev:.1e}"

    extra = ""
    if dtype == torch.float32:
        out32, _, _ = dense_reference(q, k, v, pad, causal)
        atol, rtol = TOL[torch.float32]
        err = (out32.double() - expected.double()).abs()
        ratio = float((err / (atol + rtol * expected.double().abs())).max())
        assert ratio <= 0.25, (name, "float32 computation is not comfortably within tolerance", ratio)
        extra = f"; pure-float32 torch: max err/tolerance = {ratio:.3f}"

    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} Tq={Tq} Tk={Tk} D={D} Dv={Dv} causal={causal} "
          f"padded keys={int(pad.sum())} fully masked rows={int(empty.sum())} |score| max={smax:.3g}; "
          f"vs longdouble per-row: {dev_ld:.1e}, vs torch MHA core: {dev_mha} (rel. max|v|){extra}")

    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.v": v.numpy(), "in.keyPaddingMask": pad.numpy(),
               "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"causal": bool(causal)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def right_pad(lengths, tk):
    """[B, Tk] bool: key j of batch b is padding when j >= lengths[b]."""
    return torch.arange(tk)[None, :] >= torch.tensor(lengths)[:, None]


def left_pad(lengths, tk):
    """[B, Tk] bool: the first Tk - lengths[b] keys are padding."""
    return torch.arange(tk)[None, :] < (tk - torch.tensor(lengths))[:, None]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(20260707)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    def qkv(B, H, Tq, Tk, D, Dv, scale=1.0):
        return rn(B, H, Tq, D, scale=scale), rn(B, H, Tk, D, scale=scale), rn(B, H, Tk, Dv)

    f64, f32 = torch.float64, torch.float32
    none = lambda B, Tk: torch.zeros(B, Tk, dtype=torch.bool)  # noqa: E731

    case("01-basic-f64", *qkv(1, 2, 8, 8, 4, 4), none(1, 8), False, f64,
         "basic: float64 B=1 H=2 T=8 D=4, no mask at all (plain softmax attention)")
    case("02-causal-f64", *qkv(2, 2, 10, 10, 8, 8), none(2, 10), True, f64,
         "causal: float64 T=10, query i sees keys j <= i, no padding")
    case("03-key-padding-f64", *qkv(3, 2, 6, 9, 5, 5), right_pad([9, 4, 7], 9), False, f64,
         "key padding: batches have 9, 4 and 7 real keys (true = padding, ignored), Tq=6 != Tk=9, not causal")
    case("04-causal-and-padding-f32", *qkv(2, 3, 12, 12, 8, 8), right_pad([12, 7], 12), True, f32,
         "causal + right padding, float32: query i sees j <= i that is not padding")
    case("05-fully-masked-batch", *qkv(2, 2, 5, 6, 4, 4), right_pad([6, 0], 6), False, f64,
         "fully masked rows: batch 1 has every key padded, so all its outputs must be exactly 0 (not NaN)",
         fully_masked_rows=5)
    case("06-left-padded-causal", *qkv(3, 2, 8, 8, 4, 4), left_pad([8, 5, 2], 8), True, f64,
         "fully masked rows: left padding + causal, the first query rows of batches 1 and 2 see only padding -> exactly 0",
         fully_masked_rows=3 + 6)
    case("07-causal-Tq-less-than-Tk", *qkv(2, 2, 5, 9, 6, 3), none(2, 9), True, f64,
         "causal with Tq=5 < Tk=9 (top-left aligned as torch's is_causal: query i sees keys 0..i), Dv=3 != D=6")
    case("08-causal-Tq-more-than-Tk-f32", *qkv(1, 2, 7, 4, 4, 4), right_pad([3], 4), True, f32,
         "causal with Tq=7 > Tk=4 and one padded key: queries i >= 3 see every real key, float32")

    # 09 huge-magnitude scores (~1e4, both signs) with O(1) differences inside a row: naive exp overflows.
    B, H, T, D = 2, 2, 16, 4
    e1 = torch.zeros(D, dtype=torch.float64)
    e1[0] = 1.0
    kk = 141.0 * e1 + 0.02 * rn(B, H, T, D)
    sign = torch.where(torch.rand(B, H, T, 1, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    qq = sign * 141.0 * e1 + 0.5 * rn(B, H, T, D)
    kk[0, 0, 5] = kk[0, 0, 4]  # duplicated key: exact tie at the top of some rows
    case("09-huge-scores-f64", qq, kk, rn(B, H, T, D), right_pad([16, 11], 16), True, f64,
         "hard: scores ~ +-1e4 with O(1) spread in each row (needs the row-max subtraction), causal + padding, float64")

    # 10 huge scores in float32: float32 rounds a score of 1e4 to ~1e-3, so only rows dominated by one key are well
    # posed at float32 tolerance. The key's e1 component steps by 0.08 per position: score gaps of ~8 between keys.
    m = torch.arange(T, dtype=torch.float64)[:, None]
    kk = (100.0 + 0.08 * m) * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    qq = sign * 200.0 * e1 + 0.1 * rn(B, H, T, D) * (1 - e1)
    case("10-huge-scores-f32", qq, kk, rn(B, H, T, D), right_pad([16, 9], 16), False, f32,
         "hard: float32 scores ~ +-1e4 with gaps ~8 between keys, key padding: must not overflow to inf/NaN")

    case("11-basic-f32", *qkv(2, 3, 16, 20, 16, 8), right_pad([20, 13], 20), False, f32,
         "basic: float32 B=2 H=3 Tq=16 Tk=20 D=16 Dv=8 with key padding")
    case("12-single-query", *qkv(3, 2, 1, 7, 8, 8), right_pad([7, 3, 1], 7), False, f64,
         "edge: Tq=1 (one decoding step) over 7, 3 and 1 real keys, not causal")
    case("13-D-1", *qkv(2, 1, 6, 6, 1, 2, scale=3.0), right_pad([6, 4], 6), True, f64,
         "edge: D=1 (scale 1/sqrt(1)), Dv=2, causal + padding")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
