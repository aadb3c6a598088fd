#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the batch-norm kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/batch-norm/generate_cases.py

Expected values come from PyTorch 1.13 in float64:
  * ForwardTrain: torch.nn.functional.batch_norm(x, rm, rv, gamma, beta, training=True, momentum, eps) — y, and the
    running statistics it updates in place (on clones of the inputs): rm' = (1 - m) rm + m mean,
    rv' = (1 - m) rv + m var_unbiased;
  * ForwardEval: the same with training=False (normalises with the running statistics, updates nothing);
  * Backward: autograd of L = sum(dy * batch_norm(x, training=True)) with respect to x, gamma and beta.
Statistics are per channel (dim 1) over every other dim: x is [N, C] (BatchNorm1d) or [N, C, H, W] (BatchNorm2d).
Cross-checks, all asserted:
  * an own numpy implementation of the statement's formulas (two-pass mean and biased variance; the closed-form
    backward dx = rstd (g - mean(g) - x_hat mean(g x_hat)), g = dy gamma) agrees with PyTorch to <= 1e-10
    relative on every case;
  * the mistakes the mutants make change the answer of at least one case by far more than the tolerance (biased
    variance into running_var, momentum inverted, unbiased variance for normalising, statistics over N only for 4-D
    input, eval with batch statistics, backward without the mean terms, backward with the statistics as constants).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "batch-norm"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []
STATS = {"max_rel_dev": 0.0}


def dims(x):
    return tuple(d for d in range(x.ndim) if d != 1)


def bshape(x):
    return [1, x.shape[1]] + [1] * (x.ndim - 2)


def np_train(x, gamma, beta, rm, rv, m, eps, o=None):
    o = o or {}
    ax = dims(x) if not o.get("over_n_only") else (0,)
    count = np.prod([x.shape[d] for d in ax])
    mean = x.mean(axis=ax, keepdims=True)
    c = x - mean
    var = (c ** 2).mean(axis=ax, keepdims=True)
    var_norm = var * count / (count - 1) if o.get("unbiased_norm") else var
    gb = gamma.reshape(bshape(x)) if not o.get("over_n_only") else gamma.reshape(bshape(x))
    y = c / np.sqrt(var_norm + eps) * gb + beta.reshape(bshape(x))
    mean_c = mean.reshape(-1) if not o.get("over_n_only") else mean.reshape(x.shape[1], -1).mean(axis=1)
    var_c = var.reshape(-1) if not o.get("over_n_only") else var.reshape(x.shape[1], -1).mean(axis=1)
    var_run = var_c if o.get("biased_running") else var_c * count / (count - 1)
    if o.get("momentum_inverted"):
        return y, m * rm + (1 - m) * mean_c, m * rv + (1 - m) * var_run
    return y, (1 - m) * rm + m * mean_c, (1 - m) * rv + m * var_run


def np_eval(x, gamma, beta, rm, rv, eps):
    b = bshape(x)
    return (x - rm.reshape(b)) / np.sqrt(rv.reshape(b) + eps) * gamma.reshape(b) + beta.reshape(b)


def np_backward(dy, x, gamma, eps, o=None):
    o = o or {}
    ax = dims(x)
    mean = x.mean(axis=ax, keepdims=True)
    c = x - mean
    rstd = 1 / np.sqrt((c ** 2).mean(axis=ax, keepdims=True) + eps)
    xhat = c * rstd
    g = dy * gamma.reshape(bshape(x))
    if o.get("constant_stats"):
        dx = g * rstd
    elif o.get("no_mean_term"):
        dx = rstd * (g - xhat * (g * xhat).mean(axis=ax, keepdims=True))
    else:
        dx = rstd * (g - g.mean(axis=ax, keepdims=True) - xhat * (g * xhat).mean(axis=ax, keepdims=True))
    return dx, (dy * xhat).sum(axis=ax), dy.sum(axis=ax)


def close(a, b, rel=1e-10):
    scale = max(1.0, float(np.max(np.abs(b))))
    dev = float(np.max(np.abs(a - b))) / scale
    STATS["max_rel_dev"] = max(STATS["max_rel_dev"], dev)
    return dev <= rel


def differs(a, b):
    return a.shape != b.shape or float(np.max(np.abs(a - b))) > 1e-6


def write(name, tensors, args, entry, note):
    meta = {"kata": SLUG, "args": json.dumps(args), "entry": entry, "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def t(a):
    return torch.tensor(a, dtype=torch.float64)


def train_case(name, x, gamma, beta, rm, rv, m, eps, note, mistakes=()):
    rm_t, rv_t = t(rm), t(rv)
    y = F.batch_norm(t(x), rm_t, rv_t, t(gamma), t(beta), training=True, momentum=m, eps=eps).numpy()
    rm2, rv2 = rm_t.numpy(), rv_t.numpy()
    ny, nrm, nrv = np_train(x, gamma, beta, rm, rv, m, eps)
    assert close(ny, y) and close(nrm, rm2) and close(nrv, rv2), (name, np.abs(ny - y).max(), np.abs(nrm - rm2).max(), np.abs(nrv - rv2).max())
    for o in mistakes:
        my, mrm, mrv = np_train(x, gamma, beta, rm, rv, m, eps, o)
        assert differs(my, y) or differs(mrm, rm2) or differs(mrv, rv2), (name, o)
    print(f"{name}: ForwardTrain x{list(x.shape)} momentum={m} eps={eps}; numpy agrees")
    write(name, {"in.x": x, "in.gamma": gamma, "in.beta": beta, "in.runningMean": rm, "in.runningVar": rv,
                 "out.y": y, "out.runningMean": rm2, "out.runningVar": rv2},
          {"momentum": m, "eps": eps}, "ForwardTrain", note)


def eval_case(name, x, gamma, beta, rm, rv, eps, note):
    y = F.batch_norm(t(x), t(rm), t(rv), t(gamma), t(beta), training=False, eps=eps).numpy()
    assert close(np_eval(x, gamma, beta, rm, rv, eps), y), name
    yb, _, _ = np_train(x, gamma, beta, rm, rv, 0.1, eps)
    assert differs(yb, y), (name, "batch statistics give the same answer")
    print(f"{name}: ForwardEval x{list(x.shape)} eps={eps}; numpy agrees")
    write(name, {"in.x": x, "in.gamma": gamma, "in.beta": beta, "in.runningMean": rm, "in.runningVar": rv, "out.y": y},
          {"eps": eps}, "ForwardEval", note)


def backward_case(name, dy, x, gamma, beta, eps, note, mistakes=()):
    xt, gt, bt = t(x).requires_grad_(), t(gamma).requires_grad_(), t(beta).requires_grad_()
    y = F.batch_norm(xt, None, None, gt, bt, training=True, eps=eps)
    (y * t(dy)).sum().backward()
    dx, dg, db = xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()
    ndx, ndg, ndb = np_backward(dy, x, gamma, eps)
    assert close(ndx, dx) and close(ndg, dg) and close(ndb, db), name
    for o in mistakes:
        mdx, _, _ = np_backward(dy, x, gamma, eps, o)
        assert differs(mdx, dx), (name, o)
    print(f"{name}: Backward x{list(x.shape)} eps={eps}; numpy closed form agrees with autograd")
    write(name, {"in.dy": dy, "in.x": x, "in.gamma": gamma, "grad.x": dx, "grad.gamma": dg, "grad.beta": db},
          {"eps": eps}, "Backward", note)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(7310)
    BIASED, INVERTED, UNBIASED_NORM, OVER_N = {"biased_running": 1}, {"momentum_inverted": 1}, {"unbiased_norm": 1}, {"over_n_only": 1}
    NO_MEAN, CONST = {"no_mean_term": 1}, {"constant_stats": 1}

    def params(C):
        return rng.normal(1, 0.3, C), rng.normal(0, 0.5, C), rng.normal(0, 0.5, C), rng.uniform(0.5, 2, C)

    # 01: the statement's worked example
    x = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
    train_case("01-train-worked-example", x, np.array([1.0, 0.5]), np.array([0.0, 1.0]), np.zeros(2), np.ones(2),
               0.1, 1e-5, "ForwardTrain, the statement's worked example: [N=3, C=2], momentum 0.1",
               mistakes=(BIASED, INVERTED, UNBIASED_NORM))

    g, b, rm, rv = params(5)
    x = rng.normal(2, 3, (16, 5))
    train_case("02-train-2d", x, g, b, rm, rv, 0.1, 1e-5,
               "ForwardTrain [N=16, C=5]: per-column statistics, running stats with momentum 0.1",
               mistakes=(BIASED, INVERTED, UNBIASED_NORM))

    g, b, rm, rv = params(3)
    x = rng.normal(-1, 2, (4, 3, 5, 6))
    train_case("03-train-4d", x, g, b, rm, rv, 0.3, 1e-5,
               "ForwardTrain [N=4, C=3, H=5, W=6]: statistics per channel over N, H and W (120 values each), momentum 0.3",
               mistakes=(BIASED, INVERTED, OVER_N))

    g, b, rm, rv = params(2)
    x = rng.normal(0, 1, (2, 2))
    train_case("04-train-two-samples", x, g, b, rm, rv, 0.5, 1e-3,
               "ForwardTrain edge: N=2 (the unbiased variance is twice the biased one), momentum 0.5, eps 1e-3",
               mistakes=(BIASED, UNBIASED_NORM))

    g, b, rm, rv = params(4)
    x = 1e5 + rng.normal(0, 1, (8, 4, 3, 3)) * np.array([1.0, 0.2, 10.0, 1.0]).reshape(1, 4, 1, 1)
    train_case("05-train-large-offset", x, g, b, rm, rv, 0.1, 1e-5,
               "ForwardTrain hard: values near 1e5 with channel spreads 0.2 to 10 — E[x^2] - E[x]^2 loses every "
               "digit here, compute the variance from x - mean", mistakes=(BIASED,))

    g, b, rm, rv = params(3)
    x = rng.normal(0, 1, (10, 3))
    x[:, 1] = 0.25
    train_case("06-train-constant-channel", x, g, b, rm, rv, 0.1, 1e-5,
               "ForwardTrain edge: channel 1 is constant (variance 0: y = beta there, eps keeps it finite)",
               mistakes=(INVERTED,))

    g, b, rm, rv = params(3)
    x = rng.normal(1, 2, (6, 3, 2, 2))
    eval_case("07-eval-4d", x, g, b, rm, rv, 1e-5,
              "ForwardEval [N=6, C=3, H=2, W=2]: normalise with the given running statistics, not the batch's")

    g, b, rm, rv = params(5)
    x = rng.normal(0, 1, (1, 5))
    eval_case("08-eval-single-sample", x, g, b, rm, rv, 1e-5,
              "ForwardEval edge: N=1 (no batch statistics exist; eval mode does not need them)")

    g, b, _, _ = params(4)
    x = rng.normal(1, 2, (12, 4))
    dy = rng.normal(0, 1, (12, 4))
    backward_case("09-backward-2d", dy, x, g, b, 1e-5,
                  "Backward [N=12, C=4] against autograd: dx has the paths through the mean and the variance",
                  mistakes=(NO_MEAN, CONST))

    g, b, _, _ = params(3)
    x = rng.normal(-2, 1.5, (3, 3, 4, 5))
    dy = rng.normal(0, 1, (3, 3, 4, 5))
    backward_case("10-backward-4d", dy, x, g, b, 1e-5,
                  "Backward [N=3, C=3, H=4, W=5] against autograd: sums over N, H and W per channel",
                  mistakes=(NO_MEAN, CONST))

    g, b, _, _ = params(4)
    x = 1e5 + rng.normal(0, 1, (8, 4, 3, 3)) * np.array([1.0, 0.2, 10.0, 1.0]).reshape(1, 4, 1, 1)
    dy = rng.normal(0, 1, (8, 4, 3, 3))
    backward_case("11-backward-large-offset", dy, x, g, b, 1e-5,
                  "Backward hard: values near 1e5 with channel spreads 0.2 to 10 (centre before squaring)",
                  mistakes=(NO_MEAN, CONST))

    g, b, _, _ = params(2)
    x = rng.normal(0, 1, (2, 2))
    dy = rng.normal(0, 1, (2, 2))
    backward_case("12-backward-two-samples", dy, x, g, b, 1e-3,
                  "Backward edge: N=2, eps 1e-3", mistakes=(NO_MEAN, CONST))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"max relative deviation numpy vs torch {STATS['max_rel_dev']:.2e}")
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
