#!/usr/bin/env -S /usr/bin/python3
"""Golden cases for the lstm-cell kata.

Run with Debian's python3 (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 graders/lstm-cell/generate_cases.py

Expected values come from PyTorch 1.13: torch.nn.LSTM(input_size=I, hidden_size=H, num_layers=1) in float64 with its
weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 set to the case's tensors, run on x [T, B, I] from (h0, c0)
(given to nn.LSTM as [1, B, H]); output [T, B, H] and (h_n, c_n) [B, H].
Cross-checks, all asserted:
  * an own numpy implementation of the equations (gates = x W_ih^T + b_ih + h W_hh^T + b_hh, split in the order
    i, f, g, o; c' = sigmoid(f) c + sigmoid(i) tanh(g); h' = sigmoid(o) tanh(c')) agrees with PyTorch to <= 1e-12;
  * output[-1] equals h_n exactly;
  * the mistakes the mutants make change the answer of at least one case (gate order i, f, o, g; the forget gate on
    the candidate and the input gate on the old cell; c squashed by tanh before it is stored; b_hh left out).
Seeds are fixed; the files are deterministic.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from safetensors_io import check_roundtrip, write_safetensors  # noqa: E402

SLUG = "lstm-cell"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
WRITTEN = []
STATS = {"max_dev": 0.0}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def np_lstm(x, h, c, w_ih, w_hh, b_ih, b_hh, o=None):
    o = o or {}
    H = h.shape[1]
    outs = []
    for t in range(x.shape[0]):
        gates = x[t] @ w_ih.T + b_ih + h @ w_hh.T + (0 if o.get("no_bhh") else b_hh)
        if o.get("ifog"):
            i, f, og, g = (gates[:, k * H:(k + 1) * H] for k in range(4))
        else:
            i, f, g, og = (gates[:, k * H:(k + 1) * H] for k in range(4))
        i, f, g, og = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(og)
        c = i * c + f * g if o.get("swap_if") else f * c + i * g
        if o.get("tanh_c"):
            c = np.tanh(c)
            h = og * c
        else:
            h = og * np.tanh(c)
        outs.append(h)
    return np.stack(outs), h, c


def torch_lstm(x, h0, c0, w_ih, w_hh, b_ih, b_hh):
    T, B, I = x.shape
    H = h0.shape[1]
    lstm = torch.nn.LSTM(I, H, num_layers=1).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.tensor(w_ih))
        lstm.weight_hh_l0.copy_(torch.tensor(w_hh))
        lstm.bias_ih_l0.copy_(torch.tensor(b_ih))
        lstm.bias_hh_l0.copy_(torch.tensor(b_hh))
        out, (hn, cn) = lstm(torch.tensor(x), (torch.tensor(h0)[None], torch.tensor(c0)[None]))
    return out.numpy(), hn[0].numpy(), cn[0].numpy()


def case(name, x, h0, c0, w_ih, w_hh, b_ih, b_hh, note, mistakes=()):
    out, hn, cn = torch_lstm(x, h0, c0, w_ih, w_hh, b_ih, b_hh)
    nout, nh, nc = np_lstm(x, h0, c0, w_ih, w_hh, b_ih, b_hh)
    dev = max(np.abs(nout - out).max(), np.abs(nh - hn).max(), np.abs(nc - cn).max())
    STATS["max_dev"] = max(STATS["max_dev"], dev)
    assert dev <= 1e-12, (name, dev)
    assert np.array_equal(out[-1], hn), name
    for m in mistakes:
        mo, mh, mc = np_lstm(x, h0, c0, w_ih, w_hh, b_ih, b_hh, m)
        assert max(np.abs(mo - out).max(), np.abs(mc - cn).max()) > 1e-6, (name, m)
    T, B, I = x.shape
    print(f"{name}: T={T} B={B} I={I} H={h0.shape[1]}; numpy agrees to {dev:.1e}; |c_n| max {np.abs(cn).max():.3g}")
    tensors = {"in.x": x, "in.h0": h0, "in.c0": c0, "in.wIh": w_ih, "in.wHh": w_hh, "in.bIh": b_ih, "in.bHh": b_hh,
               "out.output": out, "out.hN": hn, "out.cN": cn}
    meta = {"kata": SLUG, "args": json.dumps({}), "entry": "Forward", "note": note}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, meta)
    assert os.path.getsize(path) < 200_000, path
    WRITTEN.append((path, tensors, meta))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    rng = np.random.default_rng(4411)
    IFOG, SWAP, TANHC, NOBHH = {"ifog": 1}, {"swap_if": 1}, {"tanh_c": 1}, {"no_bhh": 1}
    ALL = (IFOG, SWAP, TANHC, NOBHH)

    def weights(I, H, scale=0.5):
        return (rng.normal(0, scale, (4 * H, I)), rng.normal(0, scale, (4 * H, H)),
                rng.normal(0, scale, 4 * H), rng.normal(0, scale, 4 * H))

    # 01: the statement's worked example: H = 1, I = 1, B = 1, T = 2
    w_ih = np.array([[0.5], [1.0], [2.0], [-1.0]])
    w_hh = np.array([[0.0], [0.5], [1.0], [0.0]])
    b_ih = np.array([0.0, 1.0, 0.0, 0.0])
    b_hh = np.array([0.0, 0.0, 0.0, 0.5])
    case("01-worked-example", np.array([[[1.0]], [[-1.0]]]), np.zeros((1, 1)), np.zeros((1, 1)), w_ih, w_hh, b_ih, b_hh,
         "Forward, the statement's worked example: T=2, B=1, I=1, H=1, zero initial state", mistakes=ALL)

    I, H = 3, 4
    case("02-basic", rng.normal(0, 1, (5, 2, I)), rng.normal(0, 0.5, (2, H)), rng.normal(0, 0.5, (2, H)), *weights(I, H),
         "Forward T=5, B=2, I=3, H=4 from a nonzero (h0, c0)", mistakes=ALL)

    I, H = 6, 2
    case("03-single-step", rng.normal(0, 1, (1, 3, I)), rng.normal(0, 0.5, (3, H)), rng.normal(0, 0.5, (3, H)), *weights(I, H),
         "Forward edge: T=1 (one step: output[0] = h_n), I=6 > H=2", mistakes=(IFOG, SWAP, TANHC))

    I, H = 2, 5
    case("04-zero-state-batch-1", rng.normal(0, 1, (8, 1, I)), np.zeros((1, H)), np.zeros((1, H)), *weights(I, H),
         "Forward edge: B=1, zero initial state, I=2 < H=5", mistakes=ALL)

    I, H = 4, 3
    case("05-long-sequence", rng.normal(0, 1, (60, 3, I)), rng.normal(0, 0.5, (3, H)), rng.normal(0, 0.5, (3, H)),
         *weights(I, H, 0.4), "Forward T=60, B=3: the recurrence carried over many steps", mistakes=ALL)

    I, H = 3, 3
    w = weights(I, H, 3.0)
    b_ih = w[2].copy()
    b_ih[H:2 * H] = 8.0   # forget gate ~1: the cell accumulates
    case("06-saturated-gates", rng.normal(0, 3, (20, 2, I)), rng.normal(0, 0.5, (2, H)), rng.normal(0, 5, (2, H)),
         w[0], w[1], b_ih, w[3],
         "Forward hard: large weights and inputs saturate the gates (sigmoid near 0 or 1), the forget bias is +8 so "
         "|c| grows past 1 — a c squashed by tanh before storing cannot follow it", mistakes=(IFOG, SWAP, TANHC))

    I, H = 2, 1
    case("07-hidden-1", rng.normal(0, 1, (6, 4, I)), rng.normal(0, 0.5, (4, H)), rng.normal(0, 0.5, (4, H)), *weights(I, H, 1.0),
         "Forward edge: H=1 (each gate is one row of the weights), B=4", mistakes=ALL)

    I, H = 5, 4
    case("08-gate-bias-only", np.zeros((4, 2, I)), np.zeros((2, H)), np.zeros((2, H)),
         np.zeros((4 * H, I)), np.zeros((4 * H, H)), np.array([0.0] * H + [1.0] * H + [2.0] * H + [-1.0] * H),
         np.array([2.0] * H + [0.0] * H + [-0.5] * H + [0.0] * H),
         "Forward edge: zero input, state and weights — only the biases drive the gates (b_ih + b_hh per gate "
         "i, f, g, o = 2, 1, 1.5, -1), so each gate's slot in the 4H layout shows", mistakes=ALL)

    for path, tensors, meta in WRITTEN:
        check_roundtrip(path, tensors, meta)
    print(f"max |numpy - torch| {STATS['max_dev']:.2e}")
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote and re-checked {len(WRITTEN)} files in {OUT_DIR}")


if __name__ == "__main__":
    main()
