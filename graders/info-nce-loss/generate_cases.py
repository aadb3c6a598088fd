#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the info-nce-loss kata (SimCLR's NT-Xent and the CLIP-style symmetric InfoNCE).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/info-nce-loss/generate_cases.py

z1, z2 are [N, D] (two views / two modalities of the same N items), float32 or float64; tau > 0.
Expected values, computed in float64 (float32 inputs are widened exactly, the results rounded back):
  * NtXent: u = F.normalize(cat(z1, z2)) (eps 1e-12), logits = u u^T / tau with the diagonal filled with -inf,
    target of anchor a = (a + N) mod 2N, loss = F.cross_entropy(logits, target) (mean over the 2N anchors);
  * Clip: logits = F.normalize(z1) F.normalize(z2)^T / tau, loss = (F.cross_entropy(logits, arange(N))
    + F.cross_entropy(logits^T, arange(N))) / 2;
  * grad.z1, grad.z2 = PyTorch AUTOGRAD of that loss.
Cross-checks, all asserted:
  * an independent numpy loop in extended precision (np.longdouble), one anchor at a time, with the denominator summed
    over the explicit list of the anchor's positive and negatives (max-shifted), agrees with torch to 1e-12 relative;
  * central finite differences of the numpy loss (step 1e-6) agree with autograd to 1e-6 relative on every case
    with tau >= 0.05;
  * each case fails the mistakes it targets (numpy variants): self-similarity not masked, a zero logit on the diagonal
    instead of -inf, no normalisation, temperature multiplied, one direction only (Clip), mean over N instead of 2N.
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

SLUG = "info-nce-loss"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL64 = (1e-9, 1e-9)
TOL32 = (1e-4, 1e-4)
WRITTEN = []


def torch_loss(entry, z1, z2, tau):
    a = torch.tensor(z1, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(z2, dtype=torch.float64, requires_grad=True)
    n = a.shape[0]
    if entry == "NtXent":
        u = F.normalize(torch.cat([a, b]), dim=1, eps=1e-12)
        logits = (u @ u.T / tau).masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
        loss = F.cross_entropy(logits, (torch.arange(2 * n) + n) % (2 * n))
    else:
        logits = F.normalize(a, dim=1, eps=1e-12) @ F.normalize(b, dim=1, eps=1e-12).T / tau
        target = torch.arange(n)
        loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
    ga, gb = torch.autograd.grad(loss, (a, b))
    return loss.item(), ga.numpy(), gb.numpy()


def numpy_loss(entry, z1, z2, tau, unmasked=False, zero_diag=False, no_norm=False, tau_mult=False, one_way=False,
               mean_n=False):
    """Independent loop in extended precision, with optional mistakes."""
    L = np.longdouble
    z1, z2 = np.asarray(z1, dtype=L), np.asarray(z2, dtype=L)
    n = z1.shape[0]

    def normalize(v):
        if no_norm:
            return v
        return v / np.maximum(np.sqrt((v * v).sum(axis=1, keepdims=True)), L(1e-12))

    def scaled(s):
        return s * L(tau) if tau_mult else s / L(tau)

    def ce(logit_row, pos, others):
        vals = [logit_row[pos]] + [logit_row[j] for j in others]
        m = max(vals)
        return -(logit_row[pos] - m) + np.log(sum(np.exp(v - m) for v in vals))

    if entry == "NtXent":
        u = normalize(np.concatenate([z1, z2]))
        total = L(0)
        for a in range(2 * n):
            row = [scaled((u[a] * u[b]).sum()) for b in range(2 * n)]
            p = (a + n) % (2 * n)
            others = [b for b in range(2 * n) if b != p and (b != a or unmasked or zero_diag)]
            if zero_diag:
                row[a] = L(0)
            total += ce(row, p, others)
        return total / (n if mean_n else 2 * n)
    u, v = normalize(z1), normalize(z2)
    s = [[scaled((u[i] * v[j]).sum()) for j in range(n)] for i in range(n)]
    rows = sum(ce(s[i], i, [j for j in range(n) if j != i]) for i in range(n)) / n
    cols = sum(ce([s[j][i] for j in range(n)], i, [j for j in range(n) if j != i]) for i in range(n)) / n
    return rows if one_way else (rows + cols) / 2


def out_of_tol(actual, expected, tol):
    return abs(float(actual) - float(expected)) > tol[0] + tol[1] * abs(float(expected))


def case(tag, entry, z1, z2, tau, note, dtype=np.float64, catches=(), number=[0]):
    z1 = np.ascontiguousarray(z1, dtype=dtype)
    z2 = np.ascontiguousarray(z2, dtype=dtype)
    assert z1.shape == z2.shape and z1.ndim == 2 and tau > 0
    n, d = z1.shape
    loss, g1, g2 = torch_loss(entry, z1.astype(np.float64), z2.astype(np.float64), tau)
    mine = numpy_loss(entry, z1.astype(np.float64), z2.astype(np.float64), tau)
    assert abs(float(mine) - loss) <= 1e-12 * max(1.0, abs(loss)), (tag, float(mine), loss)
    if tau >= 0.05:
        h = 1e-6
        for z, g, which in ((z1, g1, 0), (z2, g2, 1)):
            fd = np.zeros_like(g)
            for idx in np.ndindex(*z.shape):
                zp, zm = z.astype(np.float64), z.astype(np.float64)
                zp[idx] += h
                zm[idx] -= h
                args_p = (zp, z2.astype(np.float64)) if which == 0 else (z1.astype(np.float64), zp)
                args_m = (zm, z2.astype(np.float64)) if which == 0 else (z1.astype(np.float64), zm)
                fd[idx] = float(numpy_loss(entry, *args_p, tau) - numpy_loss(entry, *args_m, tau)) / (2 * h)
            dev = np.max(np.abs(fd - g)) / max(np.max(np.abs(g)), 1.0)
            assert dev <= 1e-6, (tag, "finite differences disagree with autograd", dev)
    tol = TOL32 if dtype == np.float32 else TOL64
    for mistake in catches:
        wrong = numpy_loss(entry, z1.astype(np.float64), z2.astype(np.float64), tau, **{mistake: True})
        assert out_of_tol(wrong, loss, tol), (tag, mistake, "mistake not caught", float(wrong), loss)

    number[0] += 1
    name = f"{number[0]:02d}-{tag}"
    args = {"temperature": tau}
    tensors = {"in.z1": z1, "in.z2": z2, "out": np.array(loss, dtype=dtype),
               "grad.z1": g1.astype(dtype), "grad.z2": g2.astype(dtype)}
    kind = "float32" if dtype == np.float32 else "float64"
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args),
            "note": f"{entry}: {note}; z1, z2 [{n}, {d}] {kind}, temperature {tau:g}"}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: {entry} [{n}, {d}] {kind} tau={tau:g} loss={loss:.6g}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)
    all_nt = ("unmasked", "zero_diag", "no_norm", "tau_mult", "mean_n")

    z1 = rng.normal(size=(4, 8))
    case("ntxent-basic", "NtXent", z1, z1 + 0.5 * rng.normal(size=(4, 8)), 0.5,
         "basic SimCLR batch: 2N = 8 anchors, each with 1 positive (its other view) and 2N - 2 = 6 negatives",
         catches=all_nt)

    z1 = rng.normal(size=(3, 5))
    case("ntxent-identical-views", "NtXent", z1, z1.copy(), 0.2,
         "z2 == z1: every positive similarity is 1/tau, as large as the self-similarity, which must be EXCLUDED from "
         "the denominator (not a zero logit: exp(0) = 1 would still count)", catches=all_nt)

    z1 = rng.normal(size=(5, 6)) * np.array([[100.0], [0.01], [3.0], [1e4], [0.5]])
    z2 = rng.normal(size=(5, 6)) * np.array([[0.02], [50.0], [1.0], [7.0], [1e-3]])
    case("ntxent-unequal-norms", "NtXent", z1, z2, 0.3,
         "rows with norms from 1e-3 to 1e4: only the directions count after L2 normalisation", catches=all_nt)

    case("ntxent-n1", "NtXent", rng.normal(size=(1, 4)), rng.normal(size=(1, 4)), 0.1,
         "edge: N = 1 — each anchor has its positive and NO negatives, so the loss is exactly 0 and so are the gradients",
         catches=("unmasked", "zero_diag"))

    z1 = rng.normal(size=(1, 16)) + 0.05 * rng.normal(size=(4, 16))      # four nearly parallel items
    case("ntxent-tiny-temperature", "NtXent", z1, z1 + 0.05 * rng.normal(size=(4, 16)), 1e-3,
         "hard: temperature 1e-3 and nearly parallel items, so logits are ~1000 apart by only a few units and exp "
         "overflows even in float64: use a max-shifted "
         "log-sum-exp (log_softmax / cross_entropy / logsumexp)", catches=("unmasked", "no_norm", "tau_mult", "mean_n"))

    z1 = rng.normal(size=(6, 16)).astype(np.float32)
    case("ntxent-float32", "NtXent", z1, (z1 + 0.3 * rng.normal(size=(6, 16))).astype(np.float32), 0.1,
         "float32 inputs and outputs", dtype=np.float32, catches=("unmasked", "no_norm", "tau_mult", "mean_n"))

    z1, z2 = rng.normal(size=(5, 8)), rng.normal(size=(5, 8))
    case("clip-basic", "Clip", z1, z2, 0.07,
         "CLIP-style: cross-entropy over the rows of z1n z2n^T / tau (z1 -> z2) and over its columns (z2 -> z1), "
         "averaged; independent views, so the two directions differ", catches=("no_norm", "tau_mult", "one_way"))

    z1 = rng.normal(size=(4, 3)) * np.array([[10.0], [0.1], [1.0], [300.0]])
    z2 = z1 @ rng.normal(size=(3, 3)) + 0.1 * rng.normal(size=(4, 3))
    case("clip-unequal-norms", "Clip", z1, z2, 0.5,
         "rows of very different norms, D = 3 < N = 4: normalise each row of z1 and of z2 before the similarities",
         catches=("no_norm", "tau_mult", "one_way"))

    case("clip-n1", "Clip", rng.normal(size=(1, 6)), rng.normal(size=(1, 6)), 0.05,
         "edge: N = 1 — a 1x1 logit matrix, loss exactly 0 in both directions")

    z1 = (rng.normal(size=(1, 12)) + 0.15 * rng.normal(size=(8, 12))).astype(np.float32)   # similar items
    case("clip-float32-small-temperature", "Clip", z1, (z1 + 0.1 * rng.normal(size=(8, 12))).astype(np.float32), 0.01,
         "float32 with temperature 0.01: logits up to 100, exp(100) overflows float32 — use a stable log-softmax",
         dtype=np.float32, catches=("no_norm", "tau_mult", "one_way"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
