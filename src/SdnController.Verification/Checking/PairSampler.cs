namespace SdnController.Verification.Checking;

/// <summary>
/// A seeded sample of the ordered pairs (a, b), a ≠ b, of <c>n</c> hosts, always containing given pairs. The random
/// part is shared out evenly over the sources (each gets ⌊r/n⌋ or ⌈r/n⌉ pairs; which ones get the extra is
/// seeded), so every host sends, not just the first. Costs O(n + pairs picked): the n² pairs are never listed.
/// </summary>
public static class PairSampler
{
    /// <summary>
    /// Up to <paramref name="maxPairs"/> pairs (the <paramref name="include"/>d ones counted in, all of them kept even
    /// when they alone are more), sorted by source then destination: the all-pairs walk's order, with gaps.
    /// </summary>
    public static List<(int From, int To)> Pick(int hosts, IEnumerable<(int From, int To)> include, int maxPairs, int seed)
    {
        var n = hosts;
        var forced = new HashSet<long>();
        var forcedCount = new int[n];
        var forcedRow = new List<int>?[n];
        foreach (var (a, b) in include)
        {
            if ((uint)a >= (uint)n || (uint)b >= (uint)n) throw new ArgumentOutOfRangeException(nameof(include), $"pair ({a}, {b}) is outside {n} hosts");
            if (a == b || !forced.Add(Key(a, b, n))) continue;
            forcedCount[a]++;
            (forcedRow[a] ??= new List<int>()).Add(b);
        }
        var total = (long)n * (n - 1);
        var random = Math.Max(0, Math.Min(maxPairs, total) - forced.Count);
        var rng = new Random(seed);
        var quota = Quotas(n, forcedCount, random, rng);

        var pairs = new List<(int, int)>(forced.Count + (int)random); // random <= maxPairs, an int
        var row = new List<int>();
        var chosen = new HashSet<int>();
        for (var a = 0; a < n; a++)
        {
            row.Clear();
            chosen.Clear();
            if (forcedRow[a] is { } included) row.AddRange(included);
            if (quota[a] > 0) PickRow(a, n, quota[a], n - 1 - forcedCount[a], forced, chosen, rng);
            foreach (var b in chosen) row.Add(b);
            row.Sort();
            foreach (var b in row) pairs.Add((a, b));
        }
        return pairs;
    }

    private static long Key(int a, int b, int n) => (long)a * n + b;

    /// <summary>
    /// Random pairs per source: an even share, capped by the pairs a source has left after its included ones,
    /// the excess passed on to the others. The sources that get one more than the rest are picked by the seed.
    /// </summary>
    private static int[] Quotas(int n, int[] forcedCount, long random, Random rng)
    {
        var quota = new int[n];
        var open = new List<int>(n);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        rng.Shuffle(order);
        foreach (var a in order)
            if (n - 1 - forcedCount[a] > 0) open.Add(a);
        var remaining = random;
        while (remaining > 0)
        {
            var share = remaining / open.Count;
            if (share == 0)
            {
                // Fewer left than open sources: one more each for the first `remaining` in the seeded order.
                for (var i = 0; i < remaining; i++) quota[open[i]]++;
                break;
            }
            var stillOpen = new List<int>(open.Count);
            foreach (var a in open)
            {
                var room = n - 1 - forcedCount[a] - quota[a];
                var add = (int)Math.Min(share, room);
                quota[a] += add;
                remaining -= add;
                if (add < room) stillOpen.Add(a);
            }
            open = stillOpen;
        }
        return quota;
    }

    /// <summary>
    /// <paramref name="count"/> distinct destinations of source <paramref name="a"/> that are not included already
    /// (<paramref name="room"/> of them exist). Rejection draws while at least half the candidates are acceptable;
    /// a dense row is drawn from its explicit candidate list instead (its O(n) is then paid for by the pairs taken).
    /// </summary>
    private static void PickRow(int a, int n, int count, int room, HashSet<long> forced, HashSet<int> chosen, Random rng)
    {
        var candidates = n - 1;
        if (2L * count <= room && 2L * room >= candidates)
        {
            while (chosen.Count < count)
            {
                var k = rng.Next(candidates);
                var b = k < a ? k : k + 1;
                if (!forced.Contains(Key(a, b, n))) chosen.Add(b);
            }
            return;
        }
        var list = new int[room];
        var m = 0;
        for (var b = 0; b < n; b++)
            if (b != a && !forced.Contains(Key(a, b, n))) list[m++] = b;
        // A partial Fisher–Yates shuffle: the first `count` entries are a uniform sample.
        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, room);
            (list[i], list[j]) = (list[j], list[i]);
            chosen.Add(list[i]);
        }
    }
}
