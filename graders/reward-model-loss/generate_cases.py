#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the reward-model-loss kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/reward-model-loss/generate_cases.py

Expected values come from PyTorch 1.13 in float64, the Bradley-Terry loss as InstructGPT (Ouyang et al. 2022,
eq. 1) and Llama 2 (Touvron et al. 2023, eq. 2, with margin m) write it, averaged over the pairs:
    loss     = mean_i -F.logsigmoid(r_chosen_i - r_rejected_i - m_i)        (m_i = 0 when no margin is given)
    accuracy = mean_i [r_chosen_i > r_rejected_i]                           (a tie counts as wrong; margin ignored)
    gradients: torch.autograd.grad(loss, [r_chosen, r_rejected])
Cross-checks, all asserted:
  * the loss in 50-digit arithmetic (mpmath: log1p(exp(-z)) per pair) agrees with torch to 1e-13 relative;
  * the gradients equal the closed form dL/dr_chosen = -sigmoid(-(z))/B = -dL/dr_rejected (mpmath) to 1e-13 relative;
  * accuracy equals an integer count / B computed with Python comparisons;
  * the cases that name a mistake really catch it (outside atol 1e-10 / rtol 1e-8): sign flipped, margin added
    instead of subtracted, margin ignored, sum instead of mean, ties counted as right; and the numerically hard
    case makes log(sigmoid(z)) non-finite.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "reward-model-loss"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-8
mpmath.mp.dps = 50
WRITTEN = []


def bt_torch(rc, rr, m):
    rc = torch.tensor(rc, dtype=torch.float64, requires_grad=True)
    rr = torch.tensor(rr, dtype=torch.float64, requires_grad=True)
    z = rc - rr if m is None else rc - rr - torch.tensor(m, dtype=torch.float64)
    loss = -F.logsigmoid(z).mean()
    gc, gr = torch.autograd.grad(loss, [rc, rr])
    acc = (rc.detach() > rr.detach()).double().mean()
    return {"out.loss": loss.detach().numpy(), "out.accuracy": acc.numpy(),
            "grad.chosenRewards": gc.numpy(), "grad.rejectedRewards": gr.numpy()}


def outside(actual, expected):
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected, dtype=np.float64).ravel()
    if not np.all(np.isfinite(a)):
        return True
    return bool(np.any(np.abs(a - e) > ATOL + RTOL * np.abs(e)))


def close(a, b, rel):
    return abs(float(a) - float(b)) <= 1e-300 + rel * abs(float(b))


def case(name, rc, rr, m, note, catches=(), naive_nonfinite=False):
    rc = np.ascontiguousarray(rc, dtype=np.float64)
    rr = np.ascontiguousarray(rr, dtype=np.float64)
    B = len(rc)
    assert rc.shape == rr.shape == (B,) and B >= 1
    if m is not None:
        m = np.ascontiguousarray(m, dtype=np.float64)
        assert m.shape == (B,) and np.all(m >= 0)
    out = bt_torch(rc, rr, m)

    zs = [mpmath.mpf(rc[i]) - mpmath.mpf(rr[i]) - (0 if m is None else mpmath.mpf(m[i])) for i in range(B)]
    ml = sum(mpmath.log1p(mpmath.exp(-z)) for z in zs) / B
    assert close(out["out.loss"], ml, 1e-13), (name, float(out["out.loss"]), float(ml))
    for i, z in enumerate(zs):
        g = -1 / (1 + mpmath.exp(z)) / B
        assert close(out["grad.chosenRewards"][i], g, 1e-13), (name, i)
        assert close(out["grad.rejectedRewards"][i], -g, 1e-13), (name, i)
    right = sum(1 for i in range(B) if float(rc[i]) > float(rr[i]))
    assert float(out["out.accuracy"]) == right / B, name

    z = rc - rr - (0 if m is None else m)
    mistakes = {
        "sign": bt_torch(rr, rc, m)["out.loss"],
        "margin-added": bt_torch(rc, rr, None if m is None else -m)["out.loss"],
        "margin-ignored": bt_torch(rc, rr, None)["out.loss"],
        "sum": -F.logsigmoid(torch.tensor(z)).sum().numpy(),
        "ties-right": np.mean(rc >= rr),
    }
    for k in catches:
        actual_key = "out.accuracy" if k == "ties-right" else "out.loss"
        assert outside(mistakes[k], out[actual_key]), (name, k, "does not catch it")
    with np.errstate(divide="ignore", over="ignore"):
        naive = -np.log(1 / (1 + np.exp(-z))).mean()
    assert np.isfinite(naive) != naive_nonfinite, (name, "naive log(sigmoid)", naive)

    tensors = {"in.chosenRewards": rc, "in.rejectedRewards": rr}
    if m is not None:
        tensors["in.margin"] = m
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    meta = {"kata": SLUG, "args": json.dumps({}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: B={B} margin={'yes' if m is not None else 'null'} loss={float(out['out.loss']):.12g} "
          f"(mpmath {mpmath.nstr(ml, 15)}) accuracy={right}/{B}; catches {list(catches)}"
          f"{'; naive log(sigmoid) is non-finite' if naive_nonfinite else ''}")
    return out


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(2718)

    out = case("01-worked-example", [2.0, -0.5, 0.25], [0.5, 0.5, 0.25], None,
               note="the statement's worked example: B=3, no margin (null), the third pair a tie",
               catches=("sign", "sum", "ties-right"))
    print("   worked example:", {k: np.round(v, 10).tolist() for k, v in out.items()})
    out = case("02-worked-example-margin", [2.0, -0.5, 0.25], [0.5, 0.5, 0.25], [1.0, 0.0, 1 / 3],
               note="the statement's worked example with margins [1, 0, 1/3] (subtracted from the difference)",
               catches=("sign", "sum", "margin-added", "margin-ignored", "ties-right"))
    print("   with margin:", {k: np.round(v, 10).tolist() for k, v in out.items()})

    case("03-batch-of-one", rng.normal(0.5, 1, 1), rng.normal(0, 1, 1), None,
         note="edge: B=1 (the mean over one pair is that pair's loss)", catches=("sign",))

    B = 64
    case("04-typical-batch", rng.normal(0.5, 1, B), rng.normal(0, 1, B), None,
         note="typical: B=64 rewards ~N(0,1) from a reward model's head, no margin", catches=("sign", "sum"))

    margins = np.floor(rng.uniform(0, 4, B)) / 3  # Llama 2's four preference strengths
    case("05-llama2-margins", rng.normal(0.5, 1, B), rng.normal(0, 1, B), margins,
         note="B=64 with Llama 2-style margins in {0, 1/3, 2/3, 1} (clearer preferences need a wider gap)",
         catches=("sign", "sum", "margin-added", "margin-ignored"))

    rc = np.round(rng.normal(0, 2, 10) * 4) / 4  # quarters: equal values are exact ties
    rr = rc.copy()
    rr[[1, 4, 7]] += np.array([0.5, -1.25, 2.0])
    case("06-ties", rc, rr, None,
         note="edge: 7 of 10 pairs have exactly equal rewards (loss log 2 each, counted as NOT ranked right)",
         catches=("sign", "ties-right"))

    case("07-zero-margin-tensor", rng.normal(0.5, 1, 8), rng.normal(0, 1, 8), np.zeros(8),
         note="edge: a margin tensor of zeros is the same as no margin", catches=("sign", "sum"))

    B = 16
    rr = rng.normal(0, 1, B)
    case("08-inside-the-margin", rr + rng.uniform(0.05, 0.3, B), rr, np.full(B, 1.0),
         note="every pair is ranked right (accuracy 1) but by less than its margin 1, so every loss is > log 2",
         catches=("sign", "sum", "margin-added", "margin-ignored"))

    B = 12
    rr = rng.normal(0, 1, B)
    case("09-confident-and-right", rr + rng.uniform(30, 60, B), rr, None,
         note="a well-trained model: differences of 30-60, losses ~e^-30 and gradients ~0", catches=("sign",))

    B = 8
    rc = rng.normal(0, 50, B)
    sign = np.array([1, -1, -1, 1, -1, 1, -1, -1], dtype=np.float64)
    case("10-huge-differences", rc, rc - sign * rng.uniform(800, 1500, B), np.full(B, 2 / 3),
         note="hard: a badly scaled reward head, |r_chosen - r_rejected| = 800..1500; log(sigmoid(z)) underflows "
              "to log(0) = -inf for z < -745, -logsigmoid / softplus(-z) does not",
         catches=("sign", "sum"), naive_nonfinite=True)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, mpmath {mpmath.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
