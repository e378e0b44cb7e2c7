namespace SdnController.Topology.Diagnostics;

/// <summary>Suggests the closest known word for a misspelt key or id (Damerau–Levenshtein distance).</summary>
public static class DidYouMean
{
    /// <summary>
    /// Longer words get no suggestion: the distance takes time and memory in proportion to the product of the
    /// lengths, and a 200,000-character id compared with another ran out of memory (found by tools/fuzz).
    /// </summary>
    public const int MaxWordLength = 128;

    public static string? Suggest(string found, IEnumerable<string> candidates)
    {
        if (found.Length > MaxWordLength) return null;
        // Allow roughly one edit per three characters; anything further is a different word.
        var limit = Math.Max(1, (found.Length + 2) / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: such candidates cannot be within the limit.
            if (candidate.Length > MaxWordLength || Math.Abs(candidate.Length - found.Length) > limit) continue;
            var d = Distance(found.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or the empty string, ready to append to a message.</summary>
    public static string Hint(string found, IEnumerable<string> candidates)
    {
        var s = Suggest(found, candidates);
        return s is null ? "" : $" (did you mean '{s}'?)";
    }

    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = Math.Min(v, d[i - 2, j - 2] + 1);
            d[i, j] = v;
        }
        return d[a.Length, b.Length];
    }
}
