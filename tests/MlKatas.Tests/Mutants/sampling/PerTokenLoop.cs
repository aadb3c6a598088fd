// Expect: TooSlow
// Mistake: Python-style loops over rows and tokens that read each logit as logits[b, v].item<double>() and do the
// filtering and the draw in C# — correct, but one tensor access per element where whole-tensor operations exist.
namespace MlKatas.Katas;

public sealed record SamplingResult(Tensor Probs, Tensor Ids);

public static class Sampling
{
    public static SamplingResult Sample(Tensor logits, double temperature, long topK, double topP, Tensor uniforms)
    {
        int b = (int)logits.shape[0], v = (int)logits.shape[1];
        var probs = new double[b * v];
        var ids = new long[b];
        for (int r = 0; r < b; r++)
        {
            var z = new double[v];
            for (int i = 0; i < v; i++)
            {
                z[i] = logits[r, i].item<double>();
            }
            if (temperature == 0)
            {
                int best = 0;
                for (int i = 1; i < v; i++)
                {
                    if (z[i] > z[best])
                    {
                        best = i;
                    }
                }
                probs[r * v + best] = 1;
                ids[r] = best;
                continue;
            }
            for (int i = 0; i < v; i++)
            {
                z[i] /= temperature;
            }
            // Ids by descending z, ties by lower id.
            var order = Enumerable.Range(0, v).OrderByDescending(i => z[i]).ThenBy(i => i).ToArray();
            var keep = new bool[v];
            Array.Fill(keep, true);
            if (topK > 0 && topK < v)
            {
                double kth = z[order[topK - 1]];
                for (int i = 0; i < v; i++)
                {
                    keep[i] = z[i] >= kth;
                }
            }
            if (topP < 1)
            {
                var p = Softmax(z, keep);
                double before = 0;
                foreach (int i in order)
                {
                    if (!keep[i])
                    {
                        continue;
                    }
                    keep[i] = before < topP;
                    before += p[i];
                }
            }
            var q = Softmax(z, keep);
            double u = uniforms[r].item<double>(), cdf = 0;
            int pick = -1, last = 0;
            for (int i = 0; i < v; i++)
            {
                probs[r * v + i] = q[i];
                cdf += q[i];
                if (q[i] > 0)
                {
                    last = i;
                }
                if (pick < 0 && cdf > u)
                {
                    pick = i;
                }
            }
            ids[r] = pick < 0 ? last : pick;
        }
        return new SamplingResult(torch.tensor(probs).reshape(b, v), torch.tensor(ids));
    }

    private static double[] Softmax(double[] z, bool[] keep)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < z.Length; i++)
        {
            if (keep[i] && z[i] > max)
            {
                max = z[i];
            }
        }
        var e = new double[z.Length];
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            e[i] = keep[i] ? Math.Exp(z[i] - max) : 0;
            sum += e[i];
        }
        for (int i = 0; i < z.Length; i++)
        {
            e[i] /= sum;
        }
        return e;
    }
}
