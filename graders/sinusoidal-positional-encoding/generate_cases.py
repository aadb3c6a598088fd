#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the sinusoidal-positional-encoding kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/sinusoidal-positional-encoding/generate_cases.py

For positions p[t] (float32 or float64, any real), width d >= 1 and base theta, column j of row t, with i = j // 2:
    a(t, i) = p[t] / theta^(2i/d)        (in float64 or better, whatever the case dtype)
    PE[t, j] = sin a(t, i) if j is even, cos a(t, i) if j is odd
(odd d: the last column j = d-1 is even, a sine of frequency i = (d-1)//2; no cosine partner).
Expected values: numpy np.longdouble (80-bit extended), element by element from the formula, rounded to the dtype.
Cross-checks, all asserted:
  * the PyTorch tutorial's construction (div_term = exp(arange(0, d, 2) * (-ln(theta)/d)); pe[:, 0::2] = sin,
    pe[:, 1::2] = cos) in torch float64 agrees with the longdouble values to 1e-12 + 4.5e-16*max|p| (float64 angles of
    size ~1e5 are only good to ~1e-11, hence the kata's float64 tolerance 1e-9);
  * the expected values obey sin^2 + cos^2 = 1 on every (2i, 2i+1) pair, and PE[t] . PE[s] depends on p[t] - p[s] only
    (the property the paper motivates the table with), to 1e-9;
  * float32 cases are reachable with float64 angles (within a quarter of the float32 tolerance, atol 1e-6, rtol 1e-5),
    and the long-context float32 case is NOT passed with float32 angles (> 10x the tolerance);
  * each named mistake is far outside the tolerance on the cases meant to catch it: concatenated halves [sin | cos]
    (every case with d > 2), exponent i/d instead of 2i/d and base 1/theta (every case with d > 2 and p != 0).
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

SLUG = "sinusoidal-positional-encoding"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-9, 1e-9), torch.float32: (1e-6, 1e-5)}


def pe_longdouble(positions, d, theta):
    pos = np.asarray(positions, dtype=np.float64).astype(np.longdouble)
    out = np.empty((len(pos), d), dtype=np.longdouble)
    th = np.longdouble(theta)
    for j in range(d):
        i = j // 2
        a = pos / th ** (np.longdouble(2 * i) / np.longdouble(d))
        out[:, j] = np.sin(a) if j % 2 == 0 else np.cos(a)
    return out


def pe_tutorial(positions, d, theta, angle_dtype=torch.float64):
    """The PyTorch tutorial's PositionalEncoding, generalised to odd d, with angles in angle_dtype."""
    p = positions.to(angle_dtype)[:, None]
    div_term = torch.exp(torch.arange(0, d, 2, dtype=angle_dtype) * (-math.log(theta) / d))
    pe = torch.zeros(len(positions), d, dtype=angle_dtype)
    pe[:, 0::2] = torch.sin(p * div_term)
    pe[:, 1::2] = torch.cos(p * div_term[: d // 2])
    return pe


def pe_variant(positions, d, theta, kind):
    p = positions.double()[:, None]
    j = torch.arange(d, dtype=torch.float64)
    i = torch.div(j, 2, rounding_mode="floor")
    if kind == "exponent-i-over-d":
        a = p / theta ** (i / d)
        return torch.where(j % 2 == 0, a.sin(), a.cos())
    if kind == "inverse-base":
        a = p * theta ** (2 * i / d)
        return torch.where(j % 2 == 0, a.sin(), a.cos())
    if kind == "halves":
        half = (d + 1) // 2
        a = p / theta ** (2 * torch.arange(half, dtype=torch.float64) / d)
        return torch.cat([a.sin(), a[:, : d - half].cos()], dim=1)
    raise ValueError(kind)


def ratio_to_tol(actual, expected, dtype):
    atol, rtol = TOL[dtype]
    err = (actual.double() - expected.double()).abs()
    return float((err / (atol + rtol * expected.double().abs())).max())


WRITTEN = []


def case(name, positions, d, theta, dtype, note, long_context=False):
    positions = torch.as_tensor(positions, dtype=torch.float64).to(dtype)
    T = positions.shape[0]
    ld = pe_longdouble(positions.double().numpy(), d, theta)
    exact = torch.from_numpy(ld.astype(np.float64))
    pmax = float(positions.double().abs().max())
    dev = float((pe_tutorial(positions, d, theta) - exact).abs().max())
    assert dev <= 1e-12 + 4.5e-16 * pmax, (name, "tutorial cross-check", dev)
    pairs = d // 2
    if pairs:
        s2c2 = exact[:, 0:2 * pairs:2] ** 2 + exact[:, 1:2 * pairs:2] ** 2
        assert float((s2c2 - 1).abs().max()) < 1e-12, name
        # PE[t].PE[s] = sum_i cos((p_t - p_s) w_i) over full pairs: relative position only.
        w = torch.tensor([theta ** (-2.0 * i / d) for i in range(pairs)], dtype=torch.float64)
        diff = positions.double()[:, None] - positions.double()[None, :]
        direct = torch.cos(diff[:, :, None] * w).sum(-1)
        full = exact[:, : 2 * pairs]
        assert float((full @ full.T - direct).abs().max()) <= 1e-9 * max(1.0, pmax / 1e3), name
    expected = exact.to(dtype)
    if dtype == torch.float32:
        r = ratio_to_tol(pe_tutorial(positions, d, theta).to(dtype), expected, dtype)
        assert r <= 0.25, (name, "float64 angles rounded to float32 not within tolerance", r)
        r32 = ratio_to_tol(pe_tutorial(positions, d, theta, torch.float32), expected, dtype)
        if long_context:
            assert r32 > 10, (name, "float32 angles should fail this case", r32)
    if d > 2:
        assert ratio_to_tol(pe_variant(positions, d, theta, "halves"), expected, dtype) > 100, (name, "halves")
        if pmax > 0:
            for kind in ("exponent-i-over-d", "inverse-base"):
                assert ratio_to_tol(pe_variant(positions, d, theta, kind), expected, dtype) > 100, (name, kind)
    print(f"{name}: {str(dtype).replace('torch.', '')} T={T} d={d} theta={theta:g} positions "
          f"{float(positions.min()):g}..{float(positions.max()):g}; tutorial float64 vs longdouble: {dev:.1e}")
    tensors = {"in.positions": positions.numpy(), "out": expected.numpy()}
    meta = {"kata": SLUG, "args": json.dumps({"d": int(d), "theta": float(theta)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    f64, f32 = torch.float64, torch.float32
    ar = lambda start, n: [float(start + k) for k in range(n)]  # noqa: E731
    case("01-basic-f64", ar(0, 8), 8, 10000.0, f64,
         "basic: float64, positions 0..7, d=8, theta 10000 (row 0 is 0, 1, 0, 1, …)")
    case("02-basic-f32", ar(0, 16), 16, 10000.0, f32,
         "basic: float32, positions 0..15, d=16, theta 10000")
    case("03-position-offset", ar(100, 6), 12, 10000.0, f64,
         "positions 100..105 (a continuation after a KV cache): the angle uses positions[t], not the row index t")
    case("04-fractional-positions", [0.0, 0.25, 0.5, 1.75, 3.125, 10.5], 6, 10000.0, f64,
         "fractional positions (position interpolation scales positions by a factor < 1)")
    case("05-odd-d", ar(0, 5), 5, 10000.0, f64,
         "edge: odd d=5: columns sin, cos, sin, cos, sin; the last column is the sine of frequency i=2, 10000^(-4/5)")
    case("06-d-2", ar(0, 7), 2, 10000.0, f64,
         "edge: d=2, one frequency (1): columns are sin(p) and cos(p)")
    case("07-d-1-single-position", [37.0], 1, 10000.0, f64,
         "edge: T=1, d=1: a single column sin(37)")
    case("08-theta-100", ar(1, 6), 8, 100.0, f64,
         "theta = 100 with d=8: frequencies 1, 100^(-1/4), 100^(-1/2), 100^(-3/4) (checks the exponent 2i/d)")
    case("09-theta-500000-f32", ar(3, 9), 32, 500000.0, f32,
         "float32 d=32 with theta = 500000, positions 3..11")
    case("10-long-context-f32", ar(120000 - 6, 6), 16, 10000.0, f32,
         "hard: float32 at positions ~120000: angles must be computed in float64 (float32 angles are off by ~4e-3 rad)",
         long_context=True)
    case("11-long-context-f64", ar(120000 - 6, 6), 16, 10000.0, f64,
         "hard: float64 at positions ~120000, theta 10000")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
