using SdnController.Topology.Diagnostics;

namespace SdnController.Scenarios.Interactive;

/// <summary>"unknown switch 's9' (did you mean 's1'?); switches: s1, s2, …": the closest names first, a few at most.</summary>
internal static class NearNames
{
    public const int MaxListed = 8;

    public static string Unknown(string kind, string plural, string found, IReadOnlyCollection<string> candidates)
    {
        if (candidates.Count == 0) return $"unknown {kind} '{found}'; this topology has no {plural}";
        return $"unknown {kind} '{found}'{DidYouMean.Hint(found, candidates)}; {plural}: {Closest(found, candidates)}";
    }

    /// <summary>Up to <see cref="MaxListed"/> candidates, nearest first (ties in name order), "…" when there are more.</summary>
    public static string Closest(string found, IReadOnlyCollection<string> candidates)
    {
        var ranked = new List<(int Distance, string Name)>(candidates.Count);
        var key = found.ToLowerInvariant();
        foreach (var c in candidates) ranked.Add((DidYouMean.Distance(key, c.ToLowerInvariant()), c));
        ranked.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : NaturalOrder.Compare(a.Name, b.Name));
        var n = Math.Min(MaxListed, ranked.Count);
        var names = new List<string>(n);
        for (var i = 0; i < n; i++) names.Add(ranked[i].Name);
        if (n > 1) names.Sort(NaturalOrder.Compare);
        return string.Join(", ", names) + (ranked.Count > n ? ", …" : "");
    }
}

/// <summary>Names with numbers in numeric order: s2 before s10.</summary>
internal static class NaturalOrder
{
    public static int Compare(string? a, string? b)
    {
        if (a is null || b is null) return string.CompareOrdinal(a, b);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var da = a.AsSpan(si, i - si).TrimStart('0');
                var db = b.AsSpan(sj, j - sj).TrimStart('0');
                if (da.Length != db.Length) return da.Length.CompareTo(db.Length);
                var c = da.SequenceCompareTo(db);
                if (c != 0) return c;
                continue;
            }
            if (a[i] != b[j]) return a[i].CompareTo(b[j]);
            i++;
            j++;
        }
        var rest = (a.Length - i).CompareTo(b.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(a, b);
    }
}
