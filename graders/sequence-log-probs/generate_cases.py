#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the sequence-log-probs kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy, python3-mpmath):
    /usr/bin/python3 graders/sequence-log-probs/generate_cases.py

Expected values come from PyTorch 1.13 in float64, written the way RLHF trainers do it but through a different op
than the C# reference (which uses log_softmax + gather):
    labels = inputIds[:, 1:], with -100 wherever position t+1 is not scored
    scored(b, t+1) = (t+1 >= promptLengths[b]) and attentionMask[b, t+1] == 1
    TokenLogps = -F.cross_entropy(logits[:, :-1].transpose(1, 2), labels, ignore_index=-100, reduction="none")
    SequenceLogps = TokenLogps.sum(1);  MeanLogps = SequenceLogps / max(1, number scored)
    grad.logits = autograd of SequenceLogps.sum() + MeanLogps.sum() with respect to logits
Cross-checks, all asserted:
  * every scored token's log-prob against a log-softmax in 50-digit arithmetic (mpmath), 1e-12 relative to the
    row's largest |logit| (+1e-12), and every unscored entry exactly 0;
  * grad.logits against the closed form (1 + 1/count_b) * (onehot(label) - softmax(logits[b, t])) at scored
    positions and 0 elsewhere (the last position's logits included), to 1e-12;
  * the mistakes each case is meant to catch are outside the kata's tolerance (atol 1e-9, rtol 1e-9): no shift
    between logits and labels, prompt not masked, padding not masked, mean over every position instead of over
    the scored ones; the hard case makes log(softmax(x)) non-finite.
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "sequence-log-probs"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
ATOL, RTOL = 1e-9, 1e-9
mpmath.mp.dps = 50
WRITTEN = []


def scored_mask(ids, attn, prompt):
    B, T = ids.shape
    pos = np.arange(1, T)[None, :]
    return (pos >= prompt[:, None]) & (attn[:, 1:] != 0)


def expected(logits, ids, attn, prompt):
    lg = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    sc = torch.tensor(scored_mask(ids, attn, prompt))
    labels = torch.tensor(ids[:, 1:]).masked_fill(~sc, -100)
    tok = -F.cross_entropy(lg[:, :-1].transpose(1, 2), labels, ignore_index=-100, reduction="none")
    seq = tok.sum(1)
    mean = seq / sc.sum(1).clamp(min=1).double()
    (g,) = torch.autograd.grad(seq.sum() + mean.sum(), [lg])
    return {"out.tokenLogps": tok.detach().numpy(), "out.sequenceLogps": seq.detach().numpy(),
            "out.meanLogps": mean.detach().numpy(), "grad.logits": g.numpy()}


def log_softmax_np(x):
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


def variant(logits, ids, attn, prompt, shift=True, prompt_mask=True, pad_mask=True, mean_all=False):
    B, T, V = logits.shape
    if shift:
        lp = log_softmax_np(logits[:, :-1])
        lab = ids[:, 1:]
    else:
        lp = log_softmax_np(logits[:, 1:])  # logits at t+1 scored against the token at t+1
        lab = ids[:, 1:]
    tok = np.take_along_axis(lp, lab[..., None], -1)[..., 0]
    pos = np.arange(1, T)[None, :]
    sc = np.ones_like(tok, dtype=bool)
    if prompt_mask:
        sc &= pos >= prompt[:, None]
    if pad_mask:
        sc &= attn[:, 1:] != 0
    tok = np.where(sc, tok, 0.0)
    seq = tok.sum(1)
    mean = seq / (T - 1 if mean_all else np.maximum(1, sc.sum(1)))
    return {"out.tokenLogps": tok, "out.sequenceLogps": seq, "out.meanLogps": mean}


def outside(actual, expected_):
    a = np.asarray(actual, dtype=np.float64).ravel()
    e = np.asarray(expected_, dtype=np.float64).ravel()
    if a.shape != e.shape or not np.all(np.isfinite(a)):
        return True
    return bool(np.any(np.abs(a - e) > ATOL + RTOL * np.abs(e)))


def case(name, logits, ids, attn, prompt, note, catches=(), naive_nonfinite=False):
    logits = np.ascontiguousarray(logits, dtype=np.float64)
    ids = np.ascontiguousarray(ids, dtype=np.int64)
    attn = np.ascontiguousarray(attn, dtype=np.int64)
    prompt = np.ascontiguousarray(prompt, dtype=np.int64)
    B, T, V = logits.shape
    assert ids.shape == attn.shape == (B, T) and prompt.shape == (B,) and T >= 2
    assert ids.min() >= 0 and ids.max() < V and np.all((prompt >= 1) & (prompt <= T))
    assert set(np.unique(attn)) <= {0, 1}
    out = expected(logits, ids, attn, prompt)
    sc = scored_mask(ids, attn, prompt)

    # mpmath log-softmax of every scored token; unscored entries exactly 0
    for b in range(B):
        for t in range(T - 1):
            if not sc[b, t]:
                assert out["out.tokenLogps"][b, t] == 0.0, (name, b, t)
                continue
            row = [mpmath.mpf(float(v)) for v in logits[b, t]]
            m = max(row)
            want = row[ids[b, t + 1]] - m - mpmath.log(sum(mpmath.exp(v - m) for v in row))
            scale = 1e-12 * (1 + float(max(abs(v) for v in row)))
            assert abs(out["out.tokenLogps"][b, t] - float(want)) <= scale, (name, b, t)
    # closed-form gradient
    count = sc.sum(1)
    g = np.zeros_like(logits)
    p = np.exp(log_softmax_np(logits[:, :-1]))
    for b in range(B):
        w = 1.0 + (1.0 / count[b] if count[b] > 0 else 0.0)
        for t in range(T - 1):
            if sc[b, t]:
                onehot = np.zeros(V)
                onehot[ids[b, t + 1]] = 1.0
                g[b, t] = w * (onehot - p[b, t])
    assert np.max(np.abs(g - out["grad.logits"])) <= 1e-12, (name, np.max(np.abs(g - out["grad.logits"])))
    # the independent numpy variant with every rule right agrees
    ok = variant(logits, ids, attn, prompt)
    for k in ok:
        assert not outside(ok[k], out[k]), (name, k)

    mistakes = {
        "no-shift": variant(logits, ids, attn, prompt, shift=False),
        "prompt-unmasked": variant(logits, ids, attn, prompt, prompt_mask=False),
        "padding-unmasked": variant(logits, ids, attn, prompt, pad_mask=False),
        "mean-over-all": variant(logits, ids, attn, prompt, mean_all=True),
    }
    for k in catches:
        assert outside(mistakes[k]["out.sequenceLogps"] if k != "mean-over-all" else mistakes[k]["out.meanLogps"],
                       out["out.sequenceLogps"] if k != "mean-over-all" else out["out.meanLogps"]), (name, k)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        e = np.exp(logits[:, :-1])
        naive = np.log(np.take_along_axis(e / e.sum(-1, keepdims=True), ids[:, 1:, None], -1)[..., 0])
        naive_seq = np.where(sc, naive, 0.0).sum(1)
    assert np.all(np.isfinite(naive_seq)) != naive_nonfinite, (name, "naive log(softmax)", naive_seq)

    tensors = {"in.logits": logits, "in.inputIds": ids, "in.attentionMask": attn, "in.promptLengths": prompt}
    tensors.update({k: np.asarray(v, dtype=np.float64) for k, v in out.items()})
    meta = {"kata": SLUG, "args": json.dumps({}), "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 300_000, (path, os.path.getsize(path))
    WRITTEN.append((path, tensors, meta))
    print(f"{name}: B={B} T={T} V={V} scored per row={count.tolist()} seq={np.round(out['out.sequenceLogps'], 6).tolist()}"
          f"; catches {list(catches)}{'; naive log(softmax) non-finite' if naive_nonfinite else ''}")
    return out


def right_padded(rng, B, T, V, scale, prompt=None, lengths=None):
    prompt = rng.integers(1, T // 2 + 1, B) if prompt is None else np.asarray(prompt)
    lengths = np.array([rng.integers(p, T + 1) for p in prompt]) if lengths is None else np.asarray(lengths)
    attn = (np.arange(T)[None, :] < lengths[:, None]).astype(np.int64)
    ids = rng.integers(0, V, (B, T)) * attn  # pad id 0
    return rng.normal(0, scale, (B, T, V)), ids, attn, prompt


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4242)
    ALL = ("no-shift", "prompt-unmasked", "padding-unmasked", "mean-over-all")

    # 01: the statement's worked example: one row, T=5, V=3, prompt of 2 tokens, 1 pad at the end.
    logits = np.array([[[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 3.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]])
    ids = np.array([[1, 0, 2, 1, 0]])
    attn = np.array([[1, 1, 1, 1, 0]])
    out = case("01-worked-example", logits, ids, attn, [2],
               note="the statement's worked example: B=1, T=5, V=3, prompt = first 2 tokens, last position padding",
               catches=ALL)
    print("   worked example:", {k: np.round(v, 10).tolist() for k, v in out.items() if k != "grad.logits"})
    print("   grad.logits:", np.round(out["grad.logits"], 10).tolist())

    case("02-right-padding", *right_padded(rng, 4, 12, 20, 2.0, prompt=[3, 2, 5, 1], lengths=[12, 7, 9, 4]),
         note="B=4 right-padded rows of different lengths and prompt lengths", catches=ALL)

    case("03-no-padding", *right_padded(rng, 3, 10, 16, 2.0, prompt=[4, 1, 6], lengths=[10, 10, 10]),
         note="no padding: every row is full length (only the prompt is masked)",
         catches=("no-shift", "prompt-unmasked", "mean-over-all"))

    lg, ids, attn, prompt = right_padded(rng, 3, 9, 12, 2.0, prompt=[4, 6, 2], lengths=[9, 6, 5])
    case("04-empty-response", lg, ids, attn, prompt,
         note="edge: row 1's prompt fills every real token (no response tokens): its sums are 0 and its MeanLogps is 0, not 0/0",
         catches=ALL)

    lg, ids, attn, prompt = right_padded(rng, 2, 6, 8, 2.0, prompt=[6, 2], lengths=[6, 6])
    case("05-prompt-is-whole-row", lg, ids, attn, prompt,
         note="edge: promptLengths[0] = T, the whole row is prompt: nothing scored in row 0",
         catches=("no-shift", "prompt-unmasked"))

    case("06-single-response-token", *right_padded(rng, 3, 8, 10, 2.0, prompt=[3, 5, 7], lengths=[4, 6, 8]),
         note="edge: each row has exactly one response token (the last real one): the mean equals the sum",
         catches=("no-shift", "prompt-unmasked", "padding-unmasked", "mean-over-all"))

    # left padding: pads come first and promptLengths counts them (positions < promptLengths are never scored)
    B, T, V = 3, 10, 14
    pads = np.array([0, 3, 5])
    attn = (np.arange(T)[None, :] >= pads[:, None]).astype(np.int64)
    ids = rng.integers(0, V, (B, T)) * attn
    prompt = pads + np.array([3, 2, 2])
    case("07-left-padding", rng.normal(0, 2, (B, T, V)), ids, attn, prompt,
         note="left padding: pads at the start of rows 1 and 2; promptLengths counts the pads, responses run to the end",
         catches=("no-shift", "prompt-unmasked", "mean-over-all"))

    case("08-typical-batch", *right_padded(rng, 4, 32, 100, 3.0),
         note="typical: B=4, T=32, V=100, random prompt lengths and right padding", catches=ALL)

    # hard: logits of magnitude ~1e3 and responses of unlikely tokens: softmax underflows to exactly 0 in float64,
    # so log(softmax(x)) is -inf, while log_softmax is exact (a log-prob of about -1000).
    B, T, V = 2, 8, 6
    lg, ids, attn, prompt = right_padded(rng, B, T, V, 1.0, prompt=[2, 3], lengths=[8, 7])
    lg = lg * 1000.0
    for b in range(B):
        for t in range(T - 1):
            if t + 1 < attn[b].sum():
                ids[b, t + 1] = int(np.argmin(lg[b, t]))  # the least likely token
    case("09-huge-logits", lg, ids, attn, prompt,
         note="hard: logits ~1e3 and every response token the least likely one: softmax underflows to 0, so "
              "log(softmax(x)) = -inf; log_softmax gives log-probs of about -1000 to -3000",
         catches=ALL, naive_nonfinite=True)

    case("10-minimal", *right_padded(rng, 1, 2, 2, 1.0, prompt=[1], lengths=[2]),
         note="edge: T=2, V=2: one scored token, TokenLogps has shape [1, 1]", catches=("no-shift",))

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"torch {torch.__version__}, mpmath {mpmath.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
