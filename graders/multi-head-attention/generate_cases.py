#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the multi-head-attention kata (torch.nn.MultiheadAttention's forward, batch_first, no masks).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/multi-head-attention/generate_cases.py

Q = query W_q^T + b_q, K = key W_k^T + b_k, V = value W_v^T + b_v with [W_q; W_k; W_v] = inProjWeight [3E, E] and
[b_q; b_k; b_v] = inProjBias [3E]; head h uses features [h*Dh, (h+1)*Dh) of Q, K, V (Dh = E / numHeads); each head
is softmax(Q_h K_h^T / sqrt(Dh)) V_h; the heads are concatenated back in feature order and projected:
out = concat W_o^T + b_o.
Expected values: torch.nn.MultiheadAttention(E, numHeads, batch_first=True) in float64 with exactly these weights
(need_weights=False, eval mode, dropout 0). For float32 cases the inputs and weights are float32 and the expected
values are computed in float64 from them and rounded to float32.
Cross-checks, all asserted:
  * a second, independent implementation (numpy, np.longdouble, explicit loops over heads and query rows, explicit
    max subtraction) agrees with torch's float64 result to 1e-12 relative to max|out| (1e-10 for the huge-score case);
  * float32 cases are achievable: torch.nn.MultiheadAttention run entirely in float32 is within a quarter of the
    kata's float32 tolerance (atol 2e-5, rtol 1e-4) of the expected values;
  * with numHeads > 1, splitting heads the wrong way (view(B, H, T, Dh) without the transpose) changes the output
    by far more than the tolerance, so the case can tell the two apart.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "multi-head-attention"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (2e-5, 1e-4)}


def torch_mha(query, key, value, w_in, b_in, w_out, b_out, heads):
    E = query.shape[-1]
    mha = torch.nn.MultiheadAttention(E, heads, batch_first=True, dtype=query.dtype)
    mha.eval()
    with torch.no_grad():
        mha.in_proj_weight.copy_(w_in)
        mha.in_proj_bias.copy_(b_in)
        mha.out_proj.weight.copy_(w_out)
        mha.out_proj.bias.copy_(b_out)
        out, _ = mha(query, key, value, need_weights=False)
    return out


def longdouble_mha(query, key, value, w_in, b_in, w_out, b_out, heads):
    """Independent implementation: numpy longdouble, loops over batch, head and query row."""
    query, key, value, w_in, b_in, w_out, b_out = (a.astype(np.longdouble)
                                                    for a in (query, key, value, w_in, b_in, w_out, b_out))
    B, Tq, E = query.shape
    dh = E // heads
    wq, wk, wv = w_in[:E], w_in[E:2 * E], w_in[2 * E:]
    bq, bk, bv = b_in[:E], b_in[E:2 * E], b_in[2 * E:]
    concat = np.zeros((B, Tq, E), dtype=np.longdouble)
    for b in range(B):
        Q = query[b] @ wq.T + bq
        K = key[b] @ wk.T + bk
        V = value[b] @ wv.T + bv
        for h in range(heads):
            f = slice(h * dh, (h + 1) * dh)
            for i in range(Tq):
                s = (K[:, f] @ Q[i, f]) / np.sqrt(np.longdouble(dh))
                e = np.exp(s - s.max())
                concat[b, i, f] = (e / e.sum()) @ V[:, f]
    return concat @ w_out.T + b_out


def wrong_split(query, key, value, w_in, b_in, w_out, b_out, heads):
    """The classic mistake: heads taken with view(B, H, T, Dh) instead of view(B, T, H, Dh).transpose(1, 2)."""
    B, Tq, E = query.shape
    Tk, dh = key.shape[1], E // heads
    wq, wk, wv = w_in.chunk(3)
    bq, bk, bv = b_in.chunk(3)
    Q = (query @ wq.T + bq).reshape(B, heads, Tq, dh)
    K = (key @ wk.T + bk).reshape(B, heads, Tk, dh)
    V = (value @ wv.T + bv).reshape(B, heads, Tk, dh)
    p = torch.softmax(Q @ K.transpose(-1, -2) / dh ** 0.5, -1)
    return (p @ V).reshape(B, Tq, E) @ w_out.T + b_out


WRITTEN = []


def case(name, query, key, value, w_in, b_in, w_out, b_out, heads, dtype, note):
    B, Tq, E = query.shape
    Tk = key.shape[1]
    assert key.shape == value.shape == (B, Tk, E) and E % heads == 0
    assert w_in.shape == (3 * E, E) and b_in.shape == (3 * E,) and w_out.shape == (E, E) and b_out.shape == (E,)
    tensors64 = [a.to(dtype).double().contiguous() for a in (query, key, value, w_in, b_in, w_out, b_out)]
    out64 = torch_mha(*tensors64, heads)
    expected = out64.to(dtype)
    assert torch.isfinite(expected).all(), name

    ld = longdouble_mha(*(a.numpy() for a in tensors64), heads)
    omax = float(out64.abs().max())
    dev_ld = float(np.max(np.abs(out64.numpy().astype(np.longdouble) - ld))) / omax
    limit = 1e-10 if "huge" in name else 1e-12
    assert dev_ld <= limit, (name, dev_ld)

    if heads > 1 and Tq > 1:
        wrong = wrong_split(*tensors64, heads)
        gap = float((wrong - out64).abs().max())
        assert gap > 1e3 * (TOL[dtype][0] + TOL[dtype][1] * omax), (name, "wrong head split not detectable", gap)

    extra = ""
    if dtype == torch.float32:
        out32 = torch_mha(*(a.to(dtype) for a in tensors64), heads)
        atol, rtol = TOL[torch.float32]
        err = (out32.double() - expected.double()).abs()
        ratio = float((err / (atol + rtol * expected.double().abs())).max())
        assert ratio <= 0.25, (name, "float32 computation is not comfortably within tolerance", ratio)
        extra = f"; pure-float32 torch: max err/tolerance = {ratio:.3f}"

    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} Tq={Tq} Tk={Tk} E={E} heads={heads} "
          f"max|out|={omax:.3g}; torch vs longdouble: {dev_ld:.1e} (rel. max|out|){extra}")

    names = ["query", "key", "value", "inProjWeight", "inProjBias", "outProjWeight", "outProjBias"]
    tensors = {f"in.{n}": a.to(dtype).numpy() for n, a in zip(names, tensors64)}
    tensors["out"] = expected.numpy()
    meta = {"kata": SLUG, "args": json.dumps({"numHeads": int(heads)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(7070707)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    def weights(E, scale=None):
        s = scale if scale is not None else E ** -0.5  # Xavier-like, so projections stay O(1)
        return rn(3 * E, E, scale=s), rn(3 * E, scale=0.1), rn(E, E, scale=s), rn(E, scale=0.1)

    def inputs(B, Tq, Tk, E, self_attention=False):
        x = rn(B, Tq, E)
        if self_attention:
            return x, x.clone(), x.clone()
        return x, rn(B, Tk, E), rn(B, Tk, E)

    f64, f32 = torch.float64, torch.float32
    case("01-basic-f64", *inputs(2, 5, 5, 8), *weights(8), 2, f64,
         "basic: float64 self-attention shapes B=2 T=5 E=8, 2 heads of 4")
    case("02-single-head", *inputs(2, 6, 6, 6, self_attention=True), *weights(6), 1, f64,
         "edge: numHeads=1 (one head of Dh=E=6), query = key = value")
    case("03-head-dim-1", *inputs(1, 7, 7, 4), *weights(4), 4, f64,
         "edge: numHeads = E = 4, so each head has Dh=1 (scale 1/sqrt(1))")
    case("04-cross-attention", *inputs(2, 3, 8, 12), *weights(12), 3, f64,
         "cross-attention: Tq=3 queries over Tk=8 keys/values, key != value, 3 heads of 4")
    case("05-self-attention-f32", *inputs(2, 10, 10, 16, self_attention=True), *weights(16), 4, f32,
         "self-attention, float32: query = key = value, E=16, 4 heads of 4")
    case("06-many-heads-f32", *inputs(2, 9, 11, 32), *weights(32), 8, f32,
         "float32 E=32 with 8 heads of 4, Tq=9 Tk=11: head h owns features [4h, 4h+4)")
    case("07-T-1", *inputs(3, 1, 1, 8), *weights(8), 2, f64,
         "edge: Tq=Tk=1, a single key per head (weights exactly 1: output = out-projection of V)")

    # 08 huge scores: large projections make scores of magnitude ~1e4 inside each head (needs the max subtraction).
    E = 8
    w_in, b_in, w_out, b_out = weights(E)
    w_in[:2 * E] *= 70.0
    case("08-huge-scores-f64", *inputs(2, 6, 7, E), w_in, b_in, w_out, b_out, 2, f64,
         "hard: q/k projections scaled x70, scores up to ~1e4 in magnitude, float64 (softmax must subtract the row max)")
    case("09-basic-f32", *inputs(3, 7, 9, 12), *weights(12), 3, f32,
         "basic: float32 B=3 Tq=7 Tk=9 E=12, 3 heads of 4")
    case("10-wide-heads-f64", *inputs(2, 4, 5, 24), *weights(24), 2, f64,
         "float64 E=24 with 2 heads of 12 (the scale is 1/sqrt(12), not 1/sqrt(24))")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
