#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the rotary-embedding (RoPE, rotate-half convention) kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/rotary-embedding/generate_cases.py

For x in {q, k} of shape [B, heads, T, D] (D even, half = D/2) and each i in [0, half):
    inv_freq_i = theta^(-2i/D),  a(t, i) = positions[t] * inv_freq_i   (angles in float64)
    out[..., t, i]        = x[..., t, i] cos a(t, i) - x[..., t, i + half] sin a(t, i)
    out[..., t, i + half] = x[..., t, i + half] cos a(t, i) + x[..., t, i] sin a(t, i)
(the rotate-half convention of GPT-NeoX and Hugging Face's Llama: feature i is paired with feature i + D/2).
Expected values: numpy in np.longdouble (80-bit extended precision), element by element from the formula above,
rounded to the case's dtype (for float32 cases the inputs are float32 and the result is rounded to float32).
Cross-checks, all asserted:
  * an independent torch implementation in complex128 ((x_i + j x_{i+half}) * exp(j a)) agrees with the expected
    float64 values to 1e-12 + 4.5e-16*max(position) (relative to max|x|: float64 angles of size ~1e5 are only good
    to ~1e-11 rad, which is why the kata's float64 tolerance is atol 1e-9);
  * the defining property of RoPE holds on the expected values: <rope(q)_t, rope(k)_s> depends on positions only
    through positions[t] - positions[s] (checked against rotating by the difference), to 1e-9;
  * float32 cases are achievable with float64 angles: rotating float32 inputs with float32 cos/sin of float64 angles
    is within a quarter of the float32 tolerance (atol 2e-5, rtol 1e-4); and the long-context float32 case is NOT
    passed by angles computed in float32 (it fails the tolerance by > 10x), which is what the case is for;
  * the interleaved convention (pairs (2i, 2i+1)) is far outside the tolerance on every case with D > 2 and a
    nonzero position.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "rotary-embedding"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-9, 1e-9), torch.float32: (2e-5, 1e-4)}


def rope_longdouble(x, positions, theta):
    """The formula, element by element over (t, i), in np.longdouble."""
    x = x.astype(np.longdouble)
    D = x.shape[-1]
    half = D // 2
    out = np.empty_like(x)
    for t, p in enumerate(positions):
        for i in range(half):
            a = np.longdouble(int(p)) * np.longdouble(theta) ** (-np.longdouble(2 * i) / np.longdouble(D))
            c, s = np.cos(a), np.sin(a)
            x1, x2 = x[..., t, i], x[..., t, i + half]
            out[..., t, i] = x1 * c - x2 * s
            out[..., t, i + half] = x2 * c + x1 * s
    return out


def rope_complex(x, positions, theta):
    """Independent torch implementation: complex128 multiplication by exp(j·angle)."""
    D = x.shape[-1]
    half = D // 2
    inv_freq = 1.0 / (theta ** (torch.arange(0, D, 2, dtype=torch.float64) / D))
    angle = positions.to(torch.float64)[:, None] * inv_freq[None, :]           # [T, half]
    z = torch.complex(x[..., :half].double(), x[..., half:].double()) * torch.polar(torch.ones_like(angle), angle)
    return torch.cat([z.real, z.imag], dim=-1)


def rope_torch(x, positions, theta, angle_dtype):
    """Rotate-half RoPE in torch with the angles computed in angle_dtype, the rotation in x's dtype."""
    D = x.shape[-1]
    half = D // 2
    inv_freq = 1.0 / (theta ** (torch.arange(0, D, 2, dtype=angle_dtype) / D))
    angle = positions.to(angle_dtype)[:, None] * inv_freq[None, :]
    c, s = angle.cos().to(x.dtype), angle.sin().to(x.dtype)
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * c - x2 * s, x2 * c + x1 * s], dim=-1)


def rope_interleaved(x, positions, theta):
    D = x.shape[-1]
    inv_freq = 1.0 / (theta ** (torch.arange(0, D, 2, dtype=torch.float64) / D))
    angle = positions.to(torch.float64)[:, None] * inv_freq[None, :]
    c, s = angle.cos(), angle.sin()
    x = x.double()
    x1, x2 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x1 * c - x2 * s, x2 * c + x1 * s], dim=-1).flatten(-2)


def ratio_to_tol(actual, expected, dtype):
    atol, rtol = TOL[dtype]
    err = (actual.double() - expected.double()).abs()
    return float((err / (atol + rtol * expected.double().abs())).max())


WRITTEN = []


def case(name, q, k, positions, theta, dtype, note, long_context=False):
    B, H, T, D = q.shape
    assert k.shape[0] == B and k.shape[2:] == (T, D) and D % 2 == 0 and positions.shape == (T,)
    assert positions.dtype == torch.int64 and (positions >= 0).all()
    q, k = q.to(dtype).contiguous(), k.to(dtype).contiguous()
    pos_list = positions.tolist()
    outs = {}
    devs = []
    for label, x in (("q", q), ("k", k)):
        ld = rope_longdouble(x.double().numpy(), pos_list, theta)
        exact = torch.from_numpy(ld.astype(np.float64))
        xmax = float(x.double().abs().max())
        dev = float((rope_complex(x, positions, theta) - exact).abs().max()) / max(xmax, 1e-300)
        # float64 rounds an angle of size A to ~A*1.1e-16 (the position times inv_freq, each rounded): allow 4 ulps
        assert dev <= 1e-12 + 4.5e-16 * float(positions.max()), (name, label, "complex128 cross-check", dev)
        expected = exact.to(dtype)
        if dtype == torch.float32:
            r = ratio_to_tol(rope_torch(x, positions, theta, torch.float64), expected, dtype)
            assert r <= 0.25, (name, label, "float32 rotation with float64 angles not within tolerance", r)
            r32 = ratio_to_tol(rope_torch(x, positions, theta, torch.float32), expected, dtype)
            if long_context:
                assert r32 > 10, (name, label, "float32 angles should fail this case", r32)
        if D > 2 and int(positions.abs().max()) > 0:
            assert ratio_to_tol(rope_interleaved(x, positions, theta), expected, dtype) > 100, (name, label)
        outs[label] = (exact, expected)
        devs.append(dev)

    # RoPE's point: scores depend only on relative position. <R(p_t) q_t, R(p_s) k_s> = <R(p_t - p_s) q_t, k_s>.
    rq, rk = outs["q"][0][:, :1], outs["k"][0][:, :1]                 # head 0 of q and kv-head 0 of k
    scores = rq @ rk.transpose(-1, -2)                                # [B, 1, T, T]
    qd, kd = q[:, :1].double(), k[:, :1].double()
    for t in range(T):
        rel = rope_complex(qd[:, :, t:t + 1].expand(B, 1, T, D), positions[t] - positions, theta)  # may be negative
        direct = (rel * kd).sum(-1)                                   # [B, 1, T]
        assert float((direct - scores[:, :, t]).abs().max()) <= 1e-9 * max(1.0, float(scores.abs().max())), (name, t)

    extra = ""
    if dtype == torch.float32:
        extra = (f"; float32 angles: max err/tolerance = "
                 f"{ratio_to_tol(rope_torch(q, positions, theta, torch.float32), outs['q'][1], dtype):.3g}")
    print(f"{name}: {str(dtype).replace('torch.', '')} B={B} H={H} Hk={k.shape[1]} T={T} D={D} theta={theta:g} "
          f"positions {int(positions.min())}..{int(positions.max())}; complex128 vs longdouble: {max(devs):.1e}{extra}")

    tensors = {"in.q": q.numpy(), "in.k": k.numpy(), "in.positions": positions.numpy(),
               "out.q": outs["q"][1].numpy(), "out.k": outs["k"][1].numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"theta": float(theta)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(31415926)

    def rn(*shape):
        return torch.randn(*shape, generator=g, dtype=torch.float64)

    def ar(start, n):
        return torch.arange(start, start + n, dtype=torch.int64)

    f64, f32 = torch.float64, torch.float32
    case("01-basic-f64", rn(1, 2, 6, 8), rn(1, 2, 6, 8), ar(0, 6), 10000.0, f64,
         "basic: float64 B=1 H=2 T=6 D=8, positions 0..5, theta 10000 (position 0 is left unchanged)")
    case("02-position-offset", rn(2, 2, 5, 8), rn(2, 2, 5, 8), ar(100, 5), 10000.0, f64,
         "positions 100..104 (a continuation after a KV cache): the angle uses positions[t], not t")
    case("03-grouped-kv-heads-f32", rn(2, 4, 7, 16), rn(2, 2, 7, 16), ar(0, 7), 10000.0, f32,
         "float32, q has 4 heads and k has 2 (grouped-query attention): each is rotated on its own")
    case("04-D-2", rn(1, 1, 5, 2), rn(1, 1, 5, 2), ar(0, 5), 10000.0, f64,
         "edge: D=2, a single pair (x0, x1) with inv_freq 1: the angle is the position itself")
    case("05-T-1-decode", rn(3, 2, 1, 8), rn(3, 2, 1, 8), torch.tensor([37]), 10000.0, f64,
         "edge: T=1, one decoding step at position 37")
    case("06-theta-500000-f32", rn(1, 2, 9, 32), rn(1, 2, 9, 32), ar(3, 9), 500000.0, f32,
         "float32 D=32 with theta = 500000 (Llama 3's base), positions 3..11")
    case("07-packed-positions", rn(1, 2, 8, 8), rn(1, 2, 8, 8), torch.tensor([0, 1, 2, 0, 1, 2, 3, 0]), 10000.0, f64,
         "positions restart (packed sequences: 0 1 2 | 0 1 2 3 | 0): each time step uses its own position")
    case("08-long-context-f32", rn(1, 2, 6, 16), rn(1, 2, 6, 16), ar(120000 - 6, 6), 10000.0, f32,
         "hard: float32 at positions ~120000: angles must be computed in float64 (float32 angles are off by ~4e-3 rad)",
         long_context=True)
    case("09-long-context-f64", rn(1, 2, 6, 16), rn(1, 2, 6, 16), ar(120000 - 6, 6), 10000.0, f64,
         "hard: float64 at positions ~120000, theta 10000")
    case("10-basic-f32", rn(2, 3, 12, 32), rn(2, 3, 12, 32), ar(0, 12), 10000.0, f32,
         "basic: float32 B=2 H=3 T=12 D=32, positions 0..11")
    case("11-small-theta", rn(1, 1, 6, 6), rn(1, 1, 6, 6), ar(1, 6), 2.0, f64,
         "theta = 2 with D=6: inv_freq = 1, 2^(-1/3), 2^(-2/3) (checks the exponent -2i/D)")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
