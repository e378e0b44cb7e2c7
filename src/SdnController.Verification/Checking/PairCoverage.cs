namespace SdnController.Verification.Checking;

/// <summary>How many of the ordered host pairs were walked: all of them, or a seeded sample.</summary>
public sealed record PairCoverage(long Total, int Walked, int Included, int? Seed)
{
    /// <summary>Fewer pairs were walked than there are: the pair counts cover a sample, not the network.</summary>
    public bool Sampled => Walked < Total;

    public static PairCoverage All(long total) => new(total, (int)total, 0, null);
}
