namespace SdnController.Classification;

/// <summary>Thresholds of the traffic classes that depend on volume and behaviour rather than protocol.</summary>
public sealed record ClassifierOptions
{
    /// <summary>A flow of at least this many bytes is an elephant (bulk) whatever its protocol (except real-time/interactive/DNS).</summary>
    public long ElephantBytes { get; init; } = 10_000_000;

    /// <summary>...or of at least <see cref="ElephantMinBytes"/> at this average rate (bits/s) over its lifetime.</summary>
    public double ElephantBitsPerSecond { get; init; } = 8_000_000;

    public long ElephantMinBytes { get; init; } = 1_000_000;

    /// <summary>A source that sends unanswered probes to this many distinct destination ports/hosts is scanning (suspicious).</summary>
    public int ScanDistinctTargets { get; init; } = 16;

    public static ClassifierOptions Default { get; } = new();
}
