#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the sgd-momentum kata: N steps of torch.optim.SGD on one parameter tensor, given each step's gradient.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/sgd-momentum/generate_cases.py

Inputs: in.param (float64, any shape P), in.grads (float64 [N, *P]: the gradient handed to step t, independent of the
parameter — weight decay adds the parameter's own term); args lr, momentum, dampening, weightDecay, nesterov.
Expected values: torch.optim.SGD (torch 1.13, maximize = False) — p.grad = grads[t]; optimizer.step() — the parameter
after each step, stacked: out [N, *P].
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble) of the update as the statement writes it
    (d = g + wd·p; buf = d on the first step, else μ·buf + (1 − dampening)·d; d = d + μ·buf if Nesterov else buf;
    p = p − lr·d) agrees with torch to 1e-12 relative to the trajectory's scale;
  * each case fails the mistakes it targets, by more than 100× the kata's tolerance: Nesterov with the previous buffer
    ("nesterov-old-buffer"), dampening applied on the first step (buffer started at zero: "damped-first-step"), weight
    decay added after the momentum ("decay-after-momentum"), Nesterov ignored ("no-nesterov").
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "sgd-momentum"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = (1e-10, 1e-10)
WRITTEN = []


def torch_sgd(param, grads, lr, momentum, dampening, wd, nesterov):
    p = torch.tensor(param, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, dampening=dampening, weight_decay=wd, nesterov=nesterov)
    out = []
    for g in grads:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.stack(out) if out else np.zeros((0,) + np.shape(param))


def sgd(param, grads, lr, momentum, dampening, wd, nesterov, variant=None, dt=np.longdouble):
    p = np.array(param, dtype=dt)
    buf = None
    out = []
    for g in grads:
        g = np.array(g, dtype=dt)
        d = g if variant == "decay-after-momentum" else g + dt(wd) * p
        if momentum != 0:
            old = buf
            if buf is None:
                buf = dt(1 - dampening) * d if variant == "damped-first-step" else d.copy()
            else:
                buf = dt(momentum) * buf + dt(1 - dampening) * d
            if nesterov and variant != "no-nesterov":
                look = (old if old is not None else np.zeros_like(d)) if variant == "nesterov-old-buffer" else buf
                d = d + dt(momentum) * look
            else:
                d = buf
        if variant == "decay-after-momentum":
            d = d + dt(wd) * p
        p = p - dt(lr) * d
        out.append(p.copy())
    return np.stack(out).astype(np.float64) if out else np.zeros((0,) + np.shape(param))


def case(name, param, grads, lr, note, momentum=0.0, dampening=0.0, wd=0.0, nesterov=False, expect=()):
    param = np.array(param, dtype=np.float64)
    grads = np.array(grads, dtype=np.float64).reshape((-1,) + param.shape)
    assert not nesterov or (momentum > 0 and dampening == 0)
    want = torch_sgd(param, grads, lr, momentum, dampening, wd, nesterov)
    mine = sgd(param, grads, lr, momentum, dampening, wd, nesterov)
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    assert want.shape == (grads.shape[0],) + param.shape
    assert np.all(np.abs(mine - want) <= 1e-12 * scale), (name, float(np.max(np.abs(mine - want))))
    for kind in expect:
        m = sgd(param, grads, lr, momentum, dampening, wd, nesterov, variant=kind)
        assert np.any(np.abs(m - want) > 100 * (TOL[0] + TOL[1] * np.abs(want))), (name, kind, "does not catch it")
    tensors = {"in.param": param, "in.grads": grads, "out": want}
    args = {"lr": lr, "momentum": momentum, "dampening": dampening, "weightDecay": wd, "nesterov": nesterov}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: param {list(param.shape)}, N = {grads.shape[0]}, lr={lr} μ={momentum} τ={dampening} wd={wd} "
          f"nesterov={nesterov}; max |torch − longdouble| = {float(np.max(np.abs(mine - want))) if want.size else 0:.1e}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(31337)

    p = rng.normal(size=(3, 4))
    case("01-plain-sgd", p, rng.normal(size=(5, 3, 4)), 0.1,
         "basic: momentum 0, no weight decay — p ← p − lr·g for 5 steps on a [3, 4] parameter")
    case("02-momentum", p, rng.normal(size=(10, 3, 4)), 0.05,
         "basic: momentum 0.9 for 10 steps: buf ← 0.9·buf + g, p ← p − lr·buf", momentum=0.9)
    case("03-dampening", rng.normal(size=(6,)), rng.normal(size=(8, 6)), 0.1,
         "rule: momentum 0.9 with dampening 0.5 — the first step sets buf = g with NO dampening; later steps add (1 − 0.5)·g",
         momentum=0.9, dampening=0.5, expect=("damped-first-step",))
    case("04-nesterov", rng.normal(size=(2, 5)), rng.normal(size=(8, 2, 5)), 0.05,
         "rule: Nesterov momentum 0.9: the step uses g + μ·buf with the buffer already updated this step",
         momentum=0.9, nesterov=True, expect=("nesterov-old-buffer", "no-nesterov"))
    case("05-weight-decay-momentum", rng.normal(size=(4, 3)), rng.normal(size=(8, 4, 3)), 0.1,
         "rule: weight decay 0.1 with momentum 0.9: the decay is added to the gradient (g + wd·p) BEFORE it enters the "
         "momentum buffer", momentum=0.9, wd=0.1, expect=("decay-after-momentum",))
    case("06-nesterov-weight-decay", rng.normal(size=(7,)), rng.normal(size=(12, 7)), 0.05,
         "rule: Nesterov (μ = 0.8) with weight decay 0.05: decay first, then the buffer, then g + μ·buf",
         momentum=0.8, wd=0.05, nesterov=True, expect=("nesterov-old-buffer", "decay-after-momentum"))
    case("07-zero-steps", rng.normal(size=(2, 3)), np.zeros((0, 2, 3)), 0.1,
         "edge: N = 0 gradients: an empty [0, 2, 3] trajectory", momentum=0.9)
    case("08-single-step-dampened", rng.normal(size=(5,)), rng.normal(size=(1, 5)), 0.2,
         "edge: N = 1 with momentum 0.9 and dampening 0.9: one step of p − lr·(g + wd·p), undamped",
         momentum=0.9, dampening=0.9, wd=0.01, expect=("damped-first-step",))
    case("09-scalar-parameter", np.array(1.5), rng.normal(size=(6,)), 0.1,
         "edge: a 0-d parameter: grads is [6] and the trajectory [6]", momentum=0.5, dampening=0.1, wd=0.2,
         expect=("damped-first-step", "decay-after-momentum"))
    g = np.tile(np.array([1e-3, -1e-3]), 20)[:, None] * np.ones((40, 3)) + 1e-9 * rng.normal(size=(40, 3))
    case("10-large-param-tiny-steps", 1e4 + rng.normal(size=(3,)), g, 1e-3,
         "hard: parameters ≈ 1e4 moved by steps ≈ 1e-6 over 40 steps of alternating gradients with momentum 0.99 and "
         "dampening 0.1 — the buffer's exact recursion matters, not just its sign",
         momentum=0.99, dampening=0.1, wd=1e-4, expect=("damped-first-step", "decay-after-momentum"))
    case("11-all-options", rng.normal(size=(3, 2, 2)), rng.normal(size=(20, 3, 2, 2)), 0.03,
         "momentum 0.95, dampening 0.2, weight decay 0.3 for 20 steps on a [3, 2, 2] parameter",
         momentum=0.95, dampening=0.2, wd=0.3, expect=("damped-first-step", "decay-after-momentum"))
    case("12-no-momentum-dampening-ignored", rng.normal(size=(4,)), rng.normal(size=(5, 4)), 0.1,
         "edge: momentum 0 with dampening 0.5 and weight decay 0.1: no buffer at all, dampening has no effect",
         dampening=0.5, wd=0.1)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
