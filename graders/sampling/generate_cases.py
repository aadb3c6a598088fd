#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the sampling kata (temperature -> top-k -> top-p -> inverse-CDF draw).

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/sampling/generate_cases.py

Expected values come from a torch 1.13 float64 implementation of Hugging Face's logits warpers, in HF's order
(TemperatureLogitsWarper -> TopKLogitsWarper -> TopPLogitsWarper, min_tokens_to_keep = 1):
    T = 0          greedy: id = argmax (first index on ties), probs = one-hot
    z = logits / T
    top-k (0 < k < V): z[z < k-th largest z] = -inf               (every token tied with the k-th value is kept)
    top-p (p < 1):     HF's ascending formulation: sort z ascending, cum = softmax(sorted).cumsum(),
                       remove where cum <= 1 - p, never the last (largest); ties among equal z are ordered so that
                       the HIGHER id comes first in ascending order, i.e. the lower id is kept first
    probs = softmax(z); cdf = probs.cumsum() in token-id order; id = first index with cdf > u
Cross-checks, all asserted:
  * an independent pure-Python implementation of the statement's descending rule (sort by (-z, id), keep a token
    while the sum of the kept probabilities before it is < p; k-th value by sorting; math.exp and plain sums):
    identical ids and kept sets, probabilities within 1e-12;
  * no rounding-sensitive decision: every sorted prefix sum is more than 1e-9 away from p, and every cdf value more
    than 1e-9 away from u, except designed exact boundaries (equal logits, whose softmax is exactly 1/2^j) that the
    case declares;
  * sensitivity: each case that claims to catch a mistake (top-p without the crossing token, top-k after top-p,
    temperature after the filters, no renormalisation, cdf >= u, exactly k tokens on a top-k tie, ties to the
    higher id) gives a different answer under that mistake.
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

SLUG = "sampling"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
NEG_INF = float("-inf")


# ---------------------------------------------------------------------------------------------- torch (HF warpers)
def hf_sample(logits, temperature, top_k, top_p, u):
    logits = torch.from_numpy(logits)
    u = torch.from_numpy(u)
    b, v = logits.shape
    if temperature == 0:
        ids = torch.argmax(logits, dim=-1)
        probs = torch.nn.functional.one_hot(ids, v).to(torch.float64)
        return probs.numpy(), ids.numpy()
    scores = logits / temperature
    if 0 < top_k < v:
        kth = torch.topk(scores, top_k)[0][..., -1, None]
        scores = scores.masked_fill(scores < kth, NEG_INF)
    if top_p < 1:
        flipped = scores.flip(-1)  # ascending stable sort of the flipped row: ties -> higher id first
        sorted_logits, sorted_flipped = torch.sort(flipped, descending=False, stable=True)
        sorted_indices = v - 1 - sorted_flipped
        cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        remove_sorted = cumulative <= (1 - top_p)
        remove_sorted[..., -1:] = False
        remove = remove_sorted.scatter(1, sorted_indices, remove_sorted)
        scores = scores.masked_fill(remove, NEG_INF)
    probs = scores.softmax(dim=-1)
    cdf = probs.cumsum(dim=-1)
    ids = (cdf <= u[:, None]).sum(dim=-1)
    last = torch.where(probs > 0, torch.arange(v).expand(b, v), torch.zeros(b, v, dtype=torch.long)).max(dim=-1).values
    ids = torch.minimum(ids, last)
    return probs.numpy(), ids.numpy()


# ---------------------------------------------------------------------------------------------- pure Python
def py_sample_row(row, temperature, top_k, top_p, u, mistake=None, margins=None):
    """The statement's rules for one row, in plain Python. `mistake` switches on one wrong variant (for the
    sensitivity checks). `margins` collects |prefix sum - p| and |cdf - u| gaps."""
    v = len(row)
    if temperature == 0:
        best = 0
        for i in range(v):
            if row[i] > row[best] or (mistake == "ties-high" and row[i] == row[best]):
                best = i
        probs = [0.0] * v
        probs[best] = 1.0
        return probs, best

    def softmax_kept(z, kept):
        m = max(z[i] for i in kept)
        e = [math.exp(z[i] - m) if i in kept else 0.0 for i in range(v)]
        s = sum(e)
        return [x / s for x in e]

    def top_k_filter(z, kept):
        if not (0 < top_k < v):
            return kept
        order = sorted(kept, key=lambda i: (-z[i], i))
        if mistake == "exactly-k":
            return set(order[:top_k])
        if len(order) < top_k:
            return kept
        kth = z[order[top_k - 1]]
        return {i for i in kept if z[i] >= kth}

    def top_p_filter(z, kept):
        if top_p >= 1:
            return kept
        p = softmax_kept(z, kept)
        key = (lambda i: (-z[i], -i)) if mistake == "ties-high" else (lambda i: (-z[i], i))
        order = sorted(kept, key=key)
        out, before = set(), 0.0
        for i in order:
            if margins is not None:
                margins["p"] = min(margins["p"], abs(before - top_p))
            if mistake == "exclude-crossing":
                if before + p[i] < top_p or not out:
                    out.add(i)
            elif before < top_p:
                out.add(i)
            before += p[i]
        return out

    scale = 1.0 if mistake == "temperature-last" else temperature
    z = [x / scale for x in row]
    kept = set(range(v))
    if mistake == "topk-after-topp":
        kept = top_k_filter(z, top_p_filter(z, kept))
    else:
        kept = top_p_filter(z, top_k_filter(z, kept))
    if mistake == "temperature-last":
        z = [x / temperature for x in row]
    if mistake == "no-renorm":
        full = softmax_kept(z, set(range(v)))
        probs = [full[i] if i in kept else 0.0 for i in range(v)]
    else:
        probs = softmax_kept(z, kept)
    cdf, run = [], 0.0
    for x in probs:
        run += x
        cdf.append(run)
    if margins is not None:
        margins["u"] = min(margins["u"], min(abs(c - u) for c in cdf))
    pick = None
    for i, c in enumerate(cdf):
        if (c >= u) if mistake == "cdf-ge" else (c > u):
            pick = i
            break
    if pick is None:
        pick = max(i for i in range(v) if probs[i] > 0)
    return probs, pick


def py_sample(logits, temperature, top_k, top_p, u, mistake=None, margins=None):
    rows = [py_sample_row(list(map(float, logits[i])), temperature, top_k, top_p, float(u[i]), mistake, margins)
            for i in range(logits.shape[0])]
    return np.array([r[0] for r in rows]), np.array([r[1] for r in rows], dtype=np.int64)


# ---------------------------------------------------------------------------------------------- cases
WRITTEN = []
MISTAKES = ["exclude-crossing", "topk-after-topp", "temperature-last", "no-renorm", "cdf-ge", "exactly-k", "ties-high"]


def case(name, logits, temperature, top_k, top_p, u, note, exact_u=False, exact_p=False, catches=()):
    logits = np.ascontiguousarray(logits, dtype=np.float64)
    u = np.ascontiguousarray(u, dtype=np.float64)
    b, v = logits.shape
    assert u.shape == (b,) and np.all((u >= 0) & (u < 1)), name
    assert temperature >= 0 and top_k >= 0 and 0 < top_p <= 1, name
    probs, ids = hf_sample(logits, temperature, top_k, top_p, u)

    margins = {"p": math.inf, "u": math.inf}
    py_probs, py_ids = py_sample(logits, temperature, top_k, top_p, u, margins=margins)
    assert np.array_equal(py_ids, ids), (name, "pure Python disagrees on ids", py_ids, ids)
    assert np.array_equal(py_probs > 0, probs > 0), (name, "pure Python disagrees on the kept sets")
    dev = float(np.max(np.abs(py_probs - probs)))
    assert dev <= 1e-12, (name, dev)
    if temperature > 0:
        if not exact_p:
            assert margins["p"] > 1e-9, (name, "a prefix sum is within 1e-9 of p", margins["p"])
        if not exact_u:
            assert margins["u"] > 1e-9, (name, "a cdf value is within 1e-9 of u", margins["u"])
        else:
            assert margins["u"] == 0.0, (name, "declared an exact u boundary that is not there")
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-12, rtol=0), name
    assert np.all(probs[np.arange(b), ids] > 0), (name, "sampled a filtered token")
    for m in catches:
        mp, mi = py_sample(logits, temperature, top_k, top_p, u, mistake=m)
        same = np.array_equal(mi, ids) and np.allclose(mp, probs, atol=1e-9, rtol=0)
        assert not same, (name, f"mistake '{m}' gives the same answer")

    kept = (probs > 0).sum(axis=1)
    print(f"{name}: B={b} V={v} T={temperature} k={top_k} p={top_p} -> ids={ids.tolist()[:8]} kept={kept.tolist()[:8]} "
          f"min|prefix-p|={margins['p']:.1e} min|cdf-u|={margins['u']:.1e} pyDev={dev:.1e} catches={list(catches)}")
    tensors = {"in.logits": logits, "in.uniforms": u, "out.probs": probs, "out.ids": ids.astype(np.int64)}
    args = {"temperature": float(temperature), "topK": int(top_k), "topP": float(top_p)}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))
    return probs, ids


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)

    # 01 the statement's worked example
    probs, ids = case("01-worked-example", [[2.0, 1.0, 0.5, 3.0, -1.0]], 0.5, 3, 0.9, [0.1],
                      "worked example of the statement: T=0.5, top-k 3, top-p 0.9, u=0.1 (one row, V=5)",
                      catches=("exclude-crossing", "no-renorm"))
    print("   worked example probs:", ["%.10f" % x for x in probs[0]], "id", ids[0])

    # 02 greedy with ties at the maximum -> lowest id; filters and u are ignored
    logits = np.array([[1.0, 3.0, 3.0, 2.0, -5.0, 3.0],
                       [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
                       [-2.0, -1.0, -3.0, -1.5, -1.0, -4.0],
                       [NEG_INF, 1.0, NEG_INF, 0.0, 1.0, 0.9]])
    case("02-greedy-ties", logits, 0.0, 2, 0.5, [0.99, 0.0, 0.5, 0.25],
         "edge: T=0 is greedy: argmax with ties to the LOWEST id, probs one-hot; topK, topP and u are ignored",
         catches=("ties-high",))

    # 03 top-k ties at the k-th value are all kept (HF's `scores < kth` rule); k=1 with a tied maximum keeps both
    logits = np.array([[3.0, 1.0, 2.0, 2.0, 0.0, 2.0, -1.0],
                       [0.0, 4.0, 1.0, 4.0, 2.0, 1.0, 3.0],
                       [5.0, 5.0, 1.0, 0.0, 2.0, 2.0, 1.0]])
    case("03-topk-ties-kept", logits, 1.0, 2, 1.0, [0.61, 0.7, 0.45],
         "edge: top-k keeps every token tied with the k-th largest value (k=2: 4 tokens in row 0, 2 in row 1, 2 in row 2)",
         catches=("exactly-k",))
    logits = np.array([[1.0, 2.5, 0.0, 2.5, -1.0, 2.5], [0.3, 0.1, 0.3, 0.2, 0.0, -0.2]])
    case("04-topk-1-tied-max", logits, 0.7, 1, 1.0, [0.4, 0.8],
         "edge: top-k with k=1 and a tied maximum keeps all tied tokens and samples among them (not greedy)",
         catches=("exactly-k",))

    # 05 top-p: the token that crosses p is kept; a tie at the boundary keeps the lower id
    logits = np.full((3, 5), NEG_INF)
    logits[0] = np.log([0.05, 0.35, 0.25, 0.2, 0.15])   # 0.35 0.25 | 0.2 crosses p=0.75 -> keep 3 tokens
    logits[1] = np.log([0.15, 0.3, 0.15, 0.25, 0.15])   # 0.3 0.25 0.15(id 0) | 0.15(id 2) crosses; id 4 dropped
    logits[2, :4] = np.log([0.2, 0.2, 0.4, 0.2])        # 0.4 0.2(id 0) | 0.2(id 1) crosses; id 3 dropped; id 4 banned
    case("05-topp-crossing-token", logits, 1.0, 0, 0.75, [0.9, 0.6, 0.95],
         "edge: top-p keeps the smallest highest-probability set whose sum reaches p INCLUDING the token that crosses p; "
         "in rows 1 and 2 tokens tie at the boundary and the lower ids are kept first",
         catches=("exclude-crossing", "ties-high"))

    # 06 order: top-k before top-p (top-p sees the renormalised top-k distribution); temperature before both
    logits = np.log(np.array([[0.35, 0.25, 0.2, 0.2], [0.05, 0.5, 0.3, 0.15]]))
    case("06-topk-then-topp", logits, 1.0, 2, 0.55, [0.7, 0.6],
         "edge: top-k then top-p: after top-k (k=2) row 0 renormalises to 0.583/0.417 so top-p 0.55 keeps ONE token "
         "(top-p first would keep two)", catches=("topk-after-topp",))
    logits = rng.normal(scale=1.5, size=(4, 12))
    case("07-temperature-first", logits, 2.5, 0, 0.6, rng.uniform(0.05, 0.95, size=4),
         "edge: temperature is applied before the filters: at T=2.5 the flatter distribution needs more tokens to reach "
         "p=0.6 than at T=1", catches=("temperature-last", "exclude-crossing", "no-renorm"))

    # 08 inverse CDF boundaries: u = 0 with id 0 filtered out; u exactly on a cdf value (equal logits -> 1/4 each)
    logits = np.array([[-3.0, 1.0, 2.0, 0.5, 1.5, -2.0],
                       [0.0, 0.0, 0.0, 0.0, -9.0, -9.0],
                       [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]])
    case("08-inverse-cdf-boundaries", logits, 1.0, 4, 1.0, [0.0, 0.5, 0.75],
         "edge: the first id whose cdf is STRICTLY greater than u: u=0 with id 0 filtered out (cdf 0 there), and u "
         "exactly equal to a cdf value (equal logits give probabilities of exactly 1/4)", exact_u=True,
         catches=("cdf-ge",))

    # 09 hard: huge logits, tiny temperature, banned tokens (-inf)
    big = rng.normal(scale=1.0, size=(3, 16)) * 1e4
    big[1] = rng.normal(size=16) * 1e-3 + 700.0
    big[2, [0, 5, 9]] = NEG_INF
    case("09-huge-logits-small-temperature", big, 0.002, 0, 0.9, [0.3, 0.5, 0.7],
         "hard: logits of magnitude 1e4 and 700 (exp overflows without subtracting the max) at T=0.002, and banned "
         "tokens with logit -inf")

    # 10 banned tokens with all filters on
    logits = rng.normal(scale=2.0, size=(5, 20))
    logits[rng.random((5, 20)) < 0.3] = NEG_INF
    case("10-banned-tokens", logits, 0.8, 6, 0.85, rng.uniform(0, 1, size=5),
         "edge: logits of -inf (banned tokens) never get probability or get sampled; T=0.8, top-k 6, top-p 0.85",
         catches=("no-renorm",))

    # 11 filters off or degenerate: k >= V, tiny p (only the top token), plain sampling
    logits = rng.normal(size=(3, 9))
    case("11-topk-at-least-v-tiny-p", logits, 1.3, 9, 1e-6, [0.1, 0.5, 0.99],
         "edge: top-k with k = V filters nothing and a tiny top-p keeps only the most probable token (probs one-hot)")
    logits = rng.normal(scale=2.0, size=(6, 40))
    case("12-no-filtering", logits, 1.0, 0, 1.0, rng.uniform(0, 1, size=6),
         "edge: T=1, top-k 0 and top-p 1 switch the filters off: plain softmax sampling by inverse CDF")

    # 13 a realistic batch
    logits = rng.normal(scale=3.0, size=(16, 100))
    case("13-random-batch", logits, 0.7, 20, 0.9, rng.uniform(0, 1, size=16),
         "random: B=16, V=100, T=0.7, top-k 20, top-p 0.9",
         catches=("exclude-crossing", "no-renorm", "temperature-last"))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
