namespace SdnController.Verification.Checking;

/// <summary>
/// Which host pairs the verifier walks. The default walks every ordered pair; with <see cref="MaxPairs"/> it walks
/// a seeded sample of that many, always including <see cref="Include"/>. Declared flows are walked either way.
/// </summary>
public sealed record VerifyOptions
{
    public static readonly VerifyOptions AllPairs = new();

    /// <summary>
    /// Null: every pair. Else the number of pairs to walk, the included ones counted in (when they alone are more,
    /// exactly they are walked). At least the number of pairs there are means every pair.
    /// </summary>
    public int? MaxPairs { get; init; }

    /// <summary>Seeds the sample: the same seed, dump and included pairs give the same pairs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Pairs the sample always walks, such as the hosts of declared flows. A pair the all-pairs walk would not walk
    /// (a host without IPv4, a host to itself) is left out, as there; a host the dump does not have is an error.
    /// </summary>
    public IReadOnlyList<HostPair> Include { get; init; } = Array.Empty<HostPair>();

    public bool IsSampled => MaxPairs is not null;
}
