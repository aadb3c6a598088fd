#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the adam-optimizer kata: N steps of torch.optim.Adam (L2 weight decay) or torch.optim.AdamW
(decoupled weight decay) on one parameter tensor, given each step's gradient.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/adam-optimizer/generate_cases.py

Inputs: in.param (float64, any shape P), in.grads (float64 [N, *P]); args lr, beta1, beta2, eps, weightDecay, decoupled
(false: Adam, true: AdamW). amsgrad is out of scope (False).
Expected values: torch.optim.Adam / torch.optim.AdamW (torch 1.13, amsgrad = False, maximize = False) — p.grad = grads[t];
optimizer.step() — the parameter after each step, stacked: out [N, *P].
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble) of the statement's update, with the
    bias-corrected moments written explicitly (m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ), p −= lr·m̂ / (√v̂ + eps)),
    agrees with torch to 1e-12 relative to the trajectory's scale;
  * each case fails the mistakes it targets, by more than 100× the kata's tolerance: no bias correction
    ("no-bias-correction"), L2 and decoupled decay swapped ("decay-swapped"), eps inside the square root
    ("eps-inside-sqrt"), eps added before dividing √v by √(1 − β2ᵗ) ("eps-before-correction"), AdamW's decay without
    the lr factor ("decay-without-lr"), AdamW's decay applied after the Adam step ("decay-after-step").
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "adam-optimizer"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = (1e-10, 1e-9)
WRITTEN = []


def torch_adam(param, grads, lr, b1, b2, eps, wd, decoupled):
    p = torch.tensor(param, dtype=torch.float64, requires_grad=True)
    cls = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = cls([p], lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd, amsgrad=False)
    out = []
    for g in grads:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.stack(out) if out else np.zeros((0,) + np.shape(param))


def adam(param, grads, lr, b1, b2, eps, wd, decoupled, variant=None, dt=np.longdouble):
    if variant == "decay-swapped":
        decoupled = not decoupled
    p = np.array(param, dtype=dt)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    lr, b1, b2, eps, wd = dt(lr), dt(b1), dt(b2), dt(eps), dt(wd)
    out = []
    for t, g in enumerate(grads, start=1):
        g = np.array(g, dtype=dt)
        if decoupled:
            if variant == "decay-without-lr":
                p = p * (1 - wd)
            elif variant != "decay-after-step":
                p = p * (1 - lr * wd)
        else:
            g = g + wd * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if variant == "no-bias-correction":
            m_hat, v_hat = m, v
        else:
            m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        if variant == "eps-inside-sqrt":
            step = m_hat / np.sqrt(v_hat + eps)
        elif variant == "eps-before-correction":
            step = m_hat / ((np.sqrt(v) + eps) / np.sqrt(1 - b2 ** t))
        else:
            step = m_hat / (np.sqrt(v_hat) + eps)
        p = p - lr * step
        if decoupled and variant == "decay-after-step":
            p = p - lr * wd * p
        out.append(p.copy())
    return np.stack(out).astype(np.float64) if out else np.zeros((0,) + np.shape(param))


def case(name, param, grads, note, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False, expect=()):
    param = np.array(param, dtype=np.float64)
    grads = np.array(grads, dtype=np.float64).reshape((-1,) + param.shape)
    want = torch_adam(param, grads, lr, b1, b2, eps, wd, decoupled)
    mine = adam(param, grads, lr, b1, b2, eps, wd, decoupled)
    assert want.shape == (grads.shape[0],) + param.shape
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    dev = float(np.max(np.abs(mine - want))) if want.size else 0.0
    assert dev <= 1e-12 * scale, (name, dev)
    for kind in expect:
        m = adam(param, grads, lr, b1, b2, eps, wd, decoupled, variant=kind)
        assert np.any(np.abs(m - want) > 100 * (TOL[0] + TOL[1] * np.abs(want))), (name, kind, "does not catch it")
    tensors = {"in.param": param, "in.grads": grads, "out": want}
    args = {"lr": lr, "beta1": b1, "beta2": b2, "eps": eps, "weightDecay": wd, "decoupled": decoupled}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: {'AdamW' if decoupled else 'Adam'} param {list(param.shape)}, N = {grads.shape[0]}, lr={lr} "
          f"betas=({b1}, {b2}) eps={eps} wd={wd}; max |torch − longdouble| = {dev:.1e}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)

    case("01-adam-defaults", rng.normal(size=(3, 4)), rng.normal(size=(10, 3, 4)),
         "basic: Adam with the defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8) for 10 steps on a [3, 4] parameter",
         expect=("no-bias-correction",))
    case("02-adam-l2", rng.normal(size=(5,)), rng.normal(size=(12, 5)),
         "rule: Adam with weight_decay 0.1 — L2: wd·p is added to the GRADIENT, so it goes through both moments",
         lr=0.01, wd=0.1, expect=("decay-swapped",))
    case("03-adamw", rng.normal(size=(2, 3)), rng.normal(size=(12, 2, 3)),
         "rule: AdamW with weight_decay 0.1 and lr 0.05 — decoupled: p ← p·(1 − lr·wd) before the Adam step, the moments see g alone",
         lr=0.05, wd=0.1, decoupled=True, expect=("decay-swapped", "decay-without-lr", "decay-after-step"))
    case("04-tiny-gradients", rng.normal(size=(6,)), 1e-9 * rng.normal(size=(8, 6)),
         "hard: gradients ~1e-9, below eps = 1e-8: the step is lr·m̂/(√v̂ + eps) with √v̂ ≈ 1e-9 — where eps goes decides "
         "the answer", lr=0.1, expect=("eps-inside-sqrt", "no-bias-correction"))
    case("05-first-step", rng.normal(size=(4,)), rng.normal(size=(1, 4)),
         "edge: N = 1: bias correction makes the first step ≈ lr·sign(g) (m̂ = g, v̂ = g²)", lr=0.01,
         expect=("no-bias-correction",))
    case("06-zero-steps", rng.normal(size=(2, 2)), np.zeros((0, 2, 2)), "edge: N = 0: an empty [0, 2, 2] trajectory")
    g = rng.normal(size=(30, 3))
    g[10:20] = 0.0
    case("07-zero-gradient-stretch", rng.normal(size=(3,)), g,
         "edge: 10 steps of zero gradient in the middle: the moments decay but the parameter keeps moving (m̂ ≠ 0)",
         lr=0.01, b2=0.99, expect=("no-bias-correction",))
    case("08-scalar-parameter", np.array(0.75), rng.normal(size=(9,)),
         "edge: a 0-d parameter (grads [9]) with AdamW, weight decay 0.5", lr=0.02, wd=0.5, decoupled=True,
         expect=("decay-swapped", "decay-without-lr"))
    case("09-beta1-zero", rng.normal(size=(2, 4)), rng.normal(size=(6, 2, 4)),
         "edge: beta1 = 0 (no first moment: m = g) with beta2 = 0.9", lr=0.01, b1=0.0, b2=0.9,
         expect=("no-bias-correction",))
    case("10-large-gradients-long-run", rng.normal(size=(4, 3)), 1e4 * rng.normal(size=(50, 4, 3)),
         "hard: gradients ~1e4 over 50 steps with weight decay 0.01 (Adam, L2): the step is scale-free, and v ~ 1e8",
         lr=1e-3, wd=0.01, expect=("no-bias-correction", "decay-swapped"))
    case("11-adamw-big-eps", rng.normal(size=(3, 3)), 0.01 * rng.normal(size=(15, 3, 3)),
         "AdamW with eps = 1e-2 comparable to √v̂ and betas (0.8, 0.95): eps is added after dividing √v by √(1 − β2ᵗ)",
         lr=0.1, b1=0.8, b2=0.95, eps=1e-2, wd=0.05, decoupled=True,
         expect=("eps-inside-sqrt", "eps-before-correction", "decay-after-step", "decay-without-lr"))
    case("12-adam-no-decay-decoupled-flag", rng.normal(size=(5,)), rng.normal(size=(7, 5)),
         "edge: decoupled = true with weight_decay 0: AdamW without decay is Adam", lr=0.01, decoupled=True,
         expect=("no-bias-correction",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
