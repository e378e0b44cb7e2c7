namespace SdnController.Topology.Model.Nfv;

/// <summary>What a network function does; the order matches <see cref="NfvKinds.Names"/>.</summary>
public enum NfvKind
{
    Firewall,
    Nat,
    LoadBalancer,
    RateLimiter,
    Ids,
}

/// <summary>The names kinds have in topology files (<c>kind: load-balancer</c>).</summary>
public static class NfvKinds
{
    public static readonly IReadOnlyList<string> Names = new[] { "firewall", "nat", "load-balancer", "rate-limiter", "ids" };

    public static string Name(NfvKind kind) => Names[(int)kind];

    public static bool TryParse(string text, out NfvKind kind)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (!string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase)) continue;
            kind = (NfvKind)i;
            return true;
        }
        kind = default;
        return false;
    }
}
