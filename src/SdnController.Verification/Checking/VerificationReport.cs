namespace SdnController.Verification.Checking;

/// <summary>The verifier's result: a count per verdict, every violation, and the probes left unchecked.</summary>
public sealed class VerificationReport
{
    public required string Topology { get; init; }
    public required IReadOnlyList<string> DownLinks { get; init; }
    public required int[] Counts { get; init; }
    public required IReadOnlyList<Finding> Violations { get; init; }
    /// <summary>Probes judged not installed or unverified (not violations), for the record.</summary>
    public required IReadOnlyList<Finding> Unchecked { get; init; }
    /// <summary>Declared flows addressed to a function (a VIP) that were not walked.</summary>
    public int SkippedFlows { get; init; }
    /// <summary>How many host pairs were walked of how many: all, or a seeded sample (<see cref="VerifyOptions"/>).</summary>
    public required PairCoverage Pairs { get; init; }

    public int Checked
    {
        get
        {
            var n = 0;
            foreach (var c in Counts) n += c;
            return n;
        }
    }

    public int Count(Verdict v) => Counts[(int)v];

    public bool IsClean => Violations.Count == 0;
}
