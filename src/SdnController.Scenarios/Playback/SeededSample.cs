namespace SdnController.Scenarios.Playback;

/// <summary>Seeded choice of distinct items: the same seed and list always give the same choice.</summary>
internal static class SeededSample
{
    /// <summary>Moves <paramref name="count"/> items drawn at random to the front of the list (partial Fisher–Yates).</summary>
    public static void MoveToFront<T>(List<T> items, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(items.Count - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
