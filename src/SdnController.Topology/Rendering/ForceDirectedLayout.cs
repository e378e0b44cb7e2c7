namespace SdnController.Topology.Rendering;

/// <summary>
/// Fruchterman–Reingold (1991) with a seeded start and a fixed number of iterations, so the same
/// topology always gets the same picture. A weak pull to the centre keeps separate components on
/// the canvas. O(n²) per iteration; the iteration count drops for large graphs to stay under a second.
/// </summary>
internal static class ForceDirectedLayout
{
    public static (double[] X, double[] Y) Place(SwitchAdjacency adjacency, PlotArea area)
    {
        var nb = adjacency.Neighbours;
        var n = nb.Length;
        var x = new double[n];
        var y = new double[n];
        if (n == 0) return (x, y);
        if (n == 1)
        {
            x[0] = area.CenterX; y[0] = area.CenterY;
            return (x, y);
        }

        var rng = new SplitMix64(0x5EED_1234_ABCDUL + (ulong)n);
        for (var i = 0; i < n; i++) { x[i] = rng.NextDouble(); y[i] = rng.NextDouble(); }

        var k = Math.Sqrt(1.0 / n); // ideal edge length in the unit square
        var iterations = n <= 300 ? 300 : 120;
        var dx = new double[n];
        var dy = new double[n];
        for (var it = 0; it < iterations; it++)
        {
            var temperature = 0.1 * (1 - (double)it / iterations) + 0.002;
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var ex = x[i] - x[j];
                    var ey = y[i] - y[j];
                    var d2 = ex * ex + ey * ey;
                    if (d2 < 1e-12) { ex = 1e-6 * (i - j); ey = 1e-6; d2 = ex * ex + ey * ey; }
                    var f = k * k / d2; // repulsion k²/d, applied along the unit vector (e/d)
                    dx[i] += ex * f; dy[i] += ey * f;
                    dx[j] -= ex * f; dy[j] -= ey * f;
                }
            }
            for (var i = 0; i < n; i++)
            {
                foreach (var j in nb[i])
                {
                    if (j < i) continue;
                    var ex = x[i] - x[j];
                    var ey = y[i] - y[j];
                    var d = Math.Sqrt(ex * ex + ey * ey);
                    var f = d / k; // attraction d²/k along e/d
                    dx[i] -= ex * f; dy[i] -= ey * f;
                    dx[j] += ex * f; dy[j] += ey * f;
                }
                dx[i] += (0.5 - x[i]) * 0.5 * k; // gravity
                dy[i] += (0.5 - y[i]) * 0.5 * k;
            }
            for (var i = 0; i < n; i++)
            {
                var len = Math.Sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (len < 1e-12) continue;
                var step = Math.Min(len, temperature);
                x[i] += dx[i] / len * step;
                y[i] += dy[i] / len * step;
            }
        }
        area.Fit(x, y);
        return (x, y);
    }

    /// <summary>Own generator so layouts do not depend on System.Random's implementation across runtimes.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public double NextDouble()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
