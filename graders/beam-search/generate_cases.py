#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the beam-search kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/beam-search/generate_cases.py

The language model of every case is a table of next-token log-probs `in.table` [R, V]: for a prefix
[bos, y1, ..., y_{t-1}] the model returns row (last + V * secondLast) mod R, where last is the prefix's last token
and secondLast the one before it (bos again when the prefix is [bos]). R = V is a bigram model, R = V^2 a trigram one.

Expected values come from a plain-Python implementation of the statement's algorithm (lists, no tensors):
    live = [([bos], 0.0)]; finished = []
    for step in 1..L:
        candidates (s_b + logp[b, v], b, v) over every live beam b and token v, ordered by score descending, then
        beam index ascending, then token id ascending
        walk them with their rank r: an EOS candidate finishes (score s / len^alpha, len = len(prefix_b), i.e. BOS
        counted, EOS not) if r < K; any other extends the prefix into the next live list, until K live beams exist
    after the last step every live beam finishes with len = L + 1
    result: the K best finished by score descending, ties to the earlier finished
Cross-checks, all asserted:
  * a torch 1.13 implementation in Hugging Face's style (the scores of all live beams flattened to [n*V], a stable
    descending sort, the first 2K candidates walked with the same EOS-rank rule, BeamHypotheses-like bookkeeping):
    identical tokens and scores;
  * exhaustive search on tiny vocabularies: with K >= V*(V-1)^(L-1) nothing is ever pruned, so the beam result must
    be the K best of ALL sequences (every EOS-terminated one of length <= L and every EOS-free one of length L);
  * early stopping cannot change the answer (the statement allows it): the search run without early stopping and
    with the bound s_best / (L+1)^alpha gives the same result;
  * sensitivity: each case that claims to catch a mistake (finished beams kept expanding, the length penalty applied
    every step, len counting EOS, ties to the higher id, per-beam top-k, EOS accepted at any rank, no length penalty)
    gives a different answer under that mistake.
Seeds are fixed; the files are deterministic.
"""
import itertools
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "beam-search"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


def model_row(prefix, v, r):
    last = prefix[-1]
    second = prefix[-2] if len(prefix) >= 2 else prefix[0]
    return (last + v * second) % r


# ---------------------------------------------------------------------------------------------- plain Python
def beam_python(table, bos, eos, k, max_len, alpha, mistake=None, early_stop=False):
    r, v = table.shape
    live = [([bos], 0.0)]
    finished = []  # (generated tokens, penalised score)

    def penalised(s, length):
        return s / (length ** alpha)

    for step in range(1, max_len + 1):
        cands = []
        for b, (prefix, s) in enumerate(live):
            row = table[model_row(prefix, v, r)]
            for tok in range(v):
                cands.append((s + float(row[tok]), b, tok))
        if mistake == "ties-high":
            cands.sort(key=lambda c: (-c[0], -c[1], -c[2]))
        else:
            cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        nxt = []
        if mistake == "per-beam":
            # each beam keeps its own best continuation (K greedy searches once K beams exist)
            if len(live) < k:
                pass  # the first step still spreads to K beams from the single start
            else:
                for b, (prefix, s) in enumerate(live):
                    row = table[model_row(prefix, v, r)]
                    best = max(range(v), key=lambda t: (float(row[t]), -t))
                    if best == eos:
                        finished.append((prefix[1:] + [eos], penalised(s + float(row[best]), len(prefix))))
                        rest = [t for t in range(v) if t != eos]
                        best = max(rest, key=lambda t: (float(row[t]), -t))
                    nxt.append((prefix + [best], s + float(row[best])))
                live = nxt
                continue
        for rank, (s, b, tok) in enumerate(cands):
            prefix = live[b][0]
            if tok == eos:
                if rank < k or mistake == "eos-any-rank":
                    length = len(prefix) + 1 if mistake == "len-counts-eos" else len(prefix)
                    if mistake == "no-penalty":
                        length = 1
                    finished.append((prefix[1:] + [eos], penalised(s, length)))
                if mistake == "keep-expanding":
                    nxt.append((prefix + [tok], s))
            else:
                nxt.append((prefix + [tok], s))
            if len(nxt) == k:
                break
        if mistake == "penalty-every-step":
            nxt = [(p, s / (len(p) ** alpha)) for p, s in nxt]
        live = nxt
        if not live:
            break
        if early_stop and len(finished) >= k:
            kth = sorted((f[1] for f in finished), reverse=True)[k - 1]
            best_live = max(s for _, s in live)
            if best_live / ((max_len + 1) ** alpha) <= kth:
                break
    else:
        pass
    if live and (not early_stop or len(live[0][0]) == max_len + 1):
        for prefix, s in live:
            length = len(prefix) if mistake != "no-penalty" else 1
            finished.append((prefix[1:], penalised(s, length)))
    order = sorted(range(len(finished)), key=lambda i: (-finished[i][1], i))[:k]
    return [finished[i] for i in order]


# ---------------------------------------------------------------------------------------------- torch, HF style
def beam_torch(table, bos, eos, k, max_len, alpha):
    table = torch.from_numpy(table)
    r, v = table.shape
    input_ids = torch.tensor([[bos]], dtype=torch.long)
    beam_scores = torch.zeros(1, dtype=torch.float64)
    hyps = []  # (penalised score, insertion index, tokens)
    for step in range(1, max_len + 1):
        last = input_ids[:, -1]
        second = input_ids[:, -2] if input_ids.shape[1] >= 2 else input_ids[:, 0]
        logp = table[(last + v * second) % r]                      # [n, V]
        next_scores = (beam_scores[:, None] + logp).view(-1)        # flat index = b * V + token
        sorted_scores, flat = torch.sort(next_scores, descending=True, stable=True)
        n_take = min(2 * k, flat.numel())
        beam_idx, tokens, scores = [], [], []
        for rank in range(n_take):
            b, tok = divmod(int(flat[rank]), v)
            s = sorted_scores[rank]
            if tok == eos:
                if rank >= k:
                    continue
                hyp = input_ids[b]
                hyps.append(((s / hyp.shape[-1] ** alpha).item(), len(hyps), hyp[1:].tolist() + [eos]))
            else:
                beam_idx.append(b)
                tokens.append(tok)
                scores.append(s)
            if len(tokens) == k:
                break
        if not tokens:
            input_ids = None
            break
        input_ids = torch.cat([input_ids[beam_idx], torch.tensor(tokens, dtype=torch.long)[:, None]], dim=1)
        beam_scores = torch.stack(scores)
    if input_ids is not None:
        for b in range(input_ids.shape[0]):
            hyp = input_ids[b]
            hyps.append(((beam_scores[b] / hyp.shape[-1] ** alpha).item(), len(hyps), hyp[1:].tolist()))
    hyps.sort(key=lambda h: (-h[0], h[1]))
    return [(h[2], h[0]) for h in hyps[:k]]


# ---------------------------------------------------------------------------------------------- exhaustive
def exhaustive(table, bos, eos, k, max_len, alpha):
    r, v = table.shape
    alls = []
    for length in range(1, max_len + 1):
        for seq in itertools.product(range(v), repeat=length):
            if eos in seq[:-1]:
                continue
            if seq[-1] != eos and length < max_len:
                continue
            prefix, s = [bos], 0.0
            for tok in seq:
                s += float(table[model_row(prefix, v, r)][tok])
                prefix.append(tok)
            ell = len(seq) if seq[-1] == eos else len(seq) + 1
            alls.append((list(seq), s / ell ** alpha))
    alls.sort(key=lambda h: -h[1])
    scores = [h[1] for h in alls]
    assert len(set(scores[: k + 1])) == len(scores[: k + 1]), "exhaustive case has exact ties near the top"
    return alls[:k]


# ---------------------------------------------------------------------------------------------- cases
WRITTEN = []


def pack(result, k, max_len):
    tokens = np.full((k, max_len), -1, dtype=np.int64)
    scores = np.zeros(k, dtype=np.float64)
    assert len(result) == k, "fewer than K hypotheses finished"
    for i, (seq, sc) in enumerate(result):
        tokens[i, : len(seq)] = seq
        scores[i] = sc
    return tokens, scores


def same(a, b):
    return len(a) == len(b) and all(x[0] == y[0] and abs(x[1] - y[1]) <= 1e-12 * max(1.0, abs(y[1])) for x, y in zip(a, b))


def case(name, table, bos, eos, k, max_len, alpha, note, catches=(), check_exhaustive=False, exact_ties=False):
    table = np.ascontiguousarray(table, dtype=np.float64)
    r, v = table.shape
    assert 0 <= bos < v and 0 <= eos < v and k >= 1 and max_len >= 1 and alpha >= 0, name
    assert np.all(table <= 0), (name, "log-probs must be <= 0")
    result = beam_python(table, bos, eos, k, max_len, alpha)
    tres = beam_torch(table, bos, eos, k, max_len, alpha)
    assert same(result, tres), (name, "torch HF-style implementation disagrees", result, tres)
    if not exact_ties:
        # no rounding-sensitive ranking: the K best and the next one are separated by more than 1e-9 relative
        everything = beam_python(table, bos, eos, k + 1, max_len, alpha)
        sc = [h[1] for h in everything]
        gaps = [abs(a - b) / max(1.0, abs(b)) for a, b in zip(sc, sc[1:])]
        assert not gaps or min(gaps) > 1e-9, (name, "near-tie among the best hypotheses", min(gaps))
    early = beam_python(table, bos, eos, k, max_len, alpha, early_stop=True)
    assert same(result, early), (name, "early stopping changed the answer")
    ex = "no"
    if check_exhaustive:
        assert k >= v * (v - 1) ** (max_len - 1), (name, "K too small for beam = exhaustive")
        full = exhaustive(table, bos, eos, k, max_len, alpha)
        assert same(result, full), (name, "exhaustive search disagrees", result, full)
        ex = "agrees"
    for m in catches:
        got = beam_python(table, bos, eos, k, max_len, alpha, mistake=m)
        assert len(got) < k or not same(result, got), (name, f"mistake '{m}' gives the same answer")
    tokens, scores = pack(result, k, max_len)
    print(f"{name}: V={v} R={r} K={k} L={max_len} alpha={alpha} -> {[(h[0], round(h[1], 4)) for h in result][:4]}; "
          f"exhaustive {ex}; catches={list(catches)}")
    tensors = {"in.table": table, "out.tokens": tokens, "out.scores": scores}
    args = {"bos": int(bos), "eos": int(eos), "beamWidth": int(k), "maxLength": int(max_len), "lengthPenalty": float(alpha)}
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))
    return result


def log_softmax(x):
    x = np.asarray(x, dtype=np.float64)
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(9107)

    # 01 worked example: bigram model over V = 4 (0 = EOS, 3 = BOS), K = 2, L = 3, alpha = 1
    table = np.array([[-9.0, -9.0, -9.0, -9.0],     # after EOS (never used)
                      [-0.5, -2.0, -1.5, -3.0],     # after token 1
                      [-2.5, -0.25, -0.75, -3.0],   # after token 2
                      [-1.25, -1.0, -0.5, -4.0]])   # after BOS (3)
    res = case("01-worked-example", table, 3, 0, 2, 3, 1.0,
               "worked example of the statement: bigram model V=4, BOS=3, EOS=0, K=2, maxLength=3, lengthPenalty=1",
               catches=("keep-expanding", "len-counts-eos", "no-penalty"))
    print("   worked example:", res)

    # 02 exhaustive: K >= V (V-1)^(L-1), so beam search = exhaustive search (trigram model)
    v = 3
    table = log_softmax(rng.normal(scale=1.5, size=(v * v, v)))
    case("02-exhaustive-tiny", table, 1, 0, 12, 3, 0.8,
         "exhaustive: V=3, maxLength=3, K=12 never prunes, so the result is the 12 best of all 15 sequences (trigram model)",
         check_exhaustive=True, catches=("len-counts-eos", "keep-expanding"))

    # 03 a finished hypothesis must not keep expanding; an exact tie of final scores goes to the earlier finished
    table = np.array([[-0.0625, -0.0625, -9.0, -9.0],   # after EOS: if expanded, cheap continuations
                      [-3.0, -0.125, -0.25, -9.0],      # after 1
                      [-0.375, -2.0, -0.125, -9.0],     # after 2
                      [-0.25, -0.75, -1.25, -9.0]])     # after BOS
    case("03-finished-stop-expanding", table, 3, 0, 2, 4, 1.0,
         "edge: a hypothesis that emits EOS leaves the beam (it must not be extended); [EOS] at step 1 and [1,1,1,2] "
         "tie at -0.25 exactly and the one finished first ranks first", catches=("keep-expanding",), exact_ties=True)

    # 04 exact ties: lower beam index, then lower token id
    table = np.array([[-1.0, -1.0, -1.0, -1.0, -1.0],
                      [-4.0, -1.0, -1.0, -2.0, -9.0],    # after 1
                      [-4.0, -0.5, -1.5, -1.0, -9.0],    # after 2
                      [-4.0, -3.0, -0.25, -0.5, -9.0],   # after 3
                      [-8.0, -1.0, -1.0, -1.0, -9.0]])   # after BOS (4): tokens 1, 2, 3 tie
    case("04-exact-ties", table, 4, 0, 2, 3, 0.0,
         "edge: exact score ties (dyadic log-probs): candidates are ranked by score, then LOWER beam index, then LOWER token id",
         catches=("ties-high",), exact_ties=True)

    # 05 length penalty 0 (sum of log-probs favours short) and 2 (favours long) on the same model
    v = 6
    raw = rng.normal(scale=1.0, size=(v, v))
    raw[:, 0] += 0.8
    table = log_softmax(raw)
    case("05-length-penalty-0", table, 5, 0, 3, 6, 0.0,
         "edge: lengthPenalty=0: the score is the plain sum of log-probs, which favours short hypotheses")
    case("06-length-penalty-2", table, 5, 0, 3, 6, 2.0,
         "edge: lengthPenalty=2: score / len^2 favours long hypotheses; len counts BOS and not EOS",
         catches=("len-counts-eos", "no-penalty", "penalty-every-step"))

    # 07 maxLength = 1 and K = 1
    table = log_softmax(rng.normal(size=(5, 5)))
    case("07-max-length-1", table, 4, 0, 3, 1, 1.0,
         "edge: maxLength=1: one step; live beams finish at maxLength with len=2, an EOS hypothesis with len=1",
         catches=("len-counts-eos",))
    table = log_softmax(rng.normal(scale=1.2, size=(7, 7)))
    case("08-greedy-k-1", table, 6, 2, 1, 8, 1.0,
         "edge: beamWidth=1 is greedy decoding with EOS (EOS id 2, not 0)")

    # 09 nobody says EOS: every beam reaches maxLength
    table = log_softmax(rng.normal(size=(8, 8)))
    table[:, 0] = -50.0
    case("09-no-eos-max-length", table, 7, 0, 4, 6, 0.6,
         "edge: EOS is very unlikely: all 4 hypotheses end at maxLength (len = maxLength + 1), padded with nothing",
         catches=("per-beam",))

    # 10 an EOS candidate ranked >= K is not accepted (HF's rule), even though the K-th live beam comes after it
    table = np.array([[-9.0, -9.0, -9.0, -9.0, -9.0],
                      [-0.5, -9.0, -9.0, -0.25, -9.0],   # after 1: 3 (-0.25), EOS (-0.5)
                      [-0.75, -9.0, -3.0, -9.0, -9.0],   # after 2: EOS (-0.75), 2 (-3)
                      [-5.0, -5.0, -5.0, -5.0, -5.0],    # after 3: everything is expensive
                      [-9.0, -1.0, -1.5, -9.0, -9.0]])   # after BOS: 1 (-1), 2 (-1.5)
    case("10-eos-rank-beyond-k", table, 4, 0, 2, 3, 0.0,
         "edge: EOS candidates finish only when ranked among the top K of their step: at step 2 an EOS ranked 3rd (K=2) "
         "is skipped although only one live beam precedes it", catches=("eos-any-rank",))

    # 11 random trigram model
    v = 12
    table = log_softmax(rng.normal(scale=2.0, size=(v * v, v)))
    case("11-random-trigram", table, 11, 0, 4, 8, 0.6,
         "random: trigram model V=12, K=4, maxLength=8, lengthPenalty=0.6",
         catches=("keep-expanding", "per-beam", "len-counts-eos"))

    # 12 hard: log-probs of magnitude 1e3..1e4 and near-equal continuations
    v = 10
    table = log_softmax(rng.normal(scale=3000.0, size=(v, v)))
    table = np.maximum(table, -1e4)
    table[:, 3] = table[:, 4] - 1e-9 * np.abs(table[:, 4])
    case("12-huge-log-probs", table, 9, 0, 3, 5, 1.3,
         "hard: log-probs down to -1e4 and pairs of tokens differing by one part in 1e9",
         catches=("len-counts-eos",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
