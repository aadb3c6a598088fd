#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the bpe-tokenizer kata (byte-level BPE: train merges, encode text).

Run with Debian's python3 (python3-numpy):
    /usr/bin/python3 graders/bpe-tokenizer/generate_cases.py

Text is UTF-8 bytes stored as int64 tensors (one element per byte, 0..255).
Expected values come from a dictionary-based Python implementation of the statement:
  Train: words = maximal runs of non-whitespace bytes (whitespace = bytes 9, 10, 11, 12, 13, 32), counted by
         frequency; each merge counts every adjacent pair of every word (overlapping positions each count) times the
         word's frequency, takes the highest count, ties -> the lexicographically smallest pair (a, b); new id =
         256 + rank; the pair is replaced in every word left to right, non-overlapping; stop early when no pair exists.
  Encode: apply the merges in rank order, each as one left-to-right non-overlapping pass over the whole sequence.
Cross-checks, all asserted:
  * Train: a naive implementation that never deduplicates words (every occurrence in corpus order, plain lists,
    counts recomputed from scratch with a Counter per merge) gives the same merges;
  * Encode: minbpe's loop (repeatedly merge every occurrence of the lowest-rank pair present until none is left) and
    per-word encoding (whitespace bytes passed through) give the same ids; decoding the ids (each id expanded to its
    bytes) gives back the text;
  * sensitivity: each case that claims to catch a mistake (merges applied right to left, pairs across word boundaries,
    ties to the largest pair, encode in one sweep, counts not weighted by frequency) gives a different answer under it.
Seeds are fixed; the files are deterministic.
"""
import collections
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "bpe-tokenizer"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WHITESPACE = {9, 10, 11, 12, 13, 32}


def split_words(data):
    words, cur = [], []
    for b in data:
        if b in WHITESPACE:
            if cur:
                words.append(tuple(cur))
                cur = []
        else:
            cur.append(b)
    if cur:
        words.append(tuple(cur))
    return words


def merge_word(word, pair, new_id, right_to_left=False):
    if right_to_left:
        return tuple(reversed(merge_word(tuple(reversed(word)), (pair[1], pair[0]), new_id)))
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == pair[0] and word[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


# ---------------------------------------------------------------------------------------------- reference
def train(data, num_merges, mistake=None):
    if mistake == "cross-words":
        freq = collections.Counter([tuple(b for b in data)])  # the whole corpus as one sequence, whitespace included
    else:
        freq = collections.Counter(split_words(data))
    if mistake == "unweighted":
        freq = collections.Counter({w: 1 for w in freq})
    words = dict(freq)
    merges = []
    for rank in range(num_merges):
        counts = {}
        for w, f in words.items():
            for a, b in zip(w, w[1:]):
                counts[(a, b)] = counts.get((a, b), 0) + f
        if not counts:
            break
        best = max(counts.values())
        tied = [p for p, c in counts.items() if c == best]
        pair = max(tied) if mistake == "ties-largest" else min(tied)
        new_id = 256 + rank
        merges.append(pair)
        nxt = {}
        for w, f in words.items():
            m = merge_word(w, pair, new_id, right_to_left=(mistake == "right-to-left"))
            nxt[m] = nxt.get(m, 0) + f
        words = nxt
    return merges


def encode(data, merges, mistake=None):
    seq = tuple(data)
    if mistake == "one-sweep":
        rank = {p: r for r, p in enumerate(merges)}
        out, i = [], 0
        while i < len(seq):
            if i + 1 < len(seq) and (seq[i], seq[i + 1]) in rank:
                out.append(256 + rank[(seq[i], seq[i + 1])])
                i += 2
            else:
                out.append(seq[i])
                i += 1
        return list(out)
    for r, pair in enumerate(merges):
        seq = merge_word(seq, pair, 256 + r, right_to_left=(mistake == "right-to-left"))
    return list(seq)


# ---------------------------------------------------------------------------------------------- cross-checks
def train_naive(data, num_merges):
    occurrences = [list(w) for w in split_words(data)]  # every occurrence, no dedupe
    merges = []
    for rank in range(num_merges):
        counts = collections.Counter()
        for w in occurrences:
            for i in range(len(w) - 1):
                counts[(w[i], w[i + 1])] += 1
        if not counts:
            break
        top = max(counts.values())
        pair = sorted(p for p in counts if counts[p] == top)[0]
        merges.append(pair)
        occurrences = [list(merge_word(tuple(w), pair, 256 + rank)) for w in occurrences]
    return merges


def encode_minbpe(data, merges):
    rank = {p: r for r, p in enumerate(merges)}
    ids = list(data)
    while len(ids) >= 2:
        pairs = set(zip(ids, ids[1:]))
        pair = min(pairs, key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        ids = list(merge_word(tuple(ids), pair, 256 + rank[pair]))
    return ids


def encode_per_word(data, merges):
    out, cur = [], []
    for b in list(data) + [None]:
        if b is None or b in WHITESPACE:
            if cur:
                out.extend(encode(cur, merges))
                cur = []
            if b is not None:
                out.append(b)
        else:
            cur.append(b)
    return out


def decode(ids, merges):
    vocab = {i: bytes([i]) for i in range(256)}
    for r, (a, b) in enumerate(merges):
        vocab[256 + r] = vocab[a] + vocab[b]
    return b"".join(vocab[i] for i in ids)


# ---------------------------------------------------------------------------------------------- cases
WRITTEN = []


def write(name, tensors, args, note, entry):
    meta = {"kata": SLUG, "args": json.dumps(args), "note": note, "entry": entry}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def as_bytes(text):
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.int64)


def merges_array(merges):
    return np.array(merges, dtype=np.int64).reshape(-1, 2)


def train_case(name, text, num_merges, note, catches=(), expect_fewer=False):
    data = as_bytes(text) if isinstance(text, str) else np.asarray(text, dtype=np.int64)
    merges = train(data.tolist(), num_merges)
    assert merges == train_naive(data.tolist(), num_merges), (name, "naive trainer disagrees")
    assert (len(merges) < num_merges) == expect_fewer, (name, len(merges), num_merges)
    for m in catches:
        assert train(data.tolist(), num_merges, mistake=m) != merges, (name, f"mistake '{m}' gives the same merges")
    shown = [(bytes_of(p[0], merges), bytes_of(p[1], merges)) for p in merges[:6]]
    print(f"{name}: {len(data)} bytes, {num_merges} merges asked, {len(merges)} learned; first {shown}; catches={list(catches)}")
    write(name, {"in.corpus": data, "out.merges": merges_array(merges)}, {"numMerges": int(num_merges)}, note, "Train")
    return merges


def bytes_of(i, merges):
    return decode([i], merges)


def encode_case(name, text, merges, note, catches=()):
    data = as_bytes(text) if isinstance(text, str) else np.asarray(text, dtype=np.int64)
    ids = encode(data.tolist(), merges)
    assert ids == encode_minbpe(data.tolist(), merges), (name, "minbpe loop disagrees")
    assert ids == encode_per_word(data.tolist(), merges), (name, "per-word encoding disagrees")
    assert decode(ids, merges) == bytes(data.tolist()), (name, "decode(encode(text)) != text")
    for m in catches:
        assert encode(data.tolist(), merges, mistake=m) != ids, (name, f"mistake '{m}' gives the same ids")
    print(f"{name}: {len(data)} bytes -> {len(ids)} ids {ids[:12]}; catches={list(catches)}")
    write(name, {"in.text": data, "in.merges": merges_array(merges), "out.ids": np.array(ids, dtype=np.int64)}, {}, note, "Encode")
    return ids


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(1337)

    # 01 worked example (Sennrich et al.'s toy corpus)
    corpus = "low " * 5 + "lower " * 2 + "newest " * 6 + "widest " * 3
    merges = train_case("01-train-worked-example", corpus, 6,
                        "worked example of the statement: low x5, lower x2, newest x6, widest x3; 6 merges",
                        catches=("unweighted", "cross-words"))
    print("   worked example merges:", merges)
    encode_case("02-encode-worked-example", "lowest newer", merges,
                "worked example of the statement: encode 'lowest newer' with the merges of the worked example")

    # 03 overlapping runs: 'aaa' -> [aa, a], 'aaaa' -> [aa, aa], left to right
    merges = train_case("03-train-overlapping-runs", "aaa aaa aaaa b", 2,
                        "edge: overlapping pairs: every adjacent position counts ((a,a) occurs 2+2+3 times) and the merge "
                        "is applied left to right, non-overlapping: aaa -> [aa, a]", catches=("right-to-left",))
    encode_case("04-encode-left-to-right", "aaa aaaaa baaa", merges,
                "edge: encode left to right, non-overlapping: aaa -> [aa, a] (not [a, aa]), aaaaa -> [aaaa, a]",
                catches=("right-to-left",))

    # 05 ties -> lexicographically smallest pair of ids; whitespace kinds and byte values above 127
    train_case("05-train-ties-smallest-pair", "xy ba ab yx\tcd\ndc\r\nzz", 3,
               "edge: every pair occurs once: ties go to the lexicographically smallest pair of token ids ((97,98) "
               "before (98,97)); tabs, newlines and CR separate words too", catches=("ties-largest", "cross-words"))

    # 06 frequency weighting: one frequent word vs many distinct words
    corpus = " ".join(["qz"] * 6 + ["ab", "abc", "abd", "abe", "xab"])
    train_case("06-train-frequency-weighted", corpus, 2,
               "edge: pair counts are weighted by word frequency: 'qz' x6 beats (a,b) spread over 5 distinct words",
               catches=("unweighted",))

    # 07 fewer merges than asked: the corpus runs out of pairs
    train_case("07-train-runs-out-of-pairs", "ab ab c", 5,
               "edge: after merging (a,b) every word is one token: training stops with 1 merge although 5 were asked "
               "(merges has shape [1, 2])", expect_fewer=True)

    # 08 UTF-8: multi-byte characters are split into bytes, merges rebuild them
    corpus = "héllo wörld héllo naïve café café ☕☕ ☕ 你好 你好 你好"
    merges = train_case("08-train-utf8-bytes", corpus, 12,
                        "edge: UTF-8 text: é, ö, ï, ☕ and 你好 are 2-3 bytes each (ids 128-255) and merges rebuild them",
                        catches=("cross-words",))
    encode_case("09-encode-utf8-unseen", "café\t☕ 好你 zzz\n  héllo", merges,
                "edge: encode UTF-8 with runs of whitespace (kept as byte ids) and byte pairs never seen in training")

    # 10 encode needs merges built on merges: one left-to-right sweep is not enough
    merges = [(97, 97), (256, 98), (98, 98), (257, 258), (99, 256)]
    encode_case("10-encode-fixed-point", "aab aabbb caab aa b", merges,
                "edge: later merges use earlier merges' ids (aa, then aab, then aab+bb): every merge is applied in rank "
                "order over the whole text, not in one sweep", catches=("one-sweep",))

    # 11 a larger corpus of pseudo-words (hard: many merges, many ties)
    syll = ["ka", "ri", "to", "ne", "sa", "mu", "lo", "pe", "ta", "ri", "ka"]
    words = ["".join(rng.choice(syll, size=rng.integers(1, 5))) for _ in range(400)]
    corpus = " ".join(words)
    merges = train_case("11-train-pseudo-words", corpus, 40,
                        "hard: 400 pseudo-words from 9 syllables, 40 merges: many tied counts and merges of merges",
                        catches=("unweighted", "ties-largest", "cross-words", "right-to-left"))
    text = " ".join("".join(rng.choice(syll, size=rng.integers(1, 6))) for _ in range(60))
    encode_case("12-encode-pseudo-words", text, merges,
                "hard: encode 60 new pseudo-words with the 40 merges learned on case 11", catches=("one-sweep",))

    # 13 train then encode: every training mistake changes how many ids the text becomes
    data = as_bytes(corpus).tolist()
    tdata = as_bytes(text).tolist()
    merges = train(data, 40)
    ids = encode(tdata, merges)
    assert ids == encode_minbpe(tdata, merges) and decode(ids, merges) == bytes(tdata)
    for m in ("unweighted", "ties-largest", "cross-words", "right-to-left"):
        other = encode(tdata, train(data, 40, mistake=m), mistake=("right-to-left" if m == "right-to-left" else None))
        assert len(other) != len(ids), ("13-train-then-encode", m, "same number of ids")
    print(f"13-train-then-encode: {len(tdata)} bytes -> {len(ids)} ids")
    write("13-train-then-encode", {"in.corpus": as_bytes(corpus), "in.text": as_bytes(text), "out.ids": np.array(ids, dtype=np.int64)},
          {"numMerges": 40}, "train 40 merges on the corpus of case 11, then encode the text of case 12 with YOUR merges: "
          "any training mistake changes how many ids the text becomes", "TrainEncode")

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
