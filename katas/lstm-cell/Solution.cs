namespace MlKatas.Katas;

/// <summary>A one-layer LSTM over a sequence with given weights, as torch.nn.LSTM computes it (README.md has every rule).</summary>
public static class Lstm
{
    /// <summary>
    /// Runs the LSTM over the T steps of <paramref name="x"/> from (h0, c0). Each step: gates = x_t·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh,
    /// split along the last dim into four blocks of H in the order i, f, g, o; i, f, o through sigmoid, g through tanh;
    /// c = f ⊙ c + i ⊙ g; h = o ⊙ tanh(c).
    /// </summary>
    /// <param name="x">Inputs, shape [T, B, I], float64 (sequence first, as nn.LSTM without batch_first).</param>
    /// <param name="h0">Initial hidden state, shape [B, H], float64.</param>
    /// <param name="c0">Initial cell state, shape [B, H], float64.</param>
    /// <param name="wIh">Input-to-hidden weights, shape [4H, I], float64 (nn.LSTM's weight_ih_l0).</param>
    /// <param name="wHh">Hidden-to-hidden weights, shape [4H, H], float64 (weight_hh_l0).</param>
    /// <param name="bIh">Input-to-hidden bias, shape [4H], float64 (bias_ih_l0).</param>
    /// <param name="bHh">Hidden-to-hidden bias, shape [4H], float64 (bias_hh_l0).</param>
    /// <returns>Output: h of every step, shape [T, B, H]; HN and CN: the final h and c, shape [B, H]; all float64.</returns>
    public static (Tensor Output, Tensor HN, Tensor CN) Forward(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        throw new NotImplementedException("You need to implement this method.");
    }
}
