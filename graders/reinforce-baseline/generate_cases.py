#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the reinforce-baseline kata.

Run with Debian's python3 (python3-numpy, python3-torch):
    /usr/bin/python3 graders/reinforce-baseline/generate_cases.py

Expected values come from an independent computation:
  * returns-to-go by a plain-Python backward loop over the buffer (G = r + gamma * G, restarted at 0 after every step
    whose done flag is set);
  * the losses and their gradients from torch 1.13 autograd, written as the statement defines them:
        A = G - b.detach();  policy = -(logp * A).mean();  baseline = ((b - G) ** 2).mean();
        loss = policy + baselineCoef * baseline;  loss.backward()
    -> grad.logProbs and grad.baselines.

Cross-checks, all asserted:
  * the returns equal the closed form sum_{k >= 0} gamma^k r[n + k] within n's episode (numpy double loop) to 1e-13
    relative;
  * the autograd gradients equal the hand-derived ones, dL/dlogp = -A / N and dL/db = 2 * baselineCoef * (b - G) / N,
    to 1e-13 relative;
  * the mistakes each case names are outside the kata's tolerance (atol 1e-10, rtol 1e-9): the baseline not detached
    in the policy loss (only the gradient w.r.t. b differs), returns not reset at episode ends, undiscounted returns,
    the reset placed after the done step's own return (every cut one step early: the done step sees the next
    episode), the loss summed per episode and averaged over episodes, the baseline loss with a factor 1/2.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "reinforce-baseline"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-9
WRITTEN = []


def returns_loop(rewards, dones, gamma, reset=True):
    out = [0.0] * len(rewards)
    g = 0.0
    for n in reversed(range(len(rewards))):
        if reset and dones[n]:
            g = 0.0
        g = float(rewards[n]) + gamma * g
        out[n] = g
    return np.array(out)


def returns_closed_form(rewards, dones, gamma):
    N = len(rewards)
    out = np.zeros(N)
    for n in range(N):
        acc, w, m = 0.0, 1.0, n
        while True:
            acc += w * rewards[m]
            if dones[m] or m == N - 1:
                break
            w *= gamma
            m += 1
        out[n] = acc
    return out


def losses(logp, b, G, coef, detach=True, per_episode=None, half=False):
    lp = torch.tensor(logp, requires_grad=True)
    bb = torch.tensor(b, requires_grad=True)
    g = torch.tensor(G)
    adv = g - (bb.detach() if detach else bb)
    if per_episode is not None:
        ep = torch.tensor(per_episode)
        E = int(ep.max()) + 1
        policy = -torch.zeros(E, dtype=torch.float64).index_add(0, ep, lp * adv).mean()
    else:
        policy = -(lp * adv).mean()
    base = ((bb - g) ** 2).mean() * (0.5 if half else 1.0)
    loss = policy + coef * base
    loss.backward()
    return {"out.loss": loss.detach().numpy(), "out.policyLoss": policy.detach().numpy(),
            "out.baselineLoss": base.detach().numpy(), "out.returns": G, "out.advantages": (g - bb.detach()).numpy(),
            "grad.logProbs": lp.grad.numpy(), "grad.baselines": bb.grad.numpy()}


def outside(actual, expected):
    return bool(np.any(~(np.abs(actual - expected) <= ATOL + RTOL * np.abs(expected))))


def case(name, logp, b, rewards, dones, gamma, coef, note, catches=()):
    logp, b, rewards = (np.ascontiguousarray(x, dtype=np.float64) for x in (logp, b, rewards))
    dones = np.ascontiguousarray(dones, dtype=bool)
    N = len(rewards)
    assert logp.shape == b.shape == rewards.shape == dones.shape == (N,) and N >= 1 and dones[-1], name
    G = returns_loop(rewards.tolist(), dones.tolist(), gamma)
    closed = returns_closed_form(rewards, dones, gamma)
    assert np.allclose(G, closed, rtol=1e-13, atol=1e-13 * max(1.0, np.abs(closed).max())), name
    out = losses(logp, b, G, coef)
    A = G - b
    assert np.allclose(out["grad.logProbs"], -A / N, rtol=1e-13, atol=1e-300), name
    assert np.allclose(out["grad.baselines"], 2 * coef * (b - G) / N, rtol=1e-13, atol=1e-300), name
    episode = np.concatenate([[0], np.cumsum(dones[:-1])]).astype(np.int64)
    early = np.zeros_like(dones)
    early[:-1] = dones[1:]         # the return reset AFTER the done step's own return: every cut one step early
    early[-1] = True
    wrong = {
        "baseline-not-detached": lambda: losses(logp, b, G, coef, detach=False),
        "no-reset": lambda: losses(logp, b, returns_loop(rewards.tolist(), dones.tolist(), gamma, reset=False), coef),
        "undiscounted": lambda: losses(logp, b, returns_loop(rewards.tolist(), dones.tolist(), 1.0), coef),
        "reset-after-done-step": lambda: losses(logp, b, returns_loop(rewards.tolist(), early.tolist(), gamma), coef),
        "per-episode-mean": lambda: losses(logp, b, G, coef, per_episode=episode),
        "half-mse": lambda: losses(logp, b, G, coef, half=True),
    }
    for m in catches:
        w = wrong[m]()
        bad = [k for k in out if outside(w[k], out[k])]
        assert bad, (name, m, "does not catch it")
        if m == "baseline-not-detached":
            assert bad == ["grad.baselines"], (name, m, bad)
    tensors = {"in.logProbs": logp, "in.baselines": b, "in.rewards": rewards, "in.dones": dones}
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    meta = {"kata": SLUG, "args": json.dumps({"gamma": gamma, "baselineCoef": coef}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: N={N} episodes={int(dones.sum())} gamma={gamma} coef={coef}; catches {list(catches)}")
    return out


def buffer(rng, N, p_done, scale=1.0):
    rewards = rng.normal(0, 1, N) * scale
    dones = rng.random(N) < p_done
    dones[-1] = True
    logp = -np.abs(rng.normal(0, 1.5, N)) - 0.01
    b = rng.normal(0, 2, N) * scale
    return logp, b, rewards, dones


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20261127)
    ALL = ("baseline-not-detached", "no-reset", "undiscounted", "reset-after-done-step", "per-episode-mean", "half-mse")

    # The statement's worked example: two episodes (3 steps, then 2), gamma = 0.5, baselineCoef = 0.25.
    out = case("01-worked-example", [-1.0, -0.5, -2.0, -1.0, -0.25], [1.0, 0.5, 1.0, 0.0, 2.0],
               [1.0, 0.0, 2.0, 1.0, 2.0], [False, False, True, False, True], 0.5, 0.25, catches=ALL,
               note="the statement's worked example: N=5, two episodes (steps 0-2, 3-4), gamma=0.5, baselineCoef=0.25")
    print("   worked example:", {k: np.round(np.asarray(v), 6).tolist() for k, v in out.items()})

    logp, b, r, d = buffer(rng, 40, 0.1)
    case("02-typical", logp, b, r, d, 0.99, 0.5, catches=ALL,
         note="typical: N=40 steps of several episodes of random lengths, gamma=0.99, baselineCoef=0.5")

    logp, b, r, d = buffer(rng, 12, 0.0)
    case("03-single-episode", logp, b, r, d, 0.9, 0.5,
         catches=("baseline-not-detached", "undiscounted", "half-mse"),
         note="edge: one episode over the whole buffer (the only done is at the last step)")

    logp, b, r, d = buffer(rng, 8, 1.0)
    case("04-every-step-ends", logp, b, r, d, 0.9, 0.5, catches=("baseline-not-detached", "no-reset", "half-mse"),
         note="edge: every step ends its episode (a contextual bandit): G = r, nothing is discounted")

    logp, b, r, d = buffer(rng, 15, 0.25)
    case("05-gamma-one", logp, b, r, d, 1.0, 0.5,
         catches=("baseline-not-detached", "no-reset", "reset-after-done-step", "per-episode-mean", "half-mse"),
         note="gamma=1 (undiscounted returns-to-go, as in episodic RLHF): G sums the rest of the episode's rewards")

    logp, b, r, d = buffer(rng, 10, 0.3)
    case("06-gamma-zero", logp, b, r, d, 0.0, 0.5, catches=("baseline-not-detached", "undiscounted", "half-mse"),
         note="edge: gamma=0: G = r, the episode boundaries do not matter")

    logp, b, r, d = buffer(rng, 14, 0.2)
    case("07-baseline-coef-zero", logp, b, r, d, 0.95, 0.0,
         catches=("baseline-not-detached", "no-reset", "undiscounted", "reset-after-done-step", "per-episode-mean"),
         note="edge: baselineCoef=0: the loss is the policy loss alone, so the gradient w.r.t. the baselines must be exactly 0 (the baseline is detached)")

    logp, b, r, d = buffer(rng, 14, 0.2)
    b[:] = 0.0
    case("08-zero-baseline", logp, b, r, d, 0.95, 0.5, catches=ALL,
         note="edge: all baselines 0: plain REINFORCE, A = G; the baseline loss is mean(G^2)")

    logp, b, r, d = buffer(rng, 12, 0.25)
    b = returns_loop(r.tolist(), d.tolist(), 0.9)
    case("09-perfect-baseline", logp, b, r, d, 0.9, 0.5,
         catches=("baseline-not-detached", "no-reset", "undiscounted", "reset-after-done-step"),
         note="edge: the baselines equal the returns: A = 0, both losses 0, gradients w.r.t. log-probs 0")

    # Numerically hard: long episodes (N = 1500, ~4 episodes) with gamma = 0.999 and rewards ~1e4 (unnormalised):
    # returns ~1e6-1e7, baselines within ~1% of them, log-probs down to ~-30 (rare actions).
    N = 1500
    r = rng.normal(1e4, 3e3, N)
    d = np.zeros(N, dtype=bool)
    d[[290, 700, 1111, N - 1]] = True
    G = returns_loop(r.tolist(), d.tolist(), 0.999)
    b = G * (1 + rng.normal(0, 0.01, N))
    logp = -np.abs(rng.normal(0, 10, N)) - 1e-3
    case("10-long-episodes-large-returns", logp, b, r, d, 0.999, 0.01, catches=ALL,
         note="hard: N=1500 in 4 long episodes, gamma=0.999, rewards ~1e4 so returns ~1e6-1e7, baselines within 1% of them, log-probs to -30")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}, torch {torch.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
