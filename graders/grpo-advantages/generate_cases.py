#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the grpo-advantages kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/grpo-advantages/generate_cases.py

Expected values come from PyTorch 1.13 in float64, written as TRL's GRPOTrainer (loss_type "grpo", the DeepSeekMath
formulation) computes them:
  Advantages:  grouped = rewards.view(-1, G); mean = grouped.mean(1); std = grouped.std(1)   (torch's default: the
               sample std, n - 1); A = (rewards - mean.repeat_interleave(G)) / (std.repeat_interleave(G) + eps)
  Loss:        coef_1 = exp(logp - old_logp); coef_2 = clamp(coef_1, 1 - eps, 1 + eps)
               per_token = -min(coef_1 * A, coef_2 * A) + beta * (exp(ref - logp) - (ref - logp) - 1)
               loss = mean over sequences of (sum_t per_token * mask / sum_t mask)
               meanKl = the same per-sequence-then-batch mean of the k3 term alone
  Gradient:    torch.autograd.grad(loss, logp).
Cross-checks, all asserted:
  * advantages equal a per-group numpy loop with np.std(ddof=1) to 1e-9 relative (1e-13 but for the hard case, where
    rewards ~1e6 differ by ~1 and the two summation orders of the mean differ by ~1e-10 relative);
  * loss and meanKl equal a per-sequence numpy loop over the valid tokens to 1e-13 relative, and the gradient equals the
    closed form (1/N)(1/|o_i|) * (-A_i * ratio * [unclipped term is the min] + beta * (1 - exp(ref - logp))) on valid
    tokens, 0 elsewhere;
  * no ratio lies within 1e-9 of a clip boundary;
  * the mistakes each case names are outside the kata's tolerance (atol 1e-10, rtol 1e-8): the batch's mean and std
    instead of the group's, the population std instead of the sample std, no eps (non-finite on a constant group),
    the variance as E[x^2] - E[x]^2 (on the hard case), the KL term's sign flipped, the KL's direction swapped (k3 of KL(ref || pi)), one token mean over the batch
    instead of the per-sequence mean, max instead of min.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "grpo-advantages"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-8
WRITTEN = []


def advantages_torch(rewards, G, eps, variant=None):
    r = torch.tensor(rewards, dtype=torch.float64)
    grouped = r.view(-1, G)
    if variant == "naive-var":
        G_ = float(G)
        mean = grouped.mean(1)
        std = (((grouped ** 2).mean(1) - mean ** 2).clamp(min=0) * G_ / (G_ - 1)).sqrt()
    elif variant == "batch-stats":
        mean, std = r.mean().expand(r.shape[0] // G), r.std().expand(r.shape[0] // G)
    else:
        mean, std = grouped.mean(1), grouped.std(1, unbiased=(variant != "population-std"))
    denom = std.repeat_interleave(G) + (0.0 if variant == "no-eps" else eps)
    return ((r - mean.repeat_interleave(G)) / denom).numpy()


def advantages_numpy(rewards, G, eps):
    out = np.empty_like(rewards)
    for g in range(len(rewards) // G):
        x = rewards[g * G:(g + 1) * G]
        out[g * G:(g + 1) * G] = (x - x.mean()) / (np.std(x, ddof=1) + eps)
    return out


def loss_torch(inp, clip, beta, variant=None):
    logp = torch.tensor(inp["logProbs"], dtype=torch.float64, requires_grad=True)
    old = torch.tensor(inp["oldLogProbs"], dtype=torch.float64)
    ref = torch.tensor(inp["refLogProbs"], dtype=torch.float64)
    adv = torch.tensor(inp["advantages"], dtype=torch.float64).unsqueeze(1)
    mask = torch.tensor(inp["mask"]).to(torch.float64)
    if variant == "kl-direction":
        kl = torch.exp(logp - ref) - (logp - ref) - 1
    else:
        kl = torch.exp(ref - logp) - (ref - logp) - 1
    c1 = torch.exp(logp - old)
    c2 = torch.clamp(c1, 1 - clip, 1 + clip)
    pg = -(torch.max(c1 * adv, c2 * adv) if variant == "max" else torch.min(c1 * adv, c2 * adv))
    per_token = pg + (-beta if variant == "kl-sign" else beta) * kl
    if variant == "token-mean":
        loss = (per_token * mask).sum() / mask.sum()
    else:
        loss = ((per_token * mask).sum(1) / mask.sum(1)).mean()
    mean_kl = ((kl * mask).sum(1) / mask.sum(1)).mean()
    (g,) = torch.autograd.grad(loss, [logp])
    return {"out.loss": loss.detach().numpy(), "out.meanKl": mean_kl.detach().numpy(), "grad.logProbs": g.numpy()}


def loss_numpy(inp, clip, beta):
    logp, old, ref, adv, mask = (inp[k] for k in ("logProbs", "oldLogProbs", "refLogProbs", "advantages", "mask"))
    N = logp.shape[0]
    losses, kls = [], []
    grad = np.zeros_like(logp)
    for i in range(N):
        v = mask[i]
        r = np.exp(logp[i, v] - old[i, v])
        d = ref[i, v] - logp[i, v]
        kl = np.exp(d) - d - 1
        a = adv[i]
        pg = -np.minimum(r * a, np.clip(r, 1 - clip, 1 + clip) * a)
        losses.append((pg + beta * kl).mean())
        kls.append(kl.mean())
        active = (r <= 1 + clip) if a > 0 else (r >= 1 - clip) if a < 0 else np.zeros_like(r, dtype=bool)
        grad[i, v] = (np.where(active, -a * r, 0.0) + beta * (1 - np.exp(d))) / v.sum() / N
    return {"out.loss": np.mean(losses), "out.meanKl": np.mean(kls), "grad.logProbs": grad}


def outside(actual, expected):
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != e.shape or not np.all(np.isfinite(a)):
        return True
    return bool(np.any(np.abs(a - e) > ATOL + RTOL * np.abs(e)))


def write(name, tensors, meta, summary):
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: {summary}")


def adv_case(name, rewards, G, eps, note, catches=()):
    rewards = np.ascontiguousarray(rewards, dtype=np.float64)
    assert rewards.ndim == 1 and G >= 2 and len(rewards) % G == 0
    out = advantages_torch(rewards, G, eps)
    assert np.allclose(out, advantages_numpy(rewards, G, eps), rtol=1e-9, atol=1e-12), name
    for v in catches:
        assert outside(advantages_torch(rewards, G, eps, v), out), (name, v, "does not catch it")
    write(name, {"in.rewards": rewards, "out.advantages": out},
          {"kata": SLUG, "entry": "Advantages", "args": json.dumps({"groupSize": G, "eps": eps}), "note": note},
          f"Advantages N={len(rewards)} G={G} eps={eps}; catches {list(catches)}")
    return out


def loss_case(name, inp, clip, beta, note, catches=()):
    inp = {k: np.ascontiguousarray(v, dtype=bool if k == "mask" else np.float64) for k, v in inp.items()}
    N, T = inp["mask"].shape
    assert inp["advantages"].shape == (N,) and np.all(inp["mask"].sum(1) >= 1)
    r = np.exp(inp["logProbs"] - inp["oldLogProbs"])
    assert np.all(np.minimum(np.abs(r - 1 - clip), np.abs(r - 1 + clip))[inp["mask"]] > 1e-9), (name, "ratio on a boundary")
    out = loss_torch(inp, clip, beta)
    ref = loss_numpy(inp, clip, beta)
    for k in out:
        assert np.allclose(out[k], ref[k], rtol=1e-13, atol=1e-300), (name, k)
    for v in catches:
        wrong = loss_torch(inp, clip, beta, v)
        assert any(outside(wrong[k], out[k]) for k in out), (name, v, "does not catch it")
    tensors = {"in." + k: v for k, v in inp.items()}
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    write(name, tensors, {"kata": SLUG, "entry": "Loss", "args": json.dumps({"clipEps": clip, "beta": beta}), "note": note},
          f"Loss N={N} T={T} clip={clip} beta={beta} loss={float(out['out.loss']):.10g}; catches {list(catches)}")
    return out


def completions(rng, N, T, drift=0.2, ref_drift=0.3, lengths=None):
    old = -np.abs(rng.normal(0, 2, (N, T))) - 0.01
    logp = old + rng.normal(0, drift, (N, T))
    ref = old + rng.normal(0, ref_drift, (N, T))
    if lengths is None:
        lengths = rng.integers(1, T + 1, N)
    mask = np.arange(T)[None, :] < np.asarray(lengths)[:, None]
    return {"logProbs": logp, "oldLogProbs": old, "refLogProbs": ref, "advantages": rng.normal(0, 1, N), "mask": mask}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)
    ADV = ("batch-stats", "population-std")
    LOSS = ("kl-sign", "kl-direction", "token-mean", "max")

    out = adv_case("01-advantages-worked-example", [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0], 4, 1e-4,
                   catches=ADV, note="the statement's worked example: 2 groups of G=4 binary rewards (correct = 1), eps=1e-4")
    print("   worked example advantages:", np.round(out, 10).tolist())

    adv_case("02-advantages-constant-group", [1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.5, 0.5, 0.5], 3, 1e-4,
             catches=ADV + ("no-eps",),
             note="edge: groups whose rewards are all equal (every answer right, or all 0.5): std 0, advantages exactly 0 (eps keeps 0/0 away)")

    adv_case("03-advantages-group-of-two", rng.normal(0, 1, 12), 2, 1e-4, catches=ADV,
             note="edge: G=2, the smallest group: the sample std is |r1 - r2|/sqrt(2), the advantages are +-1/sqrt(2)")

    adv_case("04-advantages-typical", rng.normal(0, 1, 64) * rng.uniform(0.1, 3.0, 64).repeat(1)[:64], 16, 1e-4,
             catches=ADV, note="typical: 4 groups of G=16 real-valued rewards (a reward model's scores)")

    r = rng.normal(0, 1, 24) + np.repeat([100.0, -50.0, 0.0], 8)
    adv_case("05-advantages-offset-groups", r, 8, 1e-4, catches=ADV,
             note="groups at very different reward levels (prompts of different difficulty): batch statistics would mix them")

    r = 1e6 + rng.normal(0, 1, 16)
    adv_case("06-advantages-huge-offset", r, 4, 1e-4, catches=ADV + ("naive-var",),
             note="hard: rewards ~1e6 that differ by ~1 within groups: subtract the group mean before squaring (E[x^2] - E[x]^2 loses ~1e-4 to cancellation)")

    loss_case("07-loss-worked-example",
              {"logProbs": np.log([[0.65, 0.5, 0.25], [0.3, 0.9, 0.5]]),
               "oldLogProbs": np.log([[0.5, 0.5, 0.5], [0.2, 0.6, 0.5]]),
               "refLogProbs": np.log([[0.5, 0.25, 0.5], [0.3, 0.45, 0.5]]),
               "advantages": [1.0, -0.5], "mask": [[True, True, True], [True, True, False]]},
              0.2, 0.1, catches=LOSS,
              note="the statement's worked example: N=2 completions of 3 and 2 tokens, clipEps=0.2, beta=0.1")

    loss_case("08-loss-typical", completions(rng, 8, 24), 0.2, 0.04, catches=LOSS,
              note="typical: N=8 completions (2 groups of 4) of 1..24 tokens, clipEps=0.2, beta=0.04")

    b = completions(rng, 4, 10)
    b["logProbs"] = b["oldLogProbs"].copy()
    b["refLogProbs"] = b["oldLogProbs"].copy()
    loss_case("09-loss-first-step", b, 0.2, 0.1, catches=("token-mean",),
              note="edge: the first step: policy = old = reference, ratio 1, KL 0, loss = -mean of the advantages' per-sequence means")

    loss_case("10-loss-heavily-clipped", completions(rng, 6, 16, drift=1.0, ref_drift=1.5), 0.2, 0.1, catches=LOSS,
              note="the policy moved far from the old one (most ratios clipped) and far from the reference (k3 KL ~1)")

    b = completions(rng, 4, 12, lengths=[1, 12, 3, 7])
    b["advantages"][:] = 0.0
    loss_case("11-loss-zero-advantages", b, 0.2, 0.5, catches=("kl-sign", "kl-direction", "token-mean"),
              note="edge: every advantage 0 (constant groups): only the KL term (beta=0.5) is left")

    b = completions(rng, 4, 8, drift=0.3, ref_drift=4.0)
    loss_case("12-loss-far-from-reference", b, 0.3, 0.01, catches=LOSS,
              note="hard: log pi_ref - log pi up to about +-12: exp(ref - logp) from ~1e-5 to ~1e5, k3 from ~d - 1 to ~e^d")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
