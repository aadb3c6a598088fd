#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the layer-norm kata (forward, and a hand-derived backward).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/layer-norm/generate_cases.py

Normalisation is over the last dim D of x [..., D]; gamma, beta are [D]; everything is float64.
Expected values:
  * Forward cases: out = torch.nn.functional.layer_norm(x, (D,), gamma, beta, eps);
  * Backward cases: grad.x, grad.gamma, grad.beta = PyTorch AUTOGRAD of that layer_norm with upstream gradient dy
    (torch.autograd.grad(out, (x, gamma, beta), dy)).
Cross-checks, all asserted:
  * an independent numpy implementation in extended precision (np.longdouble): two-pass mean and biased variance,
    and the closed-form backward  dx = rstd * (g - mean(g) - xhat * mean(g * xhat)),  g = dy * gamma,
    dgamma = sum(dy * xhat), dbeta = sum(dy)  over all leading dims — agrees with torch to 1e-10 (relative to the
    largest magnitude of each tensor, absolute below 1), and torch's values are within a tenth of the kata's tolerance (1e-9, 1e-9)
    of it element by element;
  * central finite differences of sum(dy * layer_norm(x)) (step 1e-6) agree with autograd to 1e-5 relative on the
    small cases;
  * each case fails the mistake it targets: unbiased variance, eps outside the sqrt, E[x^2] - E[x]^2 (catastrophic
    cancellation on the large-offset case), the missing mean(g) term in dx, the missing xhat * mean(g * xhat) term.
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

SLUG = "layer-norm"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = (1e-9, 1e-9)
WRITTEN = []


def torch_forward_backward(x, gamma, beta, dy, eps):
    xt, gt, bt = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (x, gamma, beta))
    out = F.layer_norm(xt, (x.shape[-1],), gt, bt, eps)
    gx, gg, gb = torch.autograd.grad(out, (xt, gt, bt), torch.from_numpy(dy))
    return out.detach().numpy(), gx.numpy(), gg.numpy(), gb.numpy()


def numpy_layer_norm(x, gamma, beta, dy, eps, unbiased=False, eps_outside=False, naive_var=False,
                     no_mean_term=False, no_var_term=False):
    """Independent implementation (extended precision) with optional mistakes."""
    L = np.longdouble
    x, gamma, beta, dy = (np.asarray(a, dtype=L) for a in (x, gamma, beta, dy))
    d = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    if naive_var:   # the mistake is a float64 computation: do it in float64
        xd = x.astype(np.float64)
        var = ((xd * xd).mean(axis=-1, keepdims=True) - xd.mean(axis=-1, keepdims=True) ** 2).astype(L)
    else:
        var = ((x - mean) ** 2).sum(axis=-1, keepdims=True) / (d - 1 if unbiased else d)
    rstd = 1 / (np.sqrt(var) + L(eps)) if eps_outside else 1 / np.sqrt(var + L(eps))
    xhat = (x - mean) * rstd
    out = xhat * gamma + beta
    g = dy * gamma
    mean_g = 0 if no_mean_term else g.mean(axis=-1, keepdims=True)
    var_term = 0 if no_var_term else xhat * (g * xhat).mean(axis=-1, keepdims=True)
    dx = rstd * (g - mean_g - var_term)
    lead = tuple(range(x.ndim - 1))
    dgamma = (dy * xhat).sum(axis=lead)
    dbeta = dy.sum(axis=lead)
    return [np.asarray(a, dtype=np.float64) for a in (out, dx, dgamma, dbeta)]


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1.0))   # relative, absolute below magnitude 1


def out_of_tol(actual, expected):
    return bool(np.any(np.abs(actual - expected) > TOL[0] + TOL[1] * np.abs(expected)))


def case_pair(tag, x, gamma, beta, dy, eps, note, forward=True, backward=True, catches_fwd=(), catches_bwd=(),
              finite_diff=True, number=[0]):
    x, gamma, beta, dy = (np.ascontiguousarray(a, dtype=np.float64) for a in (x, gamma, beta, dy))
    d = x.shape[-1]
    assert gamma.shape == (d,) and beta.shape == (d,) and dy.shape == x.shape and eps > 0
    out, gx, gg, gb = torch_forward_backward(x, gamma, beta, dy, eps)
    mine = numpy_layer_norm(x, gamma, beta, dy, eps)
    devs = [rel(m, t) for m, t in zip(mine, (out, gx, gg, gb))]
    assert max(devs) <= 1e-10, (tag, devs)
    # the expected values are within a tenth of the kata's tolerance of the extended-precision answer
    assert not any(np.any(np.abs(t - m) > 0.1 * (TOL[0] + TOL[1] * np.abs(m))) for m, t in zip(mine, (out, gx, gg, gb))), tag
    if finite_diff and x.size <= 200:
        h = 1e-6
        fd = np.zeros_like(x)
        for idx in np.ndindex(*x.shape):
            xp, xm = x.copy(), x.copy()
            xp[idx] += h
            xm[idx] -= h
            fp = (F.layer_norm(torch.from_numpy(xp), (d,), torch.from_numpy(gamma), torch.from_numpy(beta), eps).numpy() * dy).sum()
            fm = (F.layer_norm(torch.from_numpy(xm), (d,), torch.from_numpy(gamma), torch.from_numpy(beta), eps).numpy() * dy).sum()
            fd[idx] = (fp - fm) / (2 * h)
        assert rel(fd, gx) <= 1e-5, (tag, "finite differences disagree", rel(fd, gx))
    for mistake in catches_fwd:
        wrong = numpy_layer_norm(x, gamma, beta, dy, eps, **{mistake: True})[0]
        assert out_of_tol(wrong, out), (tag, mistake, "forward mistake not caught")
    for mistake in catches_bwd:
        wrong = numpy_layer_norm(x, gamma, beta, dy, eps, **{mistake: True})
        assert not out_of_tol(wrong[0], out), (tag, mistake, "backward mistake should keep the forward right")
        assert out_of_tol(wrong[1], gx), (tag, mistake, "backward mistake not caught")

    args = json.dumps({"eps": eps})
    for entry, tensors in (("Forward", {"in.x": x, "in.gamma": gamma, "in.beta": beta, "out": out}),
                           ("Backward", {"in.dy": dy, "in.x": x, "in.gamma": gamma,
                                         "grad.x": gx, "grad.gamma": gg, "grad.beta": gb})):
        if (entry == "Forward" and not forward) or (entry == "Backward" and not backward):
            continue
        number[0] += 1
        name = f"{number[0]:02d}-{'forward' if entry == 'Forward' else 'backward'}-{tag}"
        meta = {"kata": SLUG, "entry": entry, "args": args, "note": f"{entry}: {note}"}
        path = os.path.join(OUT_DIR, name + ".safetensors")
        write_safetensors(path, tensors, meta)
        assert os.path.getsize(path) < 100_000, path
        WRITTEN.append((path, tensors, meta))
        print(f"{name}: x{list(x.shape)} eps={eps:g}; numpy-longdouble dev out/dx/dgamma/dbeta = "
              + ", ".join(f"{v:.1e}" for v in devs))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(6123)

    def params(d):
        return 1.0 + 0.5 * rng.normal(size=d), 0.3 * rng.normal(size=d)

    x = rng.normal(loc=0.5, scale=2.0, size=(4, 8))
    case_pair("basic", x, *params(8), rng.normal(size=x.shape), 1e-5,
              "basic [4, 8] rows, eps 1e-5", catches_fwd=("unbiased",), catches_bwd=("no_mean_term", "no_var_term"))

    x = rng.normal(scale=1.5, size=(2, 3, 16))
    case_pair("batch-time", x, *params(16), rng.normal(size=x.shape), 1e-5,
              "[B, T, D] = [2, 3, 16]: statistics per (b, t) over D; dgamma and dbeta sum over B and T",
              catches_fwd=("unbiased",), catches_bwd=("no_mean_term", "no_var_term"))

    x = rng.normal(scale=1e-3, size=(5, 6)) + rng.normal(size=(5, 1))
    case_pair("small-variance", x, *params(6), rng.normal(size=x.shape), 1e-5,
              "rows with std ~1e-3, so var ~1e-6 is below eps = 1e-5: eps must sit inside the sqrt, added to the biased var",
              catches_fwd=("eps_outside", "unbiased"), catches_bwd=("no_mean_term", "no_var_term"))

    x = 1e5 + rng.normal(size=(3, 32))
    case_pair("large-offset", x, *params(32), rng.normal(size=x.shape), 1e-5,
              "hard: x = 1e5 + noise — E[x²] − E[x]² (~1e10 each) cancels catastrophically; subtract the mean first",
              catches_fwd=("naive_var",), catches_bwd=("no_mean_term", "no_var_term"), finite_diff=False)

    x = rng.normal(size=(3, 5))
    x[1] = 2.5                                  # a constant row: var 0, xhat 0, rstd = 1/sqrt(eps)
    case_pair("constant-row", x, *params(5), rng.normal(size=x.shape), 1e-5,
              "edge: row 1 is constant (var 0): its output is beta and its dx is rstd·(g − mean g) with rstd = 1/sqrt(eps)",
              catches_bwd=("no_mean_term",), finite_diff=False)

    x = rng.normal(size=(4, 1))
    case_pair("d-1", x, *params(1), rng.normal(size=x.shape), 1e-5,
              "edge: D = 1 — every xhat is 0, out = beta, dx = 0, dgamma = 0, dbeta = Σ dy")

    x = rng.normal(loc=-3.0, scale=4.0, size=(12,))
    case_pair("rank-1", x, *params(12), rng.normal(size=x.shape), 1e-6,
              "edge: x is a single vector [D] = [12] (rank 1): dgamma = dy·xhat, dbeta = dy, nothing to sum",
              catches_fwd=("unbiased",), catches_bwd=("no_mean_term", "no_var_term"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
