#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the dpo-loss kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/dpo-loss/generate_cases.py

Expected values come from PyTorch 1.13 in float64, written the way the papers state the losses:
  DPO (Rafailov et al. 2023, eq. 7), per pair i:
      chosen_i   = beta * (pi_w_i - ref_w_i)          rejected_i = beta * (pi_l_i - ref_l_i)   (implicit rewards)
      loss       = mean_i  -F.logsigmoid(chosen_i - rejected_i)
  IPO (Azar et al. 2023, the sampled IPO loss of Section 5, h as in the paper), per pair i:
      h_i  = (pi_w_i - ref_w_i) - (pi_l_i - ref_l_i)
      loss = mean_i (h_i - 1/(2*tau))**2
  Gradients: torch.autograd.grad of the loss with respect to pi_w and pi_l (the reference is frozen).
Cross-checks, all asserted:
  * the loss in 50-digit arithmetic (mpmath: log1p(exp(-x)) per pair) agrees with torch to 1e-13 relative;
  * the gradients equal the closed forms  dL/dpi_w = -beta*sigmoid(-(chosen-rejected))/B = -dL/dpi_l  (DPO) and
    dL/dpi_w = 2*(h - 1/(2 tau))/B = -dL/dpi_l  (IPO), evaluated in mpmath, to 1e-13 relative (+1e-300 absolute);
  * the cases that name a mistake really catch it: dropping the reference terms, summing instead of averaging,
    swapping chosen/rejected, and log(sigmoid(x)) are each outside the kata's tolerance (atol 1e-10, rtol 1e-8)
    wherever the note says so, and the numerically hard case makes the naive log(sigmoid(x)) non-finite.
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

SLUG = "dpo-loss"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-8
mpmath.mp.dps = 50
WRITTEN = []


def dpo_torch(pw, pl, rw, rl, beta):
    pw = torch.tensor(pw, dtype=torch.float64, requires_grad=True)
    pl = torch.tensor(pl, dtype=torch.float64, requires_grad=True)
    rw = torch.tensor(rw, dtype=torch.float64)
    rl = torch.tensor(rl, dtype=torch.float64)
    chosen = beta * (pw - rw)
    rejected = beta * (pl - rl)
    loss = -F.logsigmoid(chosen - rejected).mean()
    gw, gl = torch.autograd.grad(loss, [pw, pl])
    return {"out.loss": loss.detach().numpy(), "out.chosenRewards": chosen.detach().numpy(),
            "out.rejectedRewards": rejected.detach().numpy(),
            "grad.policyChosenLogps": gw.numpy(), "grad.policyRejectedLogps": gl.numpy()}


def ipo_torch(pw, pl, rw, rl, tau):
    pw = torch.tensor(pw, dtype=torch.float64, requires_grad=True)
    pl = torch.tensor(pl, dtype=torch.float64, requires_grad=True)
    rw = torch.tensor(rw, dtype=torch.float64)
    rl = torch.tensor(rl, dtype=torch.float64)
    h = (pw - rw) - (pl - rl)
    loss = ((h - 1 / (2 * tau)) ** 2).mean()
    gw, gl = torch.autograd.grad(loss, [pw, pl])
    return {"out.loss": loss.detach().numpy(),
            "grad.policyChosenLogps": gw.numpy(), "grad.policyRejectedLogps": gl.numpy()}


def mp_dpo(pw, pl, rw, rl, beta):
    B = len(pw)
    b = mpmath.mpf(beta)
    losses, gw = [], []
    for i in range(B):
        x = b * (mpmath.mpf(pw[i]) - mpmath.mpf(rw[i])) - b * (mpmath.mpf(pl[i]) - mpmath.mpf(rl[i]))
        losses.append(mpmath.log1p(mpmath.exp(-x)))
        gw.append(-b / (1 + mpmath.exp(x)) / B)
    return sum(losses) / B, gw


def mp_ipo(pw, pl, rw, rl, tau):
    B = len(pw)
    t = 1 / (2 * mpmath.mpf(tau))
    hs = [(mpmath.mpf(pw[i]) - mpmath.mpf(rw[i])) - (mpmath.mpf(pl[i]) - mpmath.mpf(rl[i])) for i in range(B)]
    return sum((h - t) ** 2 for h in hs) / B, [2 * (h - t) / B for h in hs]


def close(a, b, rel):
    return abs(float(a) - float(b)) <= 1e-300 + rel * abs(float(b))


def outside(actual, expected):
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected, dtype=np.float64).ravel()
    if not np.all(np.isfinite(a)):
        return True
    return bool(np.any(np.abs(a - e) > ATOL + RTOL * np.abs(e)))


def case(name, pw, pl, rw, rl, note, beta=None, tau=None, catches=(), naive_nonfinite=False):
    pw, pl, rw, rl = (np.ascontiguousarray(v, dtype=np.float64) for v in (pw, pl, rw, rl))
    B = len(pw)
    assert pw.shape == pl.shape == rw.shape == rl.shape == (B,) and B >= 1
    if tau is None:
        out = dpo_torch(pw, pl, rw, rl, beta)
        ml, mg = mp_dpo(pw, pl, rw, rl, beta)
        entry, args = "Loss", {"beta": beta}
    else:
        out = ipo_torch(pw, pl, rw, rl, tau)
        ml, mg = mp_ipo(pw, pl, rw, rl, tau)
        entry, args = "IpoLoss", {"tau": tau}
    assert close(out["out.loss"], ml, 1e-13), (name, float(out["out.loss"]), float(ml))
    for i in range(B):
        assert close(out["grad.policyChosenLogps"][i], mg[i], 1e-13), (name, i)
        assert close(out["grad.policyRejectedLogps"][i], -mg[i], 1e-13), (name, i)

    # the mistakes this case is meant to catch
    if tau is None:
        x = beta * (pw - rw) - beta * (pl - rl)
        mistakes = {
            "no-reference": dpo_torch(pw, pl, 0 * rw, 0 * rl, beta)["out.loss"],
            "sum": -F.logsigmoid(torch.tensor(x)).sum().numpy(),
            "swapped": dpo_torch(pl, pw, rl, rw, beta)["out.loss"],
        }
        with np.errstate(divide="ignore", over="ignore"):
            naive = -np.log(1 / (1 + np.exp(-x))).mean()
        assert np.isfinite(naive) != naive_nonfinite, (name, "naive log(sigmoid)", naive)
    else:
        h = (pw - rw) - (pl - rl)
        mistakes = {
            "no-reference": ipo_torch(pw, pl, 0 * rw, 0 * rl, tau)["out.loss"],
            "sum": ((h - 1 / (2 * tau)) ** 2).sum(),
            "beta-scaled": ((tau * h - 0.5) ** 2).mean(),
        }
    for m in catches:
        assert outside(mistakes[m], out["out.loss"]), (name, m, "does not catch it")

    tensors = {"in.policyChosenLogps": pw, "in.policyRejectedLogps": pl,
               "in.referenceChosenLogps": rw, "in.referenceRejectedLogps": rl}
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    meta = {"kata": SLUG, "entry": entry, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: {entry} B={B} {args} loss={float(out['out.loss']):.12g} (mpmath {mpmath.nstr(ml, 15)}); "
          f"catches {list(catches)}{'; naive log(sigmoid) is non-finite' if naive_nonfinite else ''}")
    return out


def pairs(rng, B, drift, lo=5.0, hi=300.0):
    rw = -rng.uniform(lo, hi, B)
    rl = -rng.uniform(lo, hi, B)
    return rw + rng.normal(0, drift, B), rl + rng.normal(0, drift, B), rw, rl


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(8128)
    ALL = ("no-reference", "sum", "swapped")

    # The statement's worked example (B = 2, beta = 0.1 / tau = 0.1).
    ex = ([-12.0, -20.0], [-15.0, -18.0], [-13.0, -19.0], [-14.0, -20.0])
    out = case("01-worked-example", *ex, beta=0.1, catches=ALL,
               note="the statement's worked example: B=2, beta=0.1")
    print("   worked example:", {k: np.round(v, 10).tolist() for k, v in out.items()})

    pw, pl, rw, rl = pairs(rng, 1, 4.0)
    case("02-batch-of-one", pw, pl, rw, rl, beta=0.1, catches=("no-reference", "swapped"),
         note="edge: B=1 (a mean over one pair is that pair's loss)")

    rw = -rng.uniform(5, 300, 6)
    rl = -rng.uniform(5, 300, 6)
    case("03-policy-equals-reference", rw.copy(), rl.copy(), rw, rl, beta=0.1, catches=("no-reference", "sum"),
         note="edge: the policy equals the reference (step 0 of training): every reward is 0, loss = log 2, "
              "gradients -/+ beta/(2B)")

    pw, pl, rw, rl = pairs(rng, 64, 3.0)
    case("04-typical-batch", pw, pl, rw, rl, beta=0.1, catches=ALL,
         note="typical: B=64, beta=0.1, sequence log-probs -5..-300, policy within a few nats of the reference")

    pw, pl, rw, rl = pairs(rng, 16, 3.0)
    case("05-small-beta", pw, pl, rw, rl, beta=0.01, catches=ALL,
         note="beta=0.01: margins are small, every sigmoid is near 1/2 (reference terms and beta still matter)")

    pw, pl, rw, rl = pairs(rng, 16, 1.0)
    case("06-large-beta", pw, pl, rw, rl, beta=5.0, catches=ALL,
         note="beta=5: margins of tens of nats, losses from ~0 to ~50 (saturated sigmoids)")

    # Numerically hard: the policy has drifted thousands of nats from the reference on long responses, so beta*h is
    # about +-1000: sigmoid(-1000) underflows to 0 in float64 and log(sigmoid(x)) is -inf; logsigmoid is exact.
    B = 8
    rw = -rng.uniform(2000, 4000, B)
    rl = -rng.uniform(2000, 4000, B)
    sign = np.array([1, -1, 1, -1, -1, 1, -1, 1], dtype=np.float64)
    drift = sign * rng.uniform(1500, 2500, B)
    case("07-huge-margins", rw + drift, rl - drift, rw, rl, beta=0.5, catches=ALL, naive_nonfinite=True,
         note="hard: beta*h = +-1500..2500 (long responses, policy far from the reference); log(sigmoid(x)) "
              "underflows to log(0) = -inf here, -logsigmoid / softplus(-x) does not")

    # Margins between -20 and -40: where softplus's threshold (20) linearises; the loss must still be exact to 1e-8.
    B = 12
    rw = -rng.uniform(50, 200, B)
    rl = -rng.uniform(50, 200, B)
    m = -rng.uniform(20, 40, B)  # beta*h
    case("08-moderate-negative-margins", rw + m / 2, rl - m / 2, rw, rl, beta=1.0, catches=ALL,
         note="beta*h between -20 and -40: the policy prefers the rejected response by a wide margin")

    # The policy prefers every chosen response (pi_w > pi_l), but less than the reference does: h < 0, so dropping the
    # reference terms flips the sign of every margin.
    B = 5
    rw = -rng.uniform(50, 100, B)
    rl = rw - rng.uniform(30, 50, B)
    pw = rw - rng.uniform(3, 12, B)
    pl = rl + rng.uniform(3, 12, B)
    assert np.all(pw > pl) and np.all((pw - rw) - (pl - rl) < 0)
    case("09-reference-prefers-chosen-more", pw, pl, rw, rl, beta=0.2, catches=ALL,
         note="the policy prefers each chosen response, but by less than the reference does: every margin h is "
              "negative, and dropping the reference terms flips its sign")

    # IPO
    case("10-ipo-worked-example", *ex, tau=0.1, catches=("no-reference", "sum", "beta-scaled"),
         note="IPO, the statement's worked example: B=2, tau=0.1 (target h = 1/(2 tau) = 5)")

    pw, pl, rw, rl = pairs(rng, 32, 3.0)
    case("11-ipo-typical-batch", pw, pl, rw, rl, tau=0.1, catches=("no-reference", "sum", "beta-scaled"),
         note="IPO, typical: B=32, tau=0.1")

    rw = -np.round(rng.uniform(5, 300, 4))  # integers: h = 0.25 - (-0.25) is exact
    rl = -np.round(rng.uniform(5, 300, 4))
    out = case("12-ipo-at-target", rw + 0.25, rl - 0.25, rw, rl, tau=1.0, catches=("no-reference",),
               note="IPO, edge: every h is exactly 1/(2 tau) = 0.5: loss 0 and zero gradients")
    assert float(out["out.loss"]) == 0.0 and not np.any(out["grad.policyChosenLogps"])

    pw, pl, rw, rl = pairs(rng, 1, 5.0)
    case("13-ipo-batch-of-one", pw, pl, rw, rl, tau=0.5, catches=("no-reference", "beta-scaled"),
         note="IPO, edge: B=1, tau=0.5")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, mpmath {mpmath.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
