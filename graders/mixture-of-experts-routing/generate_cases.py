#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the mixture-of-experts-routing kata (top-k gating, expert capacity, Switch aux loss).

Run with Debian's python3 (python3-torch, python3-numpy):
    /usr/bin/python3 graders/mixture-of-experts-routing/generate_cases.py

Rules (katas/mixture-of-experts-routing/README.md):
  * experts[t] = the k experts with the largest logits, best first; equal logits -> lower expert index first;
  * gates[t] = softmax over the k chosen logits (= top-k of the full softmax renormalised to sum to 1);
  * capacity C = ceil(capacityFactor * N * k / E) (double arithmetic, left to right);
  * priority: all first choices in token order, then all second choices in token order, ...; the j-th choice an expert
    receives gets slot j (0-based); slot >= C -> dropped: slot -1 and gate 0, the token's other gates NOT renormalised;
  * aux = E * sum_e f_e * P_e, f_e = (choices routed to e BEFORE drops) / (N*k), P_e = mean_t softmax(logits[t])_e.
Expected values: a torch 1.13 implementation in float64 (stable descending sort, one_hot + cumsum for the slots).
For float32 cases the logits are float32; expected values are computed in float64 from them and rounded to float32.
Cross-checks, all asserted:
  * an independent numpy implementation with explicit Python loops (sorted() by (-logit, index) for the ranking, a
    per-expert counter walked in (rank, token) order, an explicit longdouble softmax) gives identical experts and
    slots and gates/aux within 1e-14;
  * the gates equal the renormalised top-k of the full softmax (the equivalence the statement states);
  * float32 cases are achievable: the same routing computed entirely in float32 torch gives identical experts and
    slots and gates/aux within a quarter of the kata's float32 tolerance;
  * each case exercises what its note says (ties present, drops present or absent, all choices of a token dropped, ...).
Seeds are fixed; the files are deterministic.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "mixture-of-experts-routing"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
TOL = {torch.float64: (1e-10, 1e-8), torch.float32: (1e-6, 1e-5)}


def capacity(n, e, k, cf):
    return int(math.ceil(cf * n * k / e))


def route_torch(logits, k, cf):
    """torch implementation in the dtype of logits."""
    n, e = logits.shape
    c = capacity(n, e, k, cf)
    sorted_, order = torch.sort(logits, dim=1, descending=True, stable=True)
    experts = order[:, :k]
    gates = torch.softmax(sorted_[:, :k], dim=-1)
    rank_major = experts.t().reshape(-1)
    one_hot = torch.nn.functional.one_hot(rank_major, e)
    pos = one_hot.cumsum(0).gather(1, rank_major[:, None])[:, 0] - 1
    slots = pos.view(k, n).t().clone()
    dropped = slots >= c
    slots[dropped] = -1
    gates = gates.masked_fill(dropped, 0.0)
    f = one_hot.sum(0).to(logits.dtype) / (n * k)
    p = torch.softmax(logits, dim=-1).mean(0)
    aux = e * (f * p).sum()
    return experts, gates, slots, aux, c


def route_loops(logits, k, cf):
    """Independent numpy implementation with explicit loops, softmax in np.longdouble."""
    x = logits.astype(np.longdouble)
    n, e = x.shape
    c = capacity(n, e, k, cf)
    experts = np.zeros((n, k), dtype=np.int64)
    gates = np.zeros((n, k), dtype=np.longdouble)
    probs = np.zeros((n, e), dtype=np.longdouble)
    for t in range(n):
        ranked = sorted(range(e), key=lambda j: (-x[t, j], j))
        experts[t] = ranked[:k]
        z = np.exp(x[t] - x[t].max())
        probs[t] = z / z.sum()
        top = probs[t, ranked[:k]]
        gates[t] = top / top.sum()
    slots = np.full((n, k), -1, dtype=np.int64)
    fill = [0] * e
    routed = [0] * e
    for r in range(k):
        for t in range(n):
            ex = experts[t, r]
            routed[ex] += 1
            if fill[ex] < c:
                slots[t, r] = fill[ex]
            fill[ex] += 1
            if slots[t, r] < 0:
                gates[t, r] = 0
    f = np.array(routed, dtype=np.longdouble) / (n * k)
    aux = e * np.sum(f * probs.mean(axis=0))
    return experts, gates, slots, aux, c, probs


WRITTEN = []


def case(name, logits, k, cf, dtype, note, expect=()):
    logits = logits.to(dtype).contiguous()
    n, e = logits.shape
    assert 1 <= k <= e and cf > 0
    experts, gates, slots, aux, c = route_torch(logits.double(), k, cf)
    l_experts, l_gates, l_slots, l_aux, l_c, l_probs = route_loops(logits.double().numpy(), k, cf)
    assert c == l_c
    assert np.array_equal(experts.numpy(), l_experts), name
    assert np.array_equal(slots.numpy(), l_slots), name
    dev_g = float(np.max(np.abs(gates.numpy().astype(np.longdouble) - l_gates)))
    dev_a = abs(float(aux) - float(l_aux)) / max(1.0, abs(float(l_aux)))
    assert dev_g <= 1e-14 and dev_a <= 1e-14, (name, dev_g, dev_a)
    # Equivalence stated in the README: softmax over the top-k logits == renormalised top-k of the full softmax.
    full = torch.softmax(logits.double(), dim=-1).gather(1, experts)
    renorm = full / full.sum(-1, keepdim=True)
    kept = slots >= 0
    assert torch.allclose(renorm.masked_fill(~kept, 0.0), gates, rtol=0, atol=1e-15), name

    dropped = int((slots < 0).sum())
    ties = any(len(set(row)) < len(row) for row in logits.double().numpy().tolist())
    facts = {
        "drops": dropped > 0,
        "no-drops": dropped == 0,
        "ties": ties,
        "token-fully-dropped": bool((slots < 0).all(1).any()),
        "rank-priority-matters": rank_priority_matters(experts, c, e),
    }
    for fact in expect:
        assert facts[fact], (name, fact, facts)

    out = {"out.experts": experts, "out.gates": gates.to(dtype), "out.slots": slots, "out.auxLoss": aux.to(dtype)}
    extra = ""
    if dtype == torch.float32:
        e32, g32, s32, a32, _ = route_torch(logits, k, cf)
        assert torch.equal(e32, experts) and torch.equal(s32, slots), name
        atol, rtol = TOL[torch.float32]
        worst = 0.0
        for got, exp in ((g32, out["out.gates"]), (a32, out["out.auxLoss"])):
            err = (got.double() - exp.double()).abs()
            worst = max(worst, float((err / (atol + rtol * exp.double().abs())).max()))
        assert worst <= 0.25, (name, "float32 routing is not comfortably within tolerance", worst)
        extra = f"; pure-float32 torch: max err/tolerance = {worst:.3f}"
    print(f"{name}: {str(dtype).replace('torch.', '')} N={n} E={e} k={k} cf={cf} C={c} dropped={dropped}/{n * k} "
          f"ties={ties} aux={float(aux):.6f}; loops vs torch: gates {dev_g:.1e}, aux {dev_a:.1e}{extra}")

    tensors = {"in.logits": logits.numpy()}
    tensors.update({key: val.numpy() for key, val in out.items()})
    meta = {"kata": SLUG, "args": json.dumps({"k": int(k), "capacityFactor": float(cf)}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 100_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))


def rank_priority_matters(experts, c, e):
    """True when serving choices token by token (t0's choices, then t1's, ...) would keep a different set."""
    n, k = experts.shape
    fill = [0] * e
    token_order = np.full((n, k), -1)
    for t in range(n):
        for r in range(k):
            ex = int(experts[t, r])
            if fill[ex] < c:
                token_order[t, r] = fill[ex]
            fill[ex] += 1
    fill = [0] * e
    rank_order = np.full((n, k), -1)
    for r in range(k):
        for t in range(n):
            ex = int(experts[t, r])
            if fill[ex] < c:
                rank_order[t, r] = fill[ex]
            fill[ex] += 1
    return not np.array_equal(token_order >= 0, rank_order >= 0)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    g = torch.Generator().manual_seed(20261127)

    def rn(*shape, scale=1.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * scale

    def grid(*shape, step=0.5, scale=2.0):
        return torch.round(rn(*shape, scale=scale) / step) * step

    f64, f32 = torch.float64, torch.float32

    # 01: the README's worked example.
    worked = torch.tensor([[2.0, 1.0, 0.0], [1.0, 2.0, 0.0], [2.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    case("01-worked-example", worked, 2, 0.75, f64,
         "the statement's worked example: N=4 E=3 k=2 capacityFactor=0.75 (C=2), a tie and two drops",
         expect=("drops", "ties", "rank-priority-matters"))
    case("02-basic-no-drops-f64", rn(12, 6), 2, 4.0, f64,
         "basic: N=12 E=6 k=2, capacityFactor 4 (C=16): no choice is dropped, checks the top-k, gates and aux loss",
         expect=("no-drops",))
    case("03-top1-switch", rn(16, 4, scale=1.5), 1, 1.0, f64,
         "edge: k=1 (Switch routing), capacityFactor 1 (C=4): gates are 1 where kept, 0 where dropped",
         expect=("drops",))
    case("04-ties-lower-index", grid(10, 5, step=1.0, scale=0.8), 2, 2.0, f64,
         "edge: integer logits with many exact ties: equal logits rank the lower expert index first",
         expect=("ties",))
    case("05-rank-priority-f64", torch.cat([rn(6, 4) + torch.tensor([3.0, 0, 0, 0], dtype=torch.float64),
                                            rn(6, 4) + torch.tensor([0, 3.0, 2.5, 0], dtype=torch.float64)]),
         2, 1.0, f64,
         "capacity: many tokens want expert 0 or 1 first (C=6): all first choices are served before any second choice, "
         "so early tokens' second choices are dropped in favour of later tokens' first choices",
         expect=("drops", "rank-priority-matters"))
    case("06-token-fully-dropped", torch.tensor([[5.0, 4.0, 0.0, -1.0]] * 5 + [[0.0, 1.0, 2.0, 3.0]]), 2, 0.5, f64,
         "capacity: capacityFactor 0.5 (C=2) with 5 identical tokens: later tokens lose both choices (all gates 0, "
         "slots -1), and the kept gates are not renormalised",
         expect=("drops", "token-fully-dropped"))
    case("07-k-equals-E", rn(7, 3), 3, 1.0, f64,
         "edge: k=E=3: every expert is chosen by every token, in descending logit order; C=7 so nothing is dropped",
         expect=("no-drops",))
    case("08-single-token", rn(1, 8), 2, 1.0, f64,
         "edge: N=1, E=8, k=2: C=ceil(0.25)=1, one slot per expert is enough", expect=("no-drops",))
    # 09: huge logits in float32: exp(1e3) overflows float32 unless the row max is subtracted.
    big = rn(12, 6, scale=3.0) + 1000.0 * torch.sign(rn(12, 1))
    case("09-huge-logits-f32", big, 2, 1.0, f32,
         "hard: float32 logits of magnitude ~1e3 (both signs): a softmax without the max shift overflows to inf/NaN",
         expect=("drops",))
    case("10-basic-f32", rn(24, 8, scale=2.0), 2, 1.25, f32,
         "basic: float32 N=24 E=8 k=2 capacityFactor 1.25 (C=8)")
    case("11-unbalanced-aux-f32", rn(40, 5) + torch.tensor([2.0, 1.0, 0.0, -1.0, -2.0], dtype=torch.float64), 3, 1.0, f32,
         "aux loss: unbalanced router (expert 0 favoured) with k=3 and drops: f_e counts the choices BEFORE drops "
         "and is divided by N*k, P_e is the mean probability, times E",
         expect=("drops",))
    near = torch.tensor([[1.0, 1.0 + 2**-40, 1.0 - 2**-40, 1.0 + 2**-40]], dtype=torch.float64).repeat(9, 1)
    case("12-near-ties-f64", near, 2, 1.5, f64,
         "hard: logits 1, 1+2^-40, 1-2^-40, 1+2^-40: experts 1 and 3 tie exactly (lower index first), the others differ "
         "by 2^-40 and are not ties; 9 identical tokens, capacityFactor 1.5 (C=7)", expect=("drops", "ties"))
    case("13-capacity-rounds-up", rn(10, 4), 2, 1.1, f64,
         "capacity: C = ceil(1.1*10*2/4) = ceil(5.5) = 6 (rounded up, not down)", expect=("drops",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
