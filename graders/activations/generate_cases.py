#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the activations kata: GELU (exact erf form and tanh approximation), SiLU, SwiGLU, each with a
hand-derived backward.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/activations/generate_cases.py

Everything is float64. Expected values:
  * Gelu / Silu:  torch.nn.functional.gelu(x, approximate='none'|'tanh'), torch.nn.functional.silu(x);
  * SwiGlu:       F.silu(x @ w.T) * (x @ v.T)  (w is the gated projection, as LLaMA's w1; v the linear one, LLaMA's w3);
  * *Backward:    PyTorch AUTOGRAD of those with upstream gradient dy (torch.autograd.grad(y, inputs, dy)).
Cross-checks, all asserted:
  * an independent numpy implementation (math.erf per element, sigmoid as 0.5·(1 + tanh(x/2)), the hand-derived
    derivatives GELU' = Φ + x·φ, GELU_tanh' = ½(1 + t) + ½x(1 − t²)·c(1 + 3·0.044715·x²), SiLU' = σ(1 + x(1 − σ)),
    and SwiGLU's dx = da·w + db·v, dw = Σ daᵀx, dv = Σ dbᵀx) agrees with torch to 1e-12 (relative to each tensor's
    largest magnitude, absolute below 1), element by element well inside the kata's tolerance;
  * central finite differences (step 1e-6) of Σ dy·f agree with autograd to 1e-6 on the small cases;
  * each case fails the mistakes it targets (asserted with the numpy implementation carrying the mistake).
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "activations"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = (1e-9, 1e-9)
WRITTEN = []
C = math.sqrt(2 / math.pi)
A = 0.044715
erf = np.vectorize(math.erf)


# ---- independent numpy implementation, with optional mistakes --------------------------------------------------
def np_sigmoid(x):
    return 0.5 * (1 + np.tanh(x / 2))   # never overflows


def np_gelu(x, approximate, no_cubic=False, sqrt_2pi=False):
    if approximate == "none":
        return 0.5 * x * (1 + erf(x / math.sqrt(2)))
    c = math.sqrt(2 * math.pi) if sqrt_2pi else C
    return 0.5 * x * (1 + np.tanh(c * (x + (0 if no_cubic else A) * x ** 3)))


def np_gelu_grad(dy, x, approximate, no_x_phi=False, exact_for_tanh=False):
    if approximate == "none" or exact_for_tanh:
        cdf = 0.5 * (1 + erf(x / math.sqrt(2)))
        pdf = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
        return dy * (cdf + (0 if no_x_phi else x * pdf))
    t = np.tanh(C * (x + A * x ** 3))
    return dy * (0.5 * (1 + t) + (0 if no_x_phi else 0.5 * x * (1 - t * t) * C * (1 + 3 * A * x * x)))


def np_silu(x):
    return x * np_sigmoid(x)


def np_silu_grad(dy, x, sigmoid_only=False):
    s = np_sigmoid(x)
    return dy * (s if sigmoid_only else s * (1 + x * (1 - s)))


def np_swiglu(x, w, v, wrong_half=False):
    a, b = x @ w.T, x @ v.T
    return np_silu(b) * a if wrong_half else np_silu(a) * b


def np_swiglu_grads(dy, x, w, v, no_gate_path=False):
    a, b = x @ w.T, x @ v.T
    da = dy * b * np_silu_grad(np.ones_like(a), a)
    db = dy * np_silu(a)
    dx = db @ v if no_gate_path else da @ w + db @ v
    lead_x = x.reshape(-1, x.shape[-1])
    dw = da.reshape(-1, w.shape[0]).T @ lead_x
    dv = db.reshape(-1, v.shape[0]).T @ lead_x
    return dx, dw, dv


# ---- torch (the expected values) ---------------------------------------------------------------------------------
def leaf(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


def torch_case(entry, ins, approximate):
    if entry in ("Gelu", "GeluBackward"):
        x = leaf(ins["x"])
        y = F.gelu(x, approximate=approximate)
        wrt = {"x": x}
    elif entry in ("Silu", "SiluBackward"):
        x = leaf(ins["x"])
        y = F.silu(x)
        wrt = {"x": x}
    else:
        x, w, v = leaf(ins["x"]), leaf(ins["w"]), leaf(ins["v"])
        y = F.silu(x @ w.T) * (x @ v.T)
        wrt = {"x": x, "w": w, "v": v}
    if not entry.endswith("Backward"):
        return {"out": y.detach().numpy()}
    grads = torch.autograd.grad(y, list(wrt.values()), torch.from_numpy(ins["dy"]))
    return {"grad." + k: g.numpy() for k, g in zip(wrt, grads)}


def numpy_case(entry, ins, approximate, **mistake):
    if entry == "Gelu":
        return {"out": np_gelu(ins["x"], approximate, **mistake)}
    if entry == "GeluBackward":
        return {"grad.x": np_gelu_grad(ins["dy"], ins["x"], approximate, **mistake)}
    if entry == "Silu":
        return {"out": np_silu(ins["x"])}
    if entry == "SiluBackward":
        return {"grad.x": np_silu_grad(ins["dy"], ins["x"], **mistake)}
    if entry == "SwiGlu":
        return {"out": np_swiglu(ins["x"], ins["w"], ins["v"], **mistake)}
    dx, dw, dv = np_swiglu_grads(ins["dy"], ins["x"], ins["w"], ins["v"], **mistake)
    return {"grad.x": dx, "grad.w": dw, "grad.v": dv}


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1.0)) if b.size else 0.0


def out_of_tol(actual, expected):
    return bool(np.any(~(np.abs(actual - expected) <= TOL[0] + TOL[1] * np.abs(expected))))


def finite_differences(entry, ins, approximate):
    """∂(Σ dy·f)/∂(each input) by central differences through torch's forward."""
    fwd = entry[: -len("Backward")]
    grads = {}
    for name in [k for k in ins if k != "dy"]:
        g = np.zeros_like(ins[name])
        for idx in np.ndindex(*ins[name].shape):
            vals = []
            for h in (1e-6, -1e-6):
                moved = {k: a.copy() for k, a in ins.items() if k != "dy"}
                moved[name][idx] += h
                vals.append(float((torch_case(fwd, moved, approximate)["out"] * ins["dy"]).sum()))
            g[idx] = (vals[0] - vals[1]) / 2e-6
        grads["grad." + name] = g
    return grads


def case(tag, entry, ins, note, approximate=None, catches=(), finite_diff=True, number=[0]):
    ins = {k: np.ascontiguousarray(a, dtype=np.float64) for k, a in ins.items()}
    expected = torch_case(entry, ins, approximate)
    mine = numpy_case(entry, ins, approximate)
    assert expected.keys() == mine.keys(), (tag, expected.keys(), mine.keys())
    devs = {k: rel(mine[k], expected[k]) for k in expected}
    assert max(devs.values()) <= 1e-12, (tag, devs)
    for k in expected:
        assert np.all(np.isfinite(expected[k])), (tag, k)
        assert not np.any(np.abs(mine[k] - expected[k]) > 0.01 * (TOL[0] + TOL[1] * np.abs(expected[k]))), (tag, k)
    if finite_diff and entry.endswith("Backward"):
        fd = finite_differences(entry, ins, approximate)
        for k in expected:
            assert rel(fd[k], expected[k]) <= 1e-6, (tag, k, "finite differences disagree", rel(fd[k], expected[k]))
    for mistake in catches:
        wrong = numpy_case(entry, ins, approximate, **{mistake: True})
        assert any(out_of_tol(wrong[k], expected[k]) for k in expected), (tag, mistake, "mistake not caught")

    number[0] += 1
    name = f"{number[0]:02d}-{tag}"
    args = {} if approximate is None else {"approximate": approximate}
    tensors = {"in." + k: a for k, a in ins.items()}
    tensors.update(expected)
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args), "note": f"{entry}: {note}"}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: " + ", ".join(f"{k}{list(a.shape)}" for k, a in ins.items())
          + "; numpy dev " + ", ".join(f"{k} {v:.1e}" for k, v in devs.items()))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2026)

    example = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    case("gelu-worked-example", "Gelu", {"x": example}, "the statement's worked example x = [−3, −1, 0, 0.5, 2], exact (erf) form",
         approximate="none")
    x = rng.normal(scale=2.0, size=(4, 6))
    case("gelu-basic", "Gelu", {"x": x}, "exact erf form on [4, 6]", approximate="none")
    case("gelu-tanh-basic", "Gelu", {"x": x}, "tanh approximation on the same [4, 6] x: c = sqrt(2/π), the cubic 0.044715·x³",
         approximate="tanh", catches=("no_cubic", "sqrt_2pi"))
    x = rng.normal(scale=2.0, size=(3, 7))
    dy = rng.normal(size=x.shape)
    case("gelu-backward", "GeluBackward", {"dy": dy, "x": x},
         "exact form, [3, 7]: GELU'(x) = Φ(x) + x·φ(x) — both terms", approximate="none", catches=("no_x_phi",))
    case("gelu-tanh-backward", "GeluBackward", {"dy": dy, "x": x},
         "tanh form on the same x: the derivative of the tanh approximation, not of the erf form", approximate="tanh",
         catches=("no_x_phi", "exact_for_tanh"))
    x = rng.normal(scale=3.0, size=(2, 3, 5))
    case("silu-batch-time", "Silu", {"x": x}, "[2, 3, 5] x: SiLU(x) = x·σ(x)")
    case("silu-backward", "SiluBackward", {"dy": rng.normal(size=x.shape), "x": x},
         "[2, 3, 5]: SiLU'(x) = σ(x)·(1 + x·(1 − σ(x))), not σ(x) alone", catches=("sigmoid_only",))

    big = np.concatenate([np.array([-1000.0, -750.0, -40.0, -20.0, -1e-8, 0.0, 1e-8, 20.0, 40.0, 750.0, 1000.0]),
                          rng.normal(scale=30.0, size=5)]).reshape(4, 4)
    dy_big = rng.normal(size=big.shape)
    case("silu-saturation", "Silu", {"x": big},
         "hard: |x| up to 1000 — σ(x) written as exp(x)/(1 + exp(x)) overflows to inf/inf = NaN for x > 709")
    case("silu-backward-saturation", "SiluBackward", {"dy": dy_big, "x": big},
         "hard: |x| up to 1000 — the derivative must stay finite (σ via exp(−x) overflows for x < −709)",
         catches=("sigmoid_only",), finite_diff=False)
    case("gelu-backward-saturation", "GeluBackward", {"dy": dy_big, "x": big},
         "hard: |x| up to 1000 — Φ saturates to 0 / 1 and x·φ(x) underflows to 0; everything stays finite",
         approximate="none", finite_diff=False)
    case("gelu-tanh-backward-saturation", "GeluBackward", {"dy": dy_big, "x": big},
         "hard, tanh form: |x| up to 1000, so the cubic is ~1e9 and tanh saturates; 1 − tanh² must be 0, not NaN",
         approximate="tanh", finite_diff=False)

    d, h = 8, 5
    w, v = rng.normal(scale=0.4, size=(h, d)), rng.normal(scale=0.4, size=(h, d))
    x = rng.normal(size=(2, 3, d))
    case("swiglu-batch-time", "SwiGlu", {"x": x, "w": w, "v": v},
         "x [2, 3, 8], w and v [5, 8]: SiLU(x·wᵀ) ⊙ (x·vᵀ) — the x·wᵀ half is gated", catches=("wrong_half",))
    case("swiglu-backward-batch-time", "SwiGluBackward", {"dy": rng.normal(size=(2, 3, h)), "x": x, "w": w, "v": v},
         "x [2, 3, 8], w and v [5, 8]: dx has a path through w (the gate) and through v; dw and dv sum over both leading dims",
         catches=("no_gate_path",))
    x1 = rng.normal(size=(d,))
    case("swiglu-rank-1", "SwiGlu", {"x": x1, "w": w, "v": v}, "edge: x is one vector [8] (rank 1), out is [5]",
         catches=("wrong_half",))
    case("swiglu-backward-rank-1", "SwiGluBackward", {"dy": rng.normal(size=(h,)), "x": x1, "w": w, "v": v},
         "edge: x [8] (rank 1): dw = outer(da, x), dv = outer(db, x), nothing to sum", catches=("no_gate_path",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
