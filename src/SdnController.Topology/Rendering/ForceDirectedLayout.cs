namespace SdnController.Topology.Rendering;

/// <summary>
/// Fruchterman–Reingold (1991) with a seeded start and a fixed number of iterations, so the same
/// topology always gets the same picture. O(n²) per iteration; the iteration count drops for large
/// components to stay under a second.
/// </summary>
internal static class ForceDirectedLayout
{
    private const double Gap = 1.2; // between packed components, in units of one node's ideal spacing

    /// <summary>
    /// Each connected component is laid out on its own and the results packed in rows, largest
    /// first: a single FR run would fling small components and lone switches to the canvas edges
    /// and shrink the main network to a corner.
    /// </summary>
    public static (double[] X, double[] Y) Place(SwitchAdjacency adjacency, PlotArea area)
    {
        var nb = adjacency.Neighbours;
        var n = nb.Length;
        var x = new double[n];
        var y = new double[n];
        if (n == 0) return (x, y);

        var components = Components(nb);
        double totalArea = 0, widest = 0;
        var boxes = new (double W, double H)[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            boxes[c] = LayOutComponent(nb, components[c], x, y);
            totalArea += (boxes[c].W + Gap) * (boxes[c].H + Gap);
            widest = Math.Max(widest, boxes[c].W);
        }

        // Shelf packing with rows about as wide as the canvas' aspect ratio suggests.
        var aspect = area.Height > 0 ? area.Width / area.Height : 1;
        var rowWidth = Math.Max(widest, Math.Sqrt(totalArea * aspect));
        double cursorX = 0, cursorY = 0, rowHeight = 0;
        for (var c = 0; c < components.Count; c++)
        {
            var (w, h) = boxes[c];
            if (cursorX > 0 && cursorX + w > rowWidth)
            {
                cursorX = 0;
                cursorY += rowHeight + Gap;
                rowHeight = 0;
            }
            foreach (var v in components[c]) { x[v] += cursorX; y[v] += cursorY; }
            cursorX += w + Gap;
            rowHeight = Math.Max(rowHeight, h);
        }
        area.Fit(x, y);
        return (x, y);
    }

    /// <summary>Components by BFS, largest first (ties: lowest switch index first).</summary>
    private static List<int[]> Components(int[][] nb)
    {
        var n = nb.Length;
        var seen = new bool[n];
        var result = new List<int[]>();
        var queue = new List<int>();
        for (var s = 0; s < n; s++)
        {
            if (seen[s]) continue;
            queue.Clear();
            queue.Add(s);
            seen[s] = true;
            for (var head = 0; head < queue.Count; head++)
                foreach (var v in nb[queue[head]])
                    if (!seen[v]) { seen[v] = true; queue.Add(v); }
            result.Add(queue.ToArray());
        }
        // List.Sort is unstable; the explicit tie-break on first member keeps the order fixed.
        result.Sort((a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a[0].CompareTo(b[0]));
        return result;
    }

    /// <summary>
    /// FR on one component in a square of side √size (so the ideal link length is about 1); writes
    /// positions shifted to start at (0,0) and returns the bounding box.
    /// </summary>
    private static (double W, double H) LayOutComponent(int[][] nb, int[] nodes, double[] outX, double[] outY)
    {
        var n = nodes.Length;
        if (n == 1) { outX[nodes[0]] = 0; outY[nodes[0]] = 0; return (0, 0); }
        var local = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++) local[nodes[i]] = i;
        var side = Math.Sqrt(n);
        var x = new double[n];
        var y = new double[n];
        var rng = new SplitMix64(0x5EED_1234_ABCDUL + (ulong)n * 7919 + (ulong)nodes[0]);
        for (var i = 0; i < n; i++) { x[i] = rng.NextDouble() * side; y[i] = rng.NextDouble() * side; }

        const double k = 1.0; // ideal edge length
        var iterations = n <= 300 ? 300 : 120;
        var dx = new double[n];
        var dy = new double[n];
        for (var it = 0; it < iterations; it++)
        {
            var temperature = side * 0.1 * (1 - (double)it / iterations) + 0.01;
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var ex = x[i] - x[j];
                    var ey = y[i] - y[j];
                    var d2 = ex * ex + ey * ey;
                    if (d2 < 1e-9) { ex = 1e-3 * (i - j); ey = 1e-3; d2 = ex * ex + ey * ey; }
                    var f = k * k / d2; // repulsion k²/d along the unit vector e/d
                    dx[i] += ex * f; dy[i] += ey * f;
                    dx[j] -= ex * f; dy[j] -= ey * f;
                }
            }
            for (var i = 0; i < n; i++)
            {
                foreach (var gj in nb[nodes[i]])
                {
                    var j = local[gj];
                    if (j < i) continue;
                    var ex = x[i] - x[j];
                    var ey = y[i] - y[j];
                    var d = Math.Sqrt(ex * ex + ey * ey);
                    var f = d / k; // attraction d²/k along e/d
                    dx[i] -= ex * f; dy[i] -= ey * f;
                    dx[j] += ex * f; dy[j] += ey * f;
                }
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

        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, x[i]); maxX = Math.Max(maxX, x[i]);
            minY = Math.Min(minY, y[i]); maxY = Math.Max(maxY, y[i]);
        }
        for (var i = 0; i < n; i++) { outX[nodes[i]] = x[i] - minX; outY[nodes[i]] = y[i] - minY; }
        return (maxX - minX, maxY - minY);
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
