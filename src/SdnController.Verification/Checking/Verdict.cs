namespace SdnController.Verification.Checking;

public enum Verdict
{
    /// <summary>Every branch reached the right host, across its chain's functions in order when it has one.</summary>
    Delivered,
    /// <summary>The wiring connects no path between the hosts (after failures): nothing to deliver.</summary>
    NoPath,
    /// <summary>No switch holds a rule for this packet (reactive mode before its first packet, or never asked for).</summary>
    NotInstalled,
    /// <summary>A branch entered a NAT or load balancer, which the walk does not model.</summary>
    Unverified,
    /// <summary>
    /// A switch's explicit drop rule stopped it (an IDS or policy block, a chain failing closed): a decision the
    /// controller made, not a black hole. Counted and listed, not a violation.
    /// </summary>
    Blocked,
    // Violations from here on.
    BlackHole,
    Loop,
    WrongHost,
    ChainBypass,
    ChainReordered,
}

public static class Verdicts
{
    public static bool IsViolation(this Verdict v) => v >= Verdict.BlackHole;

    public static string Name(this Verdict v) => v switch
    {
        Verdict.Delivered => "delivered",
        Verdict.NoPath => "no_path",
        Verdict.NotInstalled => "not_installed",
        Verdict.Unverified => "unverified",
        Verdict.Blocked => "blocked",
        Verdict.BlackHole => "black_hole",
        Verdict.Loop => "loop",
        Verdict.WrongHost => "wrong_host",
        Verdict.ChainBypass => "chain_bypass",
        _ => "chain_reordered",
    };
}
