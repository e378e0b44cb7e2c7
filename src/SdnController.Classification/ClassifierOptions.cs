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

    /// <summary>
    /// Most flows tracked at once: a flood of new 5-tuples (a SYN flood with random ports, a scan of a /16) must not
    /// grow memory without bound. Packets of new flows beyond it are counted as untracked, not classified.
    /// </summary>
    public int MaxFlows { get; init; } = 1_000_000;

    public static ClassifierOptions Default { get; } = new();
}
