#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the value-iteration kata.

Run with Debian's python3 (python3-numpy):
    /usr/bin/python3 graders/value-iteration/generate_cases.py

Expected values come from an independent plain-Python loop over states, actions and next states (scalar floats, no
matrix products), written from the statement's rules:
  * V_0 = 0; iteration k computes Q_k[s, a] = R[s, a] + gamma * sum_s' P[s, a, s'] * V_k[s'] and
    V_{k+1}[s] = max_a Q_k[s, a] for every state from V_k alone (synchronous, Jacobi-style);
  * it stops after the first iteration k + 1 with max_s |V_{k+1}[s] - V_k[s]| < tol, or after maxIterations
    iterations; the returned V is V_{k+1} (the last update IS applied) and iterations = k + 1;
  * Q = R + gamma * P V from that returned V (one more backup); the policy is the lowest action index among the
    actions whose Q is >= max_a Q - 1e-9 (the statement's tie tolerance).

Cross-checks, all asserted:
  * a vectorised numpy implementation (einsum, the same stopping rule) agrees on iterations and policy exactly and on
    V and Q to 1e-12;
  * V is within 2 * gamma * tol / (1 - gamma) (the textbook bound, plus round-off) of V* = the value of the optimal
    policy computed by policy iteration with exact linear solves (np.linalg.solve), when the loop converged;
  * the policy is robust: for every state, the best action outside the tie set is at least 1e-7 below the maximum,
    and the actions inside it are within 1e-11 of it — except the near-tie case's states, which must have a tie the
    tolerance decides (a gap in (1e-14, 1e-11]);
  * the stopping rule is robust: the last iteration's max |dV| is below tol, and the one before above it, by at least
    1e-6 * tol + 1e-14 * max|V| (~100 ulps of V: no summation order flips the iteration count);
  * the mistakes each case names are caught (iterations or policy differ, or V/Q outside atol 1e-10, rtol 1e-10):
    Gauss-Seidel (in-place) sweeps, gamma applied to the reward as well, ties broken to the highest action, the
    last update not applied (V_k returned), the stopping test on the sum of |dV| instead of the max.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "value-iteration"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-10, 1e-10
TIE = 1e-9
WRITTEN = []


def vi_loop(P, R, gamma, tol, max_it, variant=None):
    S, A = len(R), len(R[0])

    def backup(s, a, V):
        acc = 0.0
        for s2 in range(S):
            acc += P[s][a][s2] * V[s2]
        if variant == "gamma-on-reward":
            return gamma * (R[s][a] + acc)
        return R[s][a] + gamma * acc

    V = [0.0] * S
    deltas = []
    it = 0
    while True:
        it += 1
        prev = list(V)
        if variant == "gauss-seidel":
            for s in range(S):
                V[s] = max(backup(s, a, V) for a in range(A))
            new = V
        else:
            new = [max(backup(s, a, prev) for a in range(A)) for s in range(S)]
        diffs = [abs(new[s] - prev[s]) for s in range(S)]
        delta = sum(diffs) if variant == "sum-of-changes" else max(diffs)
        deltas.append(delta)
        V = list(new)
        if delta < tol or it >= max_it:
            break
    if variant == "last-update-not-applied":
        V = prev
    Q = [[backup(s, a, V) for a in range(A)] for s in range(S)]
    policy, gaps = [], []
    for s in range(S):
        best = max(Q[s])
        tied = [a for a in range(A) if Q[s][a] >= best - TIE]
        policy.append(tied[-1] if variant == "ties-highest" else tied[0])
        others = [best - Q[s][a] for a in range(A) if a not in tied]
        gaps.append((min(others) if others else np.inf, max(best - Q[s][a] for a in tied)))
    return np.array(V), np.array(Q), np.array(policy, dtype=np.int64), it, deltas, gaps


def vi_numpy(P, R, gamma, tol, max_it):
    V = np.zeros(R.shape[0])
    it = 0
    while True:
        it += 1
        new = (R + gamma * np.einsum("sat,t->sa", P, V)).max(axis=1)
        delta = np.abs(new - V).max()
        V = new
        if delta < tol or it >= max_it:
            break
    Q = R + gamma * np.einsum("sat,t->sa", P, V)
    policy = np.array([np.flatnonzero(q >= q.max() - TIE)[0] for q in Q], dtype=np.int64)
    return V, Q, policy, it


def optimal_values(P, R, gamma):
    S = R.shape[0]
    pi = np.zeros(S, dtype=np.int64)
    for _ in range(1000):
        Ppi = P[np.arange(S), pi]
        Rpi = R[np.arange(S), pi]
        V = np.linalg.solve(np.eye(S) - gamma * Ppi, Rpi)
        Q = R + gamma * np.einsum("sat,t->sa", P, V)
        new = Q.argmax(axis=1)
        improve = Q[np.arange(S), new] > Q[np.arange(S), pi] + 1e-12
        if not improve.any():
            return V
        pi = np.where(improve, new, pi)
    raise AssertionError("policy iteration did not converge")


def outside(actual, expected):
    return bool(np.any(~(np.abs(actual - expected) <= ATOL + RTOL * np.abs(expected))))


def differs(a, b):
    return a[3] != b[3] or not np.array_equal(a[2], b[2]) or outside(a[0], b[0]) or outside(a[1], b[1])


def case(name, P, R, gamma, tol, max_it, note, catches=(), near_tie_states=()):
    P = np.ascontiguousarray(P, dtype=np.float64)
    R = np.ascontiguousarray(R, dtype=np.float64)
    S, A = R.shape
    assert P.shape == (S, A, S) and np.all(P >= 0) and np.allclose(P.sum(axis=2), 1.0, atol=1e-14), name
    assert 0 <= gamma < 1 and tol > 0 and max_it >= 1, name
    V, Q, policy, it, deltas, gaps = vi_loop(P.tolist(), R.tolist(), gamma, tol, max_it)
    nV, nQ, npol, nit = vi_numpy(P, R, gamma, tol, max_it)
    assert it == nit and np.array_equal(policy, npol), (name, it, nit, policy, npol)
    assert np.allclose(V, nV, rtol=1e-12, atol=1e-12) and np.allclose(Q, nQ, rtol=1e-12, atol=1e-12), name
    converged = deltas[-1] < tol
    # Round-off in |dV| is a few ulps of V: the stopping test must not be that close to tol.
    margin = 1e-6 * tol + 1e-14 * max(1.0, float(np.abs(V).max()))  # ~100 ulps of V
    if converged:
        vstar = optimal_values(P, R, gamma)
        bound = 2 * gamma * tol / (1 - gamma) + 1e-12 * max(1.0, np.abs(vstar).max())
        assert np.abs(V - vstar).max() <= bound, (name, np.abs(V - vstar).max(), bound)
        assert deltas[-1] + margin < tol, (name, "the last change is too close to tol", deltas[-1])
    if len(deltas) >= 2:
        assert deltas[-2] > tol + margin, (name, "the previous change is too close to tol", deltas[-2])
    for s, (other_gap, tied_spread) in enumerate(gaps):
        assert other_gap >= 1e-7, (name, s, "an action within rounding of the tie tolerance", other_gap)
        if s in near_tie_states:
            assert 1e-14 < tied_spread <= 1e-11, (name, s, "not a near-tie the tolerance decides", tied_spread)
        else:
            assert tied_spread <= 1e-11, (name, s, tied_spread)
    expected = (V, Q, policy, it)
    for m in catches:
        wrong = vi_loop(P.tolist(), R.tolist(), gamma, tol, max_it, variant=m)
        assert differs(wrong[:4], expected), (name, m, "does not catch it")
    tensors = {"in.transitions": P, "in.rewards": R, "out.values": V, "out.q": Q, "out.policy": policy,
               "out.iterations": np.array(it, dtype=np.int64)}
    meta = {"kata": SLUG, "args": json.dumps({"gamma": gamma, "tol": tol, "maxIterations": max_it}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, path
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: S={S} A={A} gamma={gamma} tol={tol} it={it}{'' if converged else ' (maxIterations)'} "
          f"policy={policy.tolist()}; catches {list(catches)}")
    return V, Q, policy, it


def random_mdp(rng, S, A, sparsity=0.0):
    P = rng.random((S, A, S)) ** 3
    if sparsity:
        P *= rng.random((S, A, S)) >= sparsity
        P[np.arange(S)[:, None], np.arange(A)[None, :], rng.integers(0, S, (S, A))] += 0.1
    P /= P.sum(axis=2, keepdims=True)
    R = rng.normal(0, 1, (S, A))
    return P, R


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(20261127)
    ALL = ("gauss-seidel", "gamma-on-reward", "last-update-not-applied", "sum-of-changes")

    # The statement's worked example: 2 states, 2 actions; state 1 is absorbing with reward 0.
    P = np.zeros((2, 2, 2))
    P[0, 0] = [1.0, 0.0]      # stay: reward 2
    P[0, 1] = [0.0, 1.0]      # leave for the absorbing state: reward 3
    P[1, :, 1] = 1.0
    R = np.array([[2.0, 3.0], [0.0, 0.0]])
    V, Q, pol, it = case("01-worked-example", P, R, 0.5, 0.1, 100, catches=("gamma-on-reward", "last-update-not-applied"),
                         note="the statement's worked example: 2 states, 2 actions, state 1 absorbing, gamma=0.5, tol=0.1")
    print("   worked example: V", V.tolist(), "Q", Q.tolist(), "policy", pol.tolist(), "iterations", it)

    P, R = random_mdp(rng, 6, 3)
    case("02-typical", P, R, 0.9, 1e-8, 1000, catches=ALL,
         note="typical: a dense random MDP, S=6, A=3, gamma=0.9, tol=1e-8")

    P, R = random_mdp(rng, 8, 2, sparsity=0.7)
    P[7] = 0.0
    P[7, :, 7] = 1.0
    R[7] = 0.0
    P[3] = 0.0
    P[3, :, 3] = 1.0
    R[3] = 0.0
    case("03-absorbing-states", P, R, 0.95, 1e-8, 1000, catches=ALL,
         note="terminal states: states 3 and 7 are absorbing (P[s, a, s] = 1, R = 0, so V = 0) and reached from a sparse MDP")

    P, R = random_mdp(rng, 5, 3)
    case("04-gamma-zero", P, R, 0.0, 1e-6, 100, catches=("gamma-on-reward",),
         note="edge: gamma=0: V = max_a R after one iteration, the second changes nothing and stops (iterations=2)")

    P, R = random_mdp(rng, 5, 2)
    case("05-max-iterations-binds", P, R, 0.99, 1e-12, 25, catches=("gauss-seidel", "gamma-on-reward", "last-update-not-applied"),
         note="edge: gamma=0.99 and tol=1e-12 cannot converge in maxIterations=25: stop after 25 iterations and return V_25")

    P, R = random_mdp(rng, 1, 3)
    case("06-single-state", P, R, 0.8, 1e-9, 1000, catches=("gamma-on-reward", "last-update-not-applied"),
         note="edge: one state (a self-loop): V = max_a R / (1 - gamma) in the limit")

    P, R = random_mdp(rng, 4, 1)
    case("07-single-action", P, R, 0.9, 1e-9, 1000, catches=ALL,
         note="edge: one action: value iteration is policy evaluation of the only policy (policy all 0)")

    # Exact ties: actions 1 and 2 are copies (same transitions, same rewards) in every state, and in state 0 action 0
    # is a copy too: the lowest index of each tie wins.
    P, R = random_mdp(rng, 5, 3)
    P[:, 2] = P[:, 1]
    R[:, 2] = R[:, 1]
    P[0, 0] = P[0, 1]
    R[0, 0] = R[0, 1]
    case("08-exact-ties", P, R, 0.9, 1e-8, 1000, catches=("ties-highest", "gauss-seidel", "gamma-on-reward"),
         note="ties: action 2 duplicates action 1 in every state (and action 0 duplicates it in state 0): the lowest tied index wins")

    # A near-tie the tolerance decides: in states 0 and 2, action 2 is action 0 with the reward raised by 3e-12 (its
    # Q is 3e-12 higher, inside the 1e-9 tie tolerance): the policy must pick action 0, the lower index.
    P, R = random_mdp(rng, 4, 3)
    for s in (0, 2):
        R[s, 0] += 2.0   # make action 0 (and its copy) the best in these states
        P[s, 2] = P[s, 0]
        R[s, 2] = R[s, 0] + 3e-12
    case("09-near-tie", P, R, 0.9, 2e-9, 1000, catches=("ties-highest",), near_tie_states=(0, 2),
         note="near-tie: in states 0 and 2 action 2's Q exceeds action 0's by 3e-12, inside the 1e-9 tie tolerance: the policy takes action 0")

    # Numerically hard: gamma = 0.99 and rewards ~1e4: V ~ 1e6, thousands of iterations, and a stopping test at a tol
    # ~1e-4 that is 1e-10 relative to V.
    # |dV| shrinks by only ~1% per iteration there, so tol is placed halfway (geometrically) between two consecutive
    # changes near 1e-4, far from both compared with round-off (a few ulps of 1e6, ~1e-9).
    P, R = random_mdp(rng, 12, 3, sparsity=0.5)
    R = R * 500 + 10000
    V, d = np.zeros(12), []
    while not d or d[-1] >= 1e-4:
        new = (R + 0.99 * np.einsum("sat,t->sa", P, V)).max(axis=1)
        d.append(np.abs(new - V).max())
        V = new
    tol = float(np.sqrt(d[-1] * d[-2]))
    case("10-long-horizon", P, R, 0.99, tol, 100000, catches=("gauss-seidel", "gamma-on-reward", "sum-of-changes"),
         note=f"hard: gamma=0.99, rewards ~1e4 so V ~ 1e6, tol={tol:.6g} (1e-10 relative to V): thousands of synchronous iterations")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
