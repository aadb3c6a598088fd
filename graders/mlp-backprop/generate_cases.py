#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the mlp-backprop kata: Linear -> ReLU -> Linear -> mean softmax cross-entropy, backward by hand.

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/mlp-backprop/generate_cases.py

x [N, D], labels [N] int64, w1 [H, D], b1 [H], w2 [C, H], b2 [C] (PyTorch's Linear layout: y = x Wᵀ + b).
Expected values (torch 1.13, float64 copies of the inputs; float32 cases get them rounded to float32):
  * out.loss = F.cross_entropy(relu(x w1ᵀ + b1) w2ᵀ + b2, labels) (reduction "mean"), a 0-d tensor;
  * grad.x, grad.w1, grad.b1, grad.w2, grad.b2 = PyTorch AUTOGRAD of that loss (torch.autograd.grad).
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble): stable log-softmax, and the
    hand-derived backward  dz = (softmax − onehot)/N,  dW2 = dzᵀa,  db2 = Σ dz,  dh = dz W2 ⊙ [h > 0],  dW1 = dhᵀx,
    db1 = Σ dh,  dx = dh W1  — agrees with torch to 1e-12 (relative to each tensor's largest magnitude, absolute
    below 1), and torch's values are within a tenth of the kata's tolerance of it element by element;
  * central finite differences of the loss (step 1e-6) agree with autograd to 1e-6 on the small cases without exact
    zeros before the ReLU (a kink there has no derivative);
  * each case fails the mistakes it targets: ReLU'(0) taken as 1, the missing 1/N, the one-hot not subtracted,
    exp without the max shift (overflow: non-finite), weight gradients transposed (a wrong shape unless square).
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

SLUG = "mlp-backprop"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {"float64": (1e-9, 1e-9), "float32": (1e-5, 1e-4)}
NAMES = ("out.loss", "grad.x", "grad.w1", "grad.b1", "grad.w2", "grad.b2")
WRITTEN = []


def torch_loss_and_grads(x, labels, w1, b1, w2, b2):
    ts = [torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True) for a in (x, w1, b1, w2, b2)]
    xt, w1t, b1t, w2t, b2t = ts
    logits = F.linear(F.relu(F.linear(xt, w1t, b1t)), w2t, b2t)
    loss = F.cross_entropy(logits, torch.from_numpy(labels))
    grads = torch.autograd.grad(loss, ts)
    return [loss.detach().numpy()] + [g.numpy() for g in grads]


def numpy_mlp(x, labels, w1, b1, w2, b2, relu_grad_at_zero=0.0, no_mean=False, no_onehot=False, naive_softmax=False,
              transposed=False):
    """Independent implementation (extended precision) with optional mistakes."""
    L = np.longdouble
    x, w1, b1, w2, b2 = (np.asarray(a, dtype=L) for a in (x, w1, b1, w2, b2))
    n = x.shape[0]
    h = x @ w1.T + b1
    a = np.maximum(h, 0)
    z = a @ w2.T + b2
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if naive_softmax:   # the mistake is a float64 computation: exp overflows past ~709
            zd = z.astype(np.float64)
            p = np.exp(zd) / np.exp(zd).sum(axis=1, keepdims=True)
            logp = np.log(p).astype(L)
            p = p.astype(L)
        else:
            s = z - z.max(axis=1, keepdims=True)
            logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
            p = np.exp(logp)
    loss = -logp[np.arange(n), labels].sum() / n
    onehot = np.zeros_like(p)
    onehot[np.arange(n), labels] = 1
    dz = (p - (0 if no_onehot else onehot)) / (1 if no_mean else n)
    dw2 = a.T @ dz if transposed else dz.T @ a
    db2 = dz.sum(axis=0)
    mask = np.where(h > 0, L(1), np.where(h == 0, L(relu_grad_at_zero), L(0)))
    dh = (dz @ w2) * mask
    dw1 = x.T @ dh if transposed else dh.T @ x
    db1 = dh.sum(axis=0)
    dx = dh @ w1
    return [np.asarray(v, dtype=np.float64) for v in (loss, dx, dw1, db1, dw2, db2)]


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1.0))


def out_of_tol(actual, expected, tol):
    return actual.shape != expected.shape or not np.all(np.isfinite(actual)) or \
        bool(np.any(np.abs(actual - expected) > tol[0] + tol[1] * np.abs(expected)))


def case(tag, x, labels, w1, b1, w2, b2, note, dtype="float64", catches=(), finite_diff=True):
    npdt = np.float64 if dtype == "float64" else np.float32
    tol = TOL[dtype]
    x, w1, b1, w2, b2 = (np.ascontiguousarray(a, dtype=npdt) for a in (x, w1, b1, w2, b2))
    labels = np.ascontiguousarray(labels, dtype=np.int64)
    n, d = x.shape
    hdim, c = w1.shape[0], w2.shape[0]
    assert w1.shape == (hdim, d) and b1.shape == (hdim,) and w2.shape == (c, hdim) and b2.shape == (c,)
    assert labels.shape == (n,) and labels.min() >= 0 and labels.max() < c
    exact = torch_loss_and_grads(x, labels, w1, b1, w2, b2)
    mine = numpy_mlp(x, labels, w1, b1, w2, b2)
    devs = [rel(m, t) for m, t in zip(mine, exact)]
    assert max(devs) <= 1e-12, (tag, devs)
    assert not any(out_of_tol(t, m, (0.1 * tol[0], 0.1 * tol[1])) for m, t in zip(mine, exact)), tag
    expected = [e.astype(npdt) for e in exact]
    assert all(np.all(np.isfinite(e)) for e in expected), tag
    if finite_diff and x.size + w1.size + w2.size <= 400:
        h1 = x.astype(np.float64) @ w1.T.astype(np.float64) + b1
        assert np.min(np.abs(h1)) > 1e-4, (tag, "finite differences need no ReLU kink nearby")
        step = 1e-6
        params = [np.array(a, dtype=np.float64) for a in (x, w1, b1, w2, b2)]
        for k, p in enumerate(params):
            fd = np.zeros_like(p)
            for idx in np.ndindex(*p.shape):
                old = p[idx]
                p[idx] = old + step
                fp = torch_loss_and_grads(params[0], labels, *params[1:])[0]
                p[idx] = old - step
                fm = torch_loss_and_grads(params[0], labels, *params[1:])[0]
                p[idx] = old
                fd[idx] = (fp - fm) / (2 * step)
            assert rel(fd, exact[1 + k]) <= 1e-6, (tag, "finite differences disagree", k, rel(fd, exact[1 + k]))
    for mistake, value in catches:
        wrong = numpy_mlp(x, labels, w1, b1, w2, b2, **{mistake: value})
        assert any(out_of_tol(wv, e.astype(np.float64), tol) for wv, e in zip(wrong, expected)), (tag, mistake)
        if mistake not in ("naive_softmax",):
            assert not out_of_tol(wrong[0], expected[0].astype(np.float64), tol), (tag, mistake, "the loss should stay right")

    tensors = {"in.x": x, "in.labels": labels, "in.w1": w1, "in.b1": b1, "in.w2": w2, "in.b2": b2}
    tensors.update(dict(zip(NAMES, expected)))
    name = f"{len(WRITTEN) + 1:02d}-{tag}"
    meta = {"kata": SLUG, "args": "{}", "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: N={n} D={d} H={hdim} C={c} {dtype} loss={float(exact[0]):.6g}; numpy-longdouble dev "
          + ", ".join(f"{v:.1e}" for v in devs))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)
    r = rng.normal

    def net(d, hdim, c, scale=1.0):
        return (r(size=(hdim, d)) * scale / np.sqrt(d), 0.1 * r(size=hdim), r(size=(c, hdim)) / np.sqrt(hdim), 0.1 * r(size=c))

    common = (("relu_grad_at_zero", 1.0), ("no_mean", True), ("no_onehot", True), ("transposed", True))
    no_zero = (("no_mean", True), ("no_onehot", True), ("transposed", True))

    case("basic", r(size=(6, 4)), rng.integers(0, 3, 6), *net(4, 5, 3),
         "basic: N = 6, D = 4, H = 5, C = 3 — loss and all five gradients", catches=no_zero)

    # Integer weights and inputs: many pre-activations are exactly 0, where ReLU'(0) = 0 (PyTorch's convention).
    x = rng.integers(-2, 3, size=(8, 3)).astype(np.float64)
    w1 = rng.integers(-1, 2, size=(6, 3)).astype(np.float64)
    b1 = rng.integers(-1, 2, size=6).astype(np.float64)
    h = x @ w1.T + b1
    assert (h == 0).sum() >= 8, (h == 0).sum()
    case("relu-exact-zeros", x, rng.integers(0, 4, 8), w1, b1, r(size=(4, 6)), 0.1 * r(size=4),
         f"edge: integer inputs and weights, {(h == 0).sum()} of {h.size} pre-activations are exactly 0 — ReLU'(0) = 0, as PyTorch",
         catches=common, finite_diff=False)

    case("single-sample", r(size=(1, 5)), np.array([2]), *net(5, 7, 4),
         "edge: N = 1, the mean over the batch is the one sample", catches=(("no_onehot", True), ("transposed", True)))

    case("one-class", r(size=(5, 3)), np.zeros(5, dtype=np.int64), *net(3, 4, 1),
         "edge: C = 1 — the softmax is 1, the loss is 0 and every gradient is exactly 0", catches=(("no_onehot", True),))

    case("square", r(size=(7, 6)), rng.integers(0, 6, 7), *net(6, 6, 6),
         "D = H = C = 6: square weights, where transposed weight gradients still have the right shape", catches=no_zero)

    case("many-classes", r(size=(32, 10)), np.r_[np.full(16, 3), rng.integers(0, 20, 16)], *net(10, 16, 20),
         "N = 32 over C = 20 classes, half the labels equal (class 3): the one-hot rows add up per class in dW2 and db2",
         catches=no_zero, finite_diff=False)

    # Hard: logits of ±1e3. exp overflows past ~709 (inf/inf = NaN), so the max must be shifted out first.
    w1, b1, w2, b2 = net(4, 8, 5)
    case("large-logits", r(size=(6, 4)), rng.integers(0, 5, 6), w1, b1, w2 * 600, b2,
         "hard: logits of magnitude ~1e3 — exp(z) overflows unless the row max is subtracted first (log-sum-exp)",
         catches=(("naive_softmax", True), ("no_mean", True), ("no_onehot", True)), finite_diff=False)

    w1, b1, w2, b2 = net(8, 12, 5)
    b1[:4] = -50.0   # four dead hidden units: their rows of dW1, db1 and columns of dW2 are exactly 0
    case("dead-units", r(size=(10, 8)), rng.integers(0, 5, 10), w1, b1, w2, b2,
         "edge: hidden units 0–3 are dead (b1 = −50, never active) — their gradients are exactly 0, the others are not",
         catches=no_zero, finite_diff=False)

    case("float32", r(size=(16, 8)), rng.integers(0, 5, 16), *net(8, 12, 5), "float32: expected = exact answer rounded to float32",
         dtype="float32", catches=no_zero, finite_diff=False)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
