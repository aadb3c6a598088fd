#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the ucb-bandit kata.

Run with Debian's python3 (python3-numpy):
    /usr/bin/python3 graders/ucb-bandit/generate_cases.py

Expected values come from an independent plain-Python loop over steps and arms (scalar floats, no numpy in the
decision), written from the statement's rules (UCB1, Auer, Cesa-Bianchi & Fischer 2002, with a coefficient c):
  * steps are numbered t = 1..T; for t <= K the arm played is t - 1 (each arm once, in index order);
  * for t > K, with n = t - 1 plays made so far, the score of arm a is Q_a + c * sqrt(ln(n) / n_a), Q_a the mean of
    the rewards arm a has returned, n_a its play count; the arm played is the lowest index among the arms whose score
    is >= max score - 1e-9 (the statement's tie tolerance);
  * the reward received at step t is rewards[t - 1, arm];
  * values are the final Q_a (0 for an arm never played), counts the final n_a;
  * regret[t - 1] = sum over s <= t of (mu* - mu_{a_s}), mu_a the mean of column a over all T rows, mu* = max mu_a.

Cross-checks, all asserted:
  * a second, vectorised numpy implementation that keeps running sums (not incremental means) and picks arms with
    np.flatnonzero(scores >= max - 1e-9)[0] agrees exactly on arms and counts and to 1e-13 on values and regret;
  * invariants: counts sum to T (or to the steps played), counts == bincount(arms), values == the mean of the rewards
    actually received, regret is non-decreasing and >= 0;
  * robustness of every decision: at each step after the first round, the best arm outside the tie set scores at least
    1e-7 below the maximum, and the arms inside it are within 1e-12 of it (so no learner's rounding can flip a
    decision); the near-tie case must really contain a tie decided by the tolerance (spread > 1e-14);
  * the mistakes each case names are caught (arms or counts differ, or values/regret outside atol 1e-12, rtol 1e-10):
    ln of the arm's count instead of the total, no initial round (every count starting at 1 with value 0), ties
    broken to the highest index, the incremental mean updated with 1/t instead of 1/n_a, ln(t) instead of ln(t - 1),
    regret from the rewards received instead of the arms' means.
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "ucb-bandit"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-12, 1e-10
TIE = 1e-9
WRITTEN = []


def ucb_loop(rewards, c, variant=None):
    """The statement's rules in plain Python; `variant` names a mistake to reproduce instead."""
    T, K = len(rewards), len(rewards[0])
    counts = [0] * K
    values = [0.0] * K
    sums = [0.0] * K
    arms, gaps = [], []
    if variant == "no-initial-round":
        counts = [1] * K
    for t in range(1, T + 1):
        n = t - 1
        if t <= K and variant != "no-initial-round":
            arm = t - 1
            gaps.append(None)
        else:
            scores = []
            for a in range(K):
                if variant == "ln-of-arm-count":
                    bonus = c * math.sqrt(math.log(counts[a]) / counts[a])
                elif variant == "ln-of-step":
                    bonus = c * math.sqrt(math.log(t) / counts[a])
                elif variant == "no-initial-round":
                    bonus = c * math.sqrt(math.log(max(n, 1)) / counts[a])
                else:
                    bonus = c * math.sqrt(math.log(n) / counts[a])
                scores.append(values[a] + bonus)
            best = max(scores)
            tied = [a for a in range(K) if scores[a] >= best - TIE]
            arm = tied[-1] if variant == "ties-highest" else tied[0]
            others = [best - s for a, s in enumerate(scores) if a not in tied]
            near = [best - scores[a] for a in tied]
            gaps.append((min(others) if others else math.inf, max(near)))
        r = float(rewards[t - 1][arm])
        counts[arm] += 1
        sums[arm] += r
        if variant == "mean-one-over-t":
            values[arm] += (r - values[arm]) / t
        else:
            values[arm] += (r - values[arm]) / counts[arm]
        arms.append(arm)
    mu = [sum(float(rewards[s][a]) for s in range(T)) / T for a in range(K)]
    best_mu = max(mu)
    regret, acc = [], 0.0
    for t, arm in enumerate(arms):
        acc += float(rewards[t][arm]) if variant == "regret-realised" else 0.0
        if variant == "regret-realised":
            regret.append((t + 1) * best_mu - acc)
        else:
            regret.append(regret[-1] + (best_mu - mu[arm]) if regret else best_mu - mu[arm])
    if variant == "no-initial-round":
        counts = [x - 1 for x in counts]
    return (np.array(arms, dtype=np.int64), np.array(counts, dtype=np.int64), np.array(values),
            np.array(regret), gaps)


def ucb_numpy(rewards, c):
    """Vectorised over arms, running sums."""
    T, K = rewards.shape
    counts = np.zeros(K, dtype=np.int64)
    sums = np.zeros(K)
    arms = np.zeros(T, dtype=np.int64)
    for t in range(1, T + 1):
        if t <= K:
            arm = t - 1
        else:
            scores = sums / counts + c * np.sqrt(np.log(t - 1) / counts)
            arm = int(np.flatnonzero(scores >= scores.max() - TIE)[0])
        arms[t - 1] = arm
        counts[arm] += 1
        sums[arm] += rewards[t - 1, arm]
    values = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
    mu = rewards.mean(axis=0)
    regret = np.cumsum(mu.max() - mu[arms])
    return arms, counts, values, regret


def outside(actual, expected):
    return bool(np.any(~(np.abs(actual - expected) <= ATOL + RTOL * np.abs(expected))))


def differs(a, b):
    return (a[0].shape != b[0].shape or not np.array_equal(a[0], b[0]) or not np.array_equal(a[1], b[1])
            or outside(a[2], b[2]) or outside(a[3], b[3]))


def case(name, rewards, c, note, catches=(), near_tie=False):
    rewards = np.ascontiguousarray(rewards, dtype=np.float64)
    T, K = rewards.shape
    assert T >= 1 and K >= 1, name
    arms, counts, values, regret, gaps = ucb_loop(rewards.tolist(), c)
    na, nc, nv, nr = ucb_numpy(rewards, c)
    assert np.array_equal(arms, na) and np.array_equal(counts, nc), name
    assert np.allclose(values, nv, rtol=1e-13, atol=1e-13) and np.allclose(regret, nr, rtol=1e-13, atol=1e-13), name
    assert counts.sum() == T and np.array_equal(counts, np.bincount(arms, minlength=K)), name
    for a in range(K):
        got = rewards[np.arange(T)[arms == a], a]
        assert (values[a] == 0.0) if len(got) == 0 else abs(values[a] - got.mean()) <= 1e-13 * max(1, abs(got.mean())), name
    assert np.all(np.diff(regret) >= -1e-12) and np.all(regret >= -1e-12), name
    saw_near_tie = False
    for g in gaps:
        if g is None:
            continue
        other_gap, tied_spread = g
        assert other_gap >= 1e-7, (name, "a decision is within rounding of flipping", other_gap)
        # Ties are exact up to the round-off of the means (~1e-16), or the case's deliberate 1e-13 offset.
        assert tied_spread <= 1e-12, (name, "a tie the tolerance decides that rounding could flip", tied_spread)
        saw_near_tie |= tied_spread > 1e-14
    assert saw_near_tie or not near_tie, (name, "the near-tie did not happen")
    expected = (arms, counts, values, regret)
    for m in catches:
        wrong = ucb_loop(rewards.tolist(), c, variant=m)[:4]
        assert differs(wrong, expected), (name, m, "does not catch it")
    tensors = {"in.rewards": rewards, "out.arms": arms, "out.counts": counts, "out.values": values, "out.regret": regret}
    meta = {"kata": SLUG, "args": json.dumps({"c": c}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: T={T} K={K} c={c:.4g} counts={counts.tolist()}; catches {list(catches)}")
    return arms, counts, values, regret


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20261127)
    SQRT2 = math.sqrt(2.0)
    ALL = ("ln-of-arm-count", "no-initial-round", "ties-highest", "mean-one-over-t", "ln-of-step", "regret-realised")

    # The statement's worked example: K = 2, T = 5, c = 1.
    arms, counts, values, regret = case(
        "01-worked-example", [[1.0, 0.0], [0.0, 1.0], [0.5, 1.0], [1.0, 0.0], [0.0, 1.0]], 1.0,
        catches=("no-initial-round", "mean-one-over-t", "regret-realised"),
        note="the statement's worked example: K=2 arms, T=5 steps, c=1")
    print("   worked example:", arms.tolist(), counts.tolist(), values.tolist(), regret.tolist())

    # Bernoulli arms: exact ties between arms with equal counts and equal means are frequent.
    p = np.array([0.3, 0.5, 0.5, 0.7])
    rewards = (rng.random((60, 4)) < p).astype(np.float64)
    case("02-bernoulli-ties", rewards, SQRT2, catches=ALL,
         note="Bernoulli 0/1 rewards, K=4, T=60, c=sqrt(2): exact ties between arms are frequent and go to the lowest index")

    rewards = rng.normal([0.0, 0.2, 0.5, 0.1, 0.4], 1.0, (80, 5))
    case("03-gaussian-typical", rewards, SQRT2,
         catches=("ln-of-arm-count", "no-initial-round", "mean-one-over-t", "ln-of-step", "regret-realised"),
         note="typical: Gaussian rewards N(mu_a, 1), K=5, T=80, c=sqrt(2) (UCB1)")

    rewards = rng.normal(0, 1, (3, 5))
    case("04-fewer-steps-than-arms", rewards, SQRT2, catches=("no-initial-round", "regret-realised"),
         note="edge: T=3 < K=5: only the initial round is played (arms 0, 1, 2); unplayed arms have count 0 and value 0")

    rewards = rng.normal(0.3, 1, (6, 1))
    case("05-single-arm", rewards, SQRT2, catches=("regret-realised", "no-initial-round"),
         note="edge: K=1: the only arm is played every step; ln(n)/n_a is finite from t=2 on and regret is 0")

    rewards = rng.normal([0.1, 0.6, 0.3], 0.5, (40, 3))
    case("06-c-zero-greedy", rewards, 0.0, catches=("no-initial-round", "mean-one-over-t", "regret-realised"),
         note="edge: c=0: after the initial round, pure greedy on the sample means (no exploration bonus)")

    rewards = rng.normal([0.1, 0.6, 0.3], 0.5, (50, 3))
    case("07-large-c", rewards, 5.0, catches=ALL[:2] + ("mean-one-over-t", "ln-of-step", "regret-realised"),
         note="c=5: the exploration bonus dominates, play counts stay nearly equal")

    rewards = rng.normal(0, 1, (4, 4))
    case("08-exactly-k-steps", rewards, SQRT2, catches=("no-initial-round", "regret-realised"),
         note="edge: T=K=4: exactly the initial round (arms 0, 1, 2, 3 in order), no UCB decision at all")

    # A near-tie the tolerance decides: arm 0 always pays 0.5 and arm 2 always 0.5 + 1e-13 (inside the 1e-9 tie
    # tolerance): whenever their counts agree their scores differ by 1e-13 and arm 0, the lower index, wins.
    rewards = np.stack([np.full(45, 0.5), rng.normal(0.3, 0.3, 45), np.full(45, 0.5 + 1e-13)], axis=1)
    case("09-near-tie-within-tolerance", rewards, 1.0, catches=("ties-highest", "ln-of-arm-count", "mean-one-over-t"),
         near_tie=True,
         note="near-tie: arm 0 always pays 0.5 and arm 2 always 0.5 + 1e-13, inside the 1e-9 tie tolerance: at equal counts the tie goes to arm 0, the lower index")

    # Numerically hard: rewards ~1e6 with arm differences of 1e-2 relative, c scaled to match: scores ~1e6 whose
    # decisive differences are ~1e3, and a long run (T = 400).
    rewards = rng.normal([1e6, 1e6 + 3e3, 1e6 + 5e3, 1e6 + 1e3], 2e4, (400, 4))
    case("10-large-rewards-long-run", rewards, 3e4,
         catches=("ln-of-arm-count", "no-initial-round", "mean-one-over-t", "regret-realised"),
         note="hard: rewards ~1e6 with arm means 1e3 apart and noise 2e4, c=3e4, T=400: means must be exact sums, not drift")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
