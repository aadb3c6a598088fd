#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the generalized-advantage-estimation kata.

Run with Debian's python3 (python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/generalized-advantage-estimation/generate_cases.py

Expected values come from an independent numpy loop written exactly as CleanRL's ppo.py computes GAE
(https://github.com/vwxyzjn/cleanrl, cleanrl/ppo.py, the `with torch.no_grad():` block after the rollout), on
CleanRL's own flag convention: CleanRL stores `dones[t]` = "obs[t] starts a new episode" (the done returned by the
step *before* t) and `next_done` for the state after the rollout. The kata's `dones[b, t]` is the done returned by
step t itself, so the script converts: cleanrl_dones[:, t] = dones[:, t-1] (t >= 1; cleanrl_dones[:, 0] is never read
by the loop, set to 0), next_done = dones[:, T-1]. The loop is then CleanRL's, line for line:

    for t in reversed(range(T)):
        if t == T - 1: nextnonterminal = 1 - next_done;          nextvalues = next_value
        else:          nextnonterminal = 1 - cleanrl_dones[t+1];  nextvalues = values[t+1]
        delta = rewards[t] + gamma * nextvalues * nextnonterminal - values[t]
        advantages[t] = lastgaelam = delta + gamma * gae_lambda * nextnonterminal * lastgaelam
    returns = advantages + values

Cross-checks, all asserted:
  * the closed form A[b,t] = sum_{s>=t} (prod_{k=t}^{s-1} gamma*lambda*(1-d[b,k])) * delta[b,s] evaluated in 50-digit
    arithmetic (mpmath) agrees with the loop to 1e-12 relative to the case's scale;
  * lambda = 1: returns equal the bootstrapped discounted return R_t = r_t + gamma*(1-d_t)*R_{t+1}, R_T = lastValues;
    lambda = 0: advantages equal the one-step TD errors;
  * the mistakes each case names are outside the kata's tolerance (atol 1e-10, rtol 1e-9): dones ignored, the
    bootstrap value ignored (taken as 0), lambda applied to the delta term as well, and dones read one step late
    (CleanRL's episode-start convention applied to this kata's flags).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "generalized-advantage-estimation"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-9
mpmath.mp.dps = 50
WRITTEN = []


def gae_cleanrl(rewards, values, dones, last_values, gamma, gae_lambda):
    """CleanRL's loop on CleanRL's flags (time-major inside, like CleanRL's [num_steps, num_envs] buffers)."""
    B, T = rewards.shape
    r, v = rewards.T, values.T                      # [T, B]
    cleanrl_dones = np.zeros((T, B))
    cleanrl_dones[1:] = dones.T[:-1]                # obs[t] starts an episode iff step t-1 ended one
    next_done = dones[:, T - 1].astype(np.float64)
    next_value = last_values
    advantages = np.zeros((T, B))
    lastgaelam = 0
    for t in reversed(range(T)):
        if t == T - 1:
            nextnonterminal = 1.0 - next_done
            nextvalues = next_value
        else:
            nextnonterminal = 1.0 - cleanrl_dones[t + 1]
            nextvalues = v[t + 1]
        delta = r[t] + gamma * nextvalues * nextnonterminal - v[t]
        advantages[t] = lastgaelam = delta + gamma * gae_lambda * nextnonterminal * lastgaelam
    returns = advantages + v
    return advantages.T.copy(), returns.T.copy()


def gae_mp(rewards, values, dones, last_values, gamma, gae_lambda):
    """The closed form, in 50-digit arithmetic."""
    B, T = rewards.shape
    g, lam = mpmath.mpf(gamma), mpmath.mpf(gae_lambda)
    out = np.zeros((B, T))
    for b in range(B):
        nd = [1 - int(dones[b, t]) for t in range(T)]
        nv = [mpmath.mpf(values[b, t + 1]) if t + 1 < T else mpmath.mpf(last_values[b]) for t in range(T)]
        delta = [mpmath.mpf(rewards[b, t]) + g * nv[t] * nd[t] - mpmath.mpf(values[b, t]) for t in range(T)]
        for t in range(T):
            acc, w = mpmath.mpf(0), mpmath.mpf(1)
            for s in range(t, T):
                acc += w * delta[s]
                w *= g * lam * nd[s]
                if w == 0:
                    break
            out[b, t] = float(acc)
    return out


def mistakes(rewards, values, dones, last_values, gamma, lam):
    B, T = rewards.shape
    nodone = np.zeros_like(dones)
    late = np.zeros_like(dones)
    late[:, :-1] = dones[:, 1:]                     # done read one step late: d[t+1] cuts t -> t+1
    late[:, -1] = dones[:, -1]

    def loop(d, lv, delta_gamma):
        adv = np.zeros((B, T))
        run = np.zeros(B)
        for t in reversed(range(T)):
            nv = values[:, t + 1] if t + 1 < T else lv
            nt = 1.0 - d[:, t]
            delta = rewards[:, t] + delta_gamma * nv * nt - values[:, t]
            run = delta + gamma * lam * nt * run
            adv[:, t] = run
        return adv

    return {
        "no-reset": loop(nodone, last_values, gamma),
        "no-bootstrap": loop(dones, np.zeros(B), gamma),
        "lambda-on-delta": loop(dones, last_values, gamma * lam),
        "done-one-late": loop(late, last_values, gamma),
    }


def outside(actual, expected):
    return bool(np.any(np.abs(actual - expected) > ATOL + RTOL * np.abs(expected)))


def case(name, rewards, values, dones, last_values, gamma, lam, note, catches=()):
    rewards = np.ascontiguousarray(rewards, dtype=np.float64)
    values = np.ascontiguousarray(values, dtype=np.float64)
    dones = np.ascontiguousarray(dones, dtype=bool)
    last_values = np.ascontiguousarray(last_values, dtype=np.float64)
    B, T = rewards.shape
    assert values.shape == dones.shape == (B, T) and last_values.shape == (B,) and B >= 1 and T >= 1
    adv, ret = gae_cleanrl(rewards, values, dones, last_values, gamma, lam)
    exact = gae_mp(rewards, values, dones, last_values, gamma, lam)
    scale = max(1.0, float(np.abs(exact).max()))
    assert np.all(np.abs(adv - exact) <= 1e-12 * scale), (name, float(np.abs(adv - exact).max()))
    assert not outside(adv, exact) and not outside(ret, exact + values), name
    if lam == 1.0:
        R = np.zeros((B, T))
        nxt = last_values.copy()
        for t in reversed(range(T)):
            nxt = rewards[:, t] + gamma * (1.0 - dones[:, t]) * nxt
            R[:, t] = nxt
        assert np.allclose(ret, R, rtol=1e-12, atol=1e-12 * scale), name
    if lam == 0.0:
        nv = np.concatenate([values[:, 1:], last_values[:, None]], axis=1)
        assert np.allclose(adv, rewards + gamma * nv * (1.0 - dones) - values, rtol=1e-13, atol=1e-13 * scale), name
    wrong = mistakes(rewards, values, dones, last_values, gamma, lam)
    for m in catches:
        assert outside(wrong[m], adv), (name, m, "does not catch it")
    tensors = {"in.rewards": rewards, "in.values": values, "in.dones": dones, "in.lastValues": last_values,
               "out.advantages": adv, "out.returns": ret}
    meta = {"kata": SLUG, "args": json.dumps({"gamma": gamma, "lambda": lam}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: B={B} T={T} gamma={gamma} lambda={lam} dones={int(dones.sum())}; catches {list(catches)}")
    return adv, ret


def rollout(rng, B, T, p_done, scale=1.0):
    rewards = rng.normal(0, 1, (B, T)) * scale
    values = rng.normal(0, 2, (B, T)) * scale
    dones = rng.random((B, T)) < p_done
    last_values = rng.normal(0, 2, B) * scale
    return rewards, values, dones, last_values


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20261127)
    ALL = ("no-reset", "no-bootstrap", "lambda-on-delta", "done-one-late")

    # The statement's worked example: B = 1, T = 4, gamma = 0.5, lambda = 0.5, the episode ends at t = 1.
    adv, ret = case("01-worked-example", [[1.0, 2.0, 0.0, 1.0]], [[0.5, 1.0, 2.0, 1.0]],
                    [[False, True, False, False]], [4.0], 0.5, 0.5, catches=ALL,
                    note="the statement's worked example: B=1, T=4, gamma=0.5, lambda=0.5, the episode ends at t=1")
    print("   worked example: advantages", adv.tolist(), "returns", ret.tolist())

    r, v, d, lv = rollout(rng, 1, 1, 0.0)
    case("02-single-step", r, v, d, lv, 0.99, 0.95, catches=("no-bootstrap", "lambda-on-delta"),
         note="edge: B=1, T=1, not done: A = r + gamma*lastValues - V, the bootstrap value is the only future")

    r, v, d, lv = rollout(rng, 3, 6, 0.0)
    d[:, -1] = True
    case("03-done-at-last-step", r, v, d, lv, 0.99, 0.95, catches=("no-reset", "lambda-on-delta", "done-one-late"),
         note="edge: every episode ends at the last step t=T-1: lastValues belongs to a new episode and must not be used")

    r, v, d, lv = rollout(rng, 4, 8, 0.25)
    d[0, 0] = True
    d[1, :] = False
    d[2, 3:5] = True  # two one-step episodes in a row
    case("04-typical-with-dones", r, v, d, lv, 0.99, 0.95, catches=ALL,
         note="typical: B=4, T=8, gamma=0.99, lambda=0.95, dones mid-rollout, one at t=0, two consecutive ones, one row without any")

    r, v, d, lv = rollout(rng, 3, 10, 0.2)
    case("05-lambda-one-monte-carlo", r, v, d, lv, 0.9, 1.0, catches=("no-reset", "no-bootstrap", "done-one-late"),
         note="lambda=1: returns are the discounted rewards-to-go, cut at each done, bootstrapped by lastValues (here gamma*lambda = gamma)")

    r, v, d, lv = rollout(rng, 3, 10, 0.2)
    case("06-lambda-zero-td", r, v, d, lv, 0.9, 0.0, catches=("no-reset", "no-bootstrap", "done-one-late"),
         note="lambda=0: advantages are the one-step TD errors r + gamma*(1-done)*V(next) - V")

    r, v, d, lv = rollout(rng, 2, 7, 0.0)
    d[:] = True
    case("07-every-step-done", r, v, d, lv, 0.99, 0.95, catches=("no-reset",),
         note="edge: every step ends an episode (bandit-like): A = r - V everywhere, nothing is bootstrapped")

    r, v, d, lv = rollout(rng, 2, 6, 0.3)
    case("08-gamma-one", r, v, d, lv, 1.0, 0.9, catches=ALL,
         note="gamma=1 (undiscounted, as in RLHF) with lambda=0.9")

    r, v, d, lv = rollout(rng, 2, 6, 0.0)
    case("09-gamma-zero", r, v, d, lv, 0.0, 0.95, catches=(),
         note="edge: gamma=0: A = r - V, no future at all (the mistakes coincide with the right answer here)")

    # Numerically hard: a long horizon (T = 512) with gamma = 0.999 and rewards of magnitude 1e6 (unnormalised game
    # scores): advantages of order 1e8; the recursion must not lose relative accuracy.
    r, v, d, lv = rollout(rng, 2, 512, 0.004, scale=1e6)
    r += 3e6
    v += 1e8
    lv += 1e8
    case("10-long-horizon-huge-rewards", r, v, d, lv, 0.999, 0.98, catches=ALL,
         note="hard: T=512, gamma=0.999, lambda=0.98, rewards ~3e6 and values ~1e8 (unnormalised): long recursions at large magnitude")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}, mpmath {mpmath.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
