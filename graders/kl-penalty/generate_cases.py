#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the kl-penalty kata.

Run with Debian's python3 (python3-numpy, python3-torch, python3-mpmath):
    /usr/bin/python3 graders/kl-penalty/generate_cases.py

Expected values come from an independent numpy implementation written token by token, row by row (no shared code
with the C# reference): for each valid token, log r = ref - logp and
    k1 = -log r,    k2 = (log r)^2 / 2,    k3 = (r - 1) - log r        (Schulman, "Approximating KL divergence", 2020)
with k3 computed as expm1(log r) - log r; masked tokens get 0; the KL-shaped reward is -beta * kl at every token plus
the sequence's score at its LAST valid token (the largest t with mask[b, t] true, as TRL's PPO trainer and OpenRLHF
put it); MeanKl = sum of kl over valid tokens / number of valid tokens (one token-level mean over the batch).

Cross-checks, all asserted:
  * a vectorised torch 1.13 computation (torch.expm1, argmax over the flipped mask, scatter_add) agrees with the numpy
    loop to 1e-14 relative (atol 1e-16: expm1 of the two libraries may differ in the last bit);
  * every k3 value agrees with a 50-digit mpmath evaluation of exp(x) - 1 - x to 1e-14 relative plus 4e-16*|x|
    (the round-off of the cancellation in expm1(x) - x for small x; x = log r);
  * k1, k2, k3 are >= 0 where they must be (k2, k3 always) and, on a large sample from a known pair of categorical
    distributions, the three estimators average to the true KL(policy || ref) within sampling error (the statement's
    claim that they estimate the same quantity);
  * the mistakes each case names are outside the kata's tolerance (atol 1e-12, rtol 1e-10): k3 with log r of the wrong
    direction, the score added at the last position T-1, the mask ignored in the mean, the score added at the end of
    every valid span, the KL not masked in the reward, r computed as exp(ref)/exp(logp) (NaN where both underflow).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "kl-penalty"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-12, 1e-10
mpmath.mp.dps = 50
WRITTEN = []


def kl_numpy(logp, ref, mask, scores, estimator, beta):
    """Token by token, row by row."""
    B, T = logp.shape
    kl = np.zeros((B, T))
    rewards = np.zeros((B, T))
    for b in range(B):
        for t in range(T):
            if not mask[b, t]:
                continue
            x = ref[b, t] - logp[b, t]
            if estimator == "k1":
                k = -x
            elif estimator == "k2":
                k = 0.5 * x * x
            else:
                k = np.expm1(x) - x
            kl[b, t] = k
            rewards[b, t] = -beta * k
        last = max(t for t in range(T) if mask[b, t])
        rewards[b, last] += scores[b]
    mean = kl[mask].sum() / mask.sum()
    return kl, rewards, np.float64(mean)


def kl_torch(logp, ref, mask, scores, estimator, beta):
    lp, rf, m, s = (torch.from_numpy(a) for a in (logp, ref, mask, scores))
    x = rf - lp
    k = {"k1": -x, "k2": 0.5 * x * x, "k3": torch.expm1(x) - x}[estimator]
    kl = torch.where(m, k, torch.zeros_like(k))
    T = m.shape[1]
    last = T - 1 - m.flip(1).to(torch.int64).argmax(dim=1)
    rewards = (-beta * kl).scatter_add(1, last.unsqueeze(1), s.unsqueeze(1))
    mean = kl.sum() / m.sum()
    return kl.numpy(), rewards.numpy(), mean.numpy()


def mistakes(logp, ref, mask, scores, estimator, beta):
    B, T = logp.shape
    kl, rewards, mean = kl_numpy(logp, ref, mask, scores, estimator, beta)
    out = {}
    # k3 of the wrong direction: log r = logp - ref.
    if estimator == "k3":
        wrong_kl, wrong_rw, wrong_mean = kl_numpy(ref, logp, mask, scores, estimator, beta)
        out["k3-wrong-direction"] = (wrong_kl, wrong_rw, wrong_mean)
    # The score added at position T - 1 whatever the mask.
    rw = -beta * kl
    rw[:, T - 1] += scores
    out["score-at-last-position"] = (kl, rw, mean)
    # The mean over all B*T tokens.
    out["mask-ignored-in-mean"] = (kl, rewards, np.float64(kl.sum() / (B * T)))
    # The score added wherever a valid span ends (mask[t] and not mask[t+1]).
    rw = -beta * kl
    for b in range(B):
        for t in range(T):
            if mask[b, t] and (t == T - 1 or not mask[b, t + 1]):
                rw[b, t] += scores[b]
    out["score-at-every-span-end"] = (kl, rw, mean)
    # The KL of padding tokens left in the reward (computed everywhere, only the mean masked).
    with np.errstate(over="ignore", invalid="ignore"):
        x = ref - logp
        k = {"k1": -x, "k2": 0.5 * x * x, "k3": np.expm1(x) - x}[estimator]
    rw = -beta * k
    for b in range(B):
        rw[b, max(t for t in range(T) if mask[b, t])] += scores[b]
    out["kl-not-masked-in-reward"] = (kl, rw, mean)
    return out


def outside(actual, expected):
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(actual - expected) <= ATOL + RTOL * np.abs(expected))
    return bool(np.any(bad))


def case(name, logp, ref, mask, scores, estimator, beta, note, catches=()):
    logp = np.ascontiguousarray(logp, dtype=np.float64)
    ref = np.ascontiguousarray(ref, dtype=np.float64)
    mask = np.ascontiguousarray(mask, dtype=bool)
    scores = np.ascontiguousarray(scores, dtype=np.float64)
    B, T = logp.shape
    assert ref.shape == mask.shape == (B, T) and scores.shape == (B,), name
    assert mask.any(axis=1).all(), (name, "every row needs a valid token")
    assert np.isfinite(logp).all() and np.isfinite(ref).all() and np.isfinite(scores).all(), name
    kl, rewards, mean = kl_numpy(logp, ref, mask, scores, estimator, beta)
    tkl, trw, tmean = kl_torch(logp, ref, mask, scores, estimator, beta)
    for a, e in ((tkl, kl), (trw, rewards), (tmean, mean)):
        assert np.allclose(a, e, rtol=1e-14, atol=1e-16), (name, float(np.abs(a - e).max()))
    assert np.isfinite(kl).all() and np.isfinite(rewards).all() and np.isfinite(mean), name
    if estimator == "k3":
        for b in range(B):
            for t in range(T):
                if mask[b, t]:
                    x = mpmath.mpf(ref[b, t]) - mpmath.mpf(logp[b, t])
                    exact = float(mpmath.exp(x) - 1 - x)
                    # expm1(x) - x cancels for small x: float64 round-off up to ~1e-16*|x| absolute, far inside atol.
                    assert abs(kl[b, t] - exact) <= 1e-14 * abs(exact) + 4e-16 * abs(float(x)), (name, b, t, kl[b, t], exact)
    if estimator in ("k2", "k3"):
        assert (kl >= 0).all(), name
    wrong = mistakes(logp, ref, mask, scores, estimator, beta)
    for m in catches:
        wkl, wrw, wmean = wrong[m]
        assert outside(wkl, kl) or outside(wrw, rewards) or outside(wmean, mean), (name, m, "does not catch it")
    tensors = {"in.logProbs": logp, "in.refLogProbs": ref, "in.mask": mask, "in.scores": scores,
               "out.kl": kl, "out.rewards": rewards, "out.meanKl": np.array(mean, dtype=np.float64)}
    meta = {"kata": SLUG, "args": json.dumps({"estimator": estimator, "beta": beta}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: B={B} T={T} {estimator} beta={beta} valid={int(mask.sum())}; catches {list(catches)}")
    return kl, rewards, mean


def batch(rng, B, T, prompt_max=3, drift=0.3):
    """Right-padded responses after a left prompt: mask = [prompt false][response true][padding false]."""
    ref = -np.abs(rng.normal(0, 2, (B, T))) - 0.01
    logp = ref + rng.normal(0, drift, (B, T))
    logp = np.minimum(logp, -1e-3)
    mask = np.zeros((B, T), dtype=bool)
    for b in range(B):
        start = int(rng.integers(0, prompt_max + 1))
        length = int(rng.integers(1, T - start + 1))
        mask[b, start:start + length] = True
    scores = rng.normal(0, 1, B)
    return logp, ref, mask, scores


def estimators_are_unbiased():
    """The three estimators, averaged over samples from the policy, approach KL(policy || ref)."""
    rng = np.random.default_rng(7)
    p = np.array([0.5, 0.3, 0.15, 0.05])
    q = np.array([0.4, 0.35, 0.15, 0.10])
    true_kl = float((p * np.log(p / q)).sum())
    x = rng.choice(4, size=400_000, p=p)
    logp, ref = np.log(p[x]), np.log(q[x])
    lr = ref - logp
    k1, k2, k3 = -lr, 0.5 * lr * lr, np.expm1(lr) - lr
    assert abs(k1.mean() - true_kl) < 5 * k1.std() / np.sqrt(len(x)), (k1.mean(), true_kl)
    assert abs(k3.mean() - true_kl) < 5 * k3.std() / np.sqrt(len(x)), (k3.mean(), true_kl)
    assert abs(k2.mean() - true_kl) < 0.1 * true_kl, (k2.mean(), true_kl)  # k2 is biased, slightly
    print(f"estimators: true KL {true_kl:.6f}, k1 {k1.mean():.6f}, k2 {k2.mean():.6f}, k3 {k3.mean():.6f}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    estimators_are_unbiased()
    rng = np.random.default_rng(20261127)
    # (score-at-every-span-end differs only where a mask has gaps: case 05.)
    ALL = ("score-at-last-position", "mask-ignored-in-mean", "kl-not-masked-in-reward")

    # The statement's worked example: B = 2, T = 4, k3, beta = 0.1.
    ln = np.log
    logp = [[-1.0, ln(0.5), ln(0.25), 0.0], [-2.0, ln(0.5), -3.0, -1.0]]
    ref = [[-1.0, ln(0.25), ln(0.5), 0.0], [-2.0, ln(0.5), -3.0, -1.0]]
    mask = [[False, True, True, False], [False, True, False, False]]
    kl, rw, mean = case("01-worked-example", logp, ref, mask, [1.0, -0.5], "k3", 0.1,
                        catches=("k3-wrong-direction",) + ALL[:2],
                        note="the statement's worked example: B=2, T=4, k3, beta=0.1, one prompt token, right padding")
    print("   worked example: kl", kl.tolist(), "rewards", rw.tolist(), "mean", float(mean))

    logp, ref, mask, scores = batch(rng, 4, 8)
    mask[0, :] = False
    mask[0, 1:6] = True
    case("02-k1-typical", logp, ref, mask, scores, "k1", 0.05, catches=ALL,
         note="typical, k1 = logp - ref (may be negative per token): B=4, T=8, prompt tokens and right padding masked out")

    logp, ref, mask, scores = batch(rng, 4, 8)
    mask[1, :] = False
    mask[1, 2:5] = True
    case("03-k2-typical", logp, ref, mask, scores, "k2", 0.05, catches=ALL,
         note="typical, k2 = (log r)^2/2: B=4, T=8, prompt tokens and right padding masked out")

    logp, ref, mask, scores = batch(rng, 5, 10, drift=0.8)
    mask[2, :] = False
    mask[2, 0:7] = True
    case("04-k3-typical", logp, ref, mask, scores, "k3", 0.1, catches=("k3-wrong-direction",) + ALL,
         note="typical, k3 = (r - 1) - log r with log r = ref - logp: B=5, T=10, the policy far from the reference")

    logp, ref, mask, scores = batch(rng, 3, 12)
    mask[:] = False
    mask[0, 2:5] = True
    mask[0, 8:10] = True      # a tool's output (t = 5..7) masked inside the response
    mask[1, 1:3] = True
    mask[1, 4:6] = True
    mask[1, 7:12] = True      # two gaps, the last span runs to the end
    mask[2, 3:9] = True
    case("05-gaps-in-mask", logp, ref, mask, scores, "k3", 0.1,
         catches=("k3-wrong-direction", "score-at-last-position", "mask-ignored-in-mean", "score-at-every-span-end"),
         note="edge: masks with gaps (tool outputs masked inside a multi-turn response): the score goes to the LAST valid token only, not to the end of every span")

    logp, ref, mask, scores = batch(rng, 3, 6)
    mask[:] = True
    case("06-no-padding", logp, ref, mask, scores, "k1", 0.2, catches=(),
         note="edge: every token valid (no prompt, no padding): the last valid token is t=T-1 and the mean is over all B*T tokens")

    logp, ref, mask, scores = batch(rng, 4, 5)
    mask[:] = False
    mask[0, 0] = True
    mask[1, 4] = True
    mask[2, 2] = True
    mask[3, 1] = True
    case("07-one-token-responses", logp, ref, mask, scores, "k2", 0.1, catches=ALL,
         note="edge: one valid token per row, at t=0, t=T-1 and in between: the score and the KL penalty land on the same token")

    logp, ref, mask, scores = batch(rng, 3, 7, drift=0.5)
    case("08-beta-zero", logp, ref, mask, scores, "k3", 0.0,
         catches=("k3-wrong-direction", "score-at-last-position", "mask-ignored-in-mean"),
         note="edge: beta=0: the rewards are the scores at the last valid tokens and 0 elsewhere; kl and meanKl are still reported")

    logp, ref, mask, scores = batch(rng, 3, 6)
    ref = logp.copy()
    case("09-identical-policies", logp, ref, mask, scores, "k3", 0.1, catches=("score-at-last-position",),
         note="edge: the policy equals the reference (the first PPO step): every estimator is 0 and the rewards are the scores alone")

    # Numerically hard: very unlikely tokens (log-probs ~ -700..-1000: exp underflows to 0, so exp(ref)/exp(logp) is
    # 0/0), large log-ratios (|log r| up to ~25: r ~ 7e10, k3 dominated by r), and padding holding garbage so large
    # that exp(ref - logp) overflows to inf there (inf * 0 = NaN: multiplying by the mask does not zero it).
    B, T = 3, 8
    logp = -rng.uniform(700, 1000, (B, T))
    ref = logp + rng.uniform(-25, 25, (B, T))
    mask = np.zeros((B, T), dtype=bool)
    mask[0, 1:6] = True
    mask[1, 0:8] = True
    mask[2, 2:4] = True
    logp[~mask] = -1e4       # padding garbage
    ref[~mask] = 0.0
    scores = np.array([3.0, -2.0, 0.5])
    case("10-extreme-log-probs", logp, ref, mask, scores, "k3", 0.05,
         catches=("k3-wrong-direction", "score-at-last-position", "mask-ignored-in-mean", "kl-not-masked-in-reward"),
         note="hard: log-probs ~ -700..-1000 (exp underflows: work with log r, not a quotient of probabilities), |log r| up to 25, and padding garbage whose exp overflows (masked tokens must be exactly 0, not inf*0)")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}, torch {torch.__version__}, mpmath {mpmath.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
