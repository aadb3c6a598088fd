#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the lora-linear kata.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/lora-linear/generate_cases.py

With W0 [out, in], b [out], A [r, in], B [out, r], alpha and scaling s = alpha / r:
    Forward(x)           = x W0^T + b + s (x A^T) B^T          for x [..., in]
    Merge(W0, A, B)      = W0 + s B A
    Unmerge(Wm, A, B)    = Wm - s B A
Expected values: numpy np.longdouble (80-bit extended) matrix products, rounded to the case's dtype.
Cross-checks, all asserted:
  * torch float64 with torch.nn.Linear layers wired as PEFT's LoRA Linear (base layer, lora_A, lora_B, scaling = alpha/r)
    agrees with the longdouble values to 1e-12 relative;
  * merged and unmerged agree: a plain nn.Linear with the merged weight gives Forward's output (1e-12 relative), and
    Unmerge(Merge(W0)) == W0 (1e-12 relative), in float64;
  * float32 cases are reachable: the torch float32 forward, unmerged and through the merged weight, is within a quarter
    of the float32 tolerance (atol 1e-5, rtol 1e-4);
  * each named mistake is far outside the tolerance on the cases meant to catch it: scaling by alpha (when r != 1),
    by alpha/sqrt(r) (when r != 1), merging without the scaling (when s != 1), unmerging by adding, forgetting the bias.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "lora-linear"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-9, 1e-9), torch.float32: (1e-5, 1e-4)}


def ld(t):
    return t.double().numpy().astype(np.longdouble)


def exact_update(A, B, alpha):
    r = A.shape[0]
    return (np.longdouble(alpha) / np.longdouble(r)) * (ld(B) @ ld(A))


def exact_forward(x, W, b, A, B, alpha):
    r = A.shape[0]
    xl = ld(x)
    return xl @ ld(W).T + ld(b) + (np.longdouble(alpha) / np.longdouble(r)) * ((xl @ ld(A).T) @ ld(B).T)


class PeftStyleLoraLinear(torch.nn.Module):
    """PEFT's LoRA Linear, eval mode (no dropout): base_layer(x) + lora_B(lora_A(x)) * scaling."""

    def __init__(self, W, b, A, B, alpha):
        super().__init__()
        out_f, in_f = W.shape
        r = A.shape[0]
        self.base_layer = torch.nn.Linear(in_f, out_f, dtype=W.dtype)
        self.lora_A = torch.nn.Linear(in_f, r, bias=False, dtype=W.dtype)
        self.lora_B = torch.nn.Linear(r, out_f, bias=False, dtype=W.dtype)
        with torch.no_grad():
            self.base_layer.weight.copy_(W)
            self.base_layer.bias.copy_(b)
            self.lora_A.weight.copy_(A)
            self.lora_B.weight.copy_(B)
        self.scaling = alpha / r

    def forward(self, x):
        return self.base_layer(x) + self.lora_B(self.lora_A(x)) * self.scaling

    def merged_weight(self):
        return self.base_layer.weight + (self.lora_B.weight @ self.lora_A.weight) * self.scaling


def ratio_to_tol(actual, expected, dtype):
    atol, rtol = TOL[dtype]
    err = (torch.as_tensor(actual).double() - torch.as_tensor(expected).double()).abs()
    return float((err / (atol + rtol * torch.as_tensor(expected).double().abs())).max())


def rel(a, b):
    a, b = torch.as_tensor(a).double(), torch.as_tensor(b).double()
    return float((a - b).abs().max()) / max(1.0, float(b.abs().max()))


WRITTEN = []


def write(name, entry, tensors, alpha, note):
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps({"alpha": float(alpha)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    tensors = {k: (v.numpy() if isinstance(v, torch.Tensor) else v) for k, v in tensors.items()}
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def mistakes_caught(name, dtype, expected, candidates):
    for label, value, applies in candidates:
        if applies:
            assert ratio_to_tol(value, expected, dtype) > 100, (name, label)


def forward_case(name, x, W, b, A, B, alpha, dtype, note):
    x, W, b, A, B = (t.to(dtype).contiguous() for t in (x, W, b, A, B))
    r = A.shape[0]
    exact = torch.from_numpy(exact_forward(x, W, b, A, B, alpha).astype(np.float64))
    layer = PeftStyleLoraLinear(W.double(), b.double(), A.double(), B.double(), alpha)
    with torch.no_grad():
        peft = layer(x.double())
        assert rel(peft, exact) < 1e-12, (name, "PEFT-style float64", rel(peft, exact))
        merged = torch.nn.functional.linear(x.double(), layer.merged_weight(), b.double())
        assert rel(merged, exact) < 1e-12, (name, "merged float64")
    expected = exact.to(dtype)
    if dtype == torch.float32:
        with torch.no_grad():
            l32 = PeftStyleLoraLinear(W, b, A, B, alpha)
            assert ratio_to_tol(l32(x), expected, dtype) <= 0.25, (name, "float32 unmerged")
            assert ratio_to_tol(torch.nn.functional.linear(x, l32.merged_weight(), b), expected, dtype) <= 0.25, (name, "float32 merged")
    xd, Wd, bd, Ad, Bd = (t.double() for t in (x, W, b, A, B))
    lora = (xd @ Ad.T) @ Bd.T
    base = xd @ Wd.T + bd
    mistakes_caught(name, dtype, expected, [
        ("scaling alpha", base + alpha * lora, r != 1 and float(lora.abs().max()) > 1e-3),
        ("scaling alpha/sqrt(r)", base + alpha / r ** 0.5 * lora, r != 1 and float(lora.abs().max()) > 1e-3),
        ("no bias", base - bd + alpha / r * lora, float(bd.abs().max()) > 1e-3),
    ])
    print(f"{name}: Forward {str(dtype).replace('torch.', '')} x {tuple(x.shape)} out={W.shape[0]} r={r} alpha={alpha:g}")
    write(name, "Forward", {"in.x": x, "in.weight": W, "in.bias": b, "in.loraA": A, "in.loraB": B, "out": expected}, alpha, note)


def merge_case(name, entry, W, A, B, alpha, dtype, note):
    W, A, B = (t.to(dtype).contiguous() for t in (W, A, B))
    r = A.shape[0]
    upd = exact_update(A, B, alpha)
    sign = 1 if entry == "Merge" else -1
    exact = torch.from_numpy((ld(W) + sign * upd).astype(np.float64))
    # Round trip in float64: unmerge(merge(W)) == W and merge(unmerge(W)) == W.
    Wd, Ad, Bd = W.double(), A.double(), B.double()
    delta = (Bd @ Ad) * (alpha / r)
    assert rel((Wd + sign * delta) - sign * delta, Wd) < 1e-12, name
    assert rel(Wd + sign * delta, exact) < 1e-12, (name, "torch float64")
    expected = exact.to(dtype)
    if dtype == torch.float32:
        assert ratio_to_tol(W + sign * (B @ A) * (alpha / r), expected, dtype) <= 0.25, (name, "float32")
    s = alpha / r
    mistakes_caught(name, dtype, expected, [
        ("no scaling", Wd + sign * (Bd @ Ad), abs(s - 1) > 1e-3),
        ("scaling alpha", Wd + sign * alpha * (Bd @ Ad), r != 1),
        ("wrong sign", Wd - sign * delta, True),
    ])
    key = "in.weight" if entry == "Merge" else "in.mergedWeight"
    print(f"{name}: {entry} {str(dtype).replace('torch.', '')} out={W.shape[0]} in={W.shape[1]} r={r} alpha={alpha:g}")
    write(name, entry, {key: W, "in.loraA": A, "in.loraB": B, "out": expected}, alpha, note)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(20210617)  # the LoRA paper's arXiv date

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    f64, f32 = torch.float64, torch.float32
    forward_case("01-forward-basic-f64", rn(5, 6), rn(4, 6, scale=0.5), rn(4), rn(2, 6, scale=0.5), rn(4, 2, scale=0.5), 4.0, f64,
                 "Forward basic: float64 x [5, 6], in=6, out=4, r=2, alpha=4 (scaling alpha/r = 2)")
    forward_case("02-forward-batched-f32", rn(2, 3, 8), rn(6, 8, scale=0.4), rn(6), rn(4, 8, scale=0.4), rn(6, 4, scale=0.4), 8.0, f32,
                 "Forward float32 with two leading dims: x [2, 3, 8], out=6, r=4, alpha=8")
    forward_case("03-forward-B-zero", rn(4, 5), rn(3, 5, scale=0.5), rn(3), rn(2, 5), torch.zeros(3, 2, dtype=torch.float64), 16.0, f64,
                 "edge: B = 0 (LoRA's initialisation): the output is exactly the base layer's x W0^T + b")
    forward_case("04-forward-r-1", rn(3, 4), rn(5, 4, scale=0.5), rn(5), rn(1, 4), rn(5, 1), 16.0, f64,
                 "edge: rank r = 1 (A is one row, B one column), alpha=16: scaling 16")
    forward_case("05-forward-scaling-non-dyadic", rn(2, 4, 7), rn(7, 7, scale=0.4), rn(7), rn(3, 7, scale=0.5), rn(7, 3, scale=0.5), 16.0, f64,
                 "Forward with a square layer in=out=7, r=3, alpha=16: scaling 16/3 (not alpha, not alpha/sqrt(r))")
    forward_case("06-forward-hard-magnitudes", rn(3, 8, scale=1e3), rn(6, 8, scale=1e2), rn(6, scale=1e4), rn(8, 8, scale=1e-3),
                 rn(6, 8, scale=1e-3), 3.0, f64,
                 "hard: float64, x ~1e3, W0 ~1e2, b ~1e4 and a full-rank (r = in = 8) update ~1e-6 of the base output, "
                 "scaling 3/8: the small update must survive")
    merge_case("07-merge-basic", "Merge", rn(4, 6), rn(2, 6), rn(4, 2), 8.0, f64,
               "Merge basic: W0 [4, 6], r=2, alpha=8: W0 + 4·B·A")
    merge_case("08-merge-f32", "Merge", rn(16, 12, scale=0.1), rn(4, 12, scale=0.3), rn(16, 4, scale=0.3), 32.0, f32,
               "Merge float32: W0 [16, 12], r=4, alpha=32 (scaling 8)")
    merge_case("09-merge-scaling-non-dyadic", "Merge", rn(5, 5), rn(3, 5), rn(5, 3), 16.0, f64,
               "Merge with a square weight 5×5, r=3, alpha=16: scaling 16/3, B·A (not its transpose)")
    merge_case("10-unmerge-basic", "Unmerge", rn(4, 6), rn(2, 6), rn(4, 2), 8.0, f64,
               "Unmerge: mergedWeight [4, 6], r=2, alpha=8: mergedWeight − 4·B·A")
    merge_case("11-unmerge-f32", "Unmerge", rn(8, 3, scale=0.1), rn(2, 3), rn(8, 2), 1.0, f32,
               "Unmerge float32: mergedWeight [8, 3], r=2, alpha=1 (scaling 1/2)")
    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
