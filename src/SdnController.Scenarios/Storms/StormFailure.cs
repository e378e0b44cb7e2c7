namespace SdnController.Scenarios.Storms;

/// <summary>
/// One storm's failure set: 1–3 links of the largest part and one switch of it, all at once. The switch is
/// never the firewall's: with its only instance down a chain has no legal path, which the controller answers
/// by closing it, and that is a different test (ChainRunTests).
/// </summary>
public sealed record StormFailure(IReadOnlyList<string> Links, string? Switch)
{
    /// <summary>This set with only the parts asked for (to isolate what a finding needs).</summary>
    public StormFailure Only(StormParts parts) => new(
        (parts & StormParts.Links) != 0 ? Links : Array.Empty<string>(),
        (parts & StormParts.Switch) != 0 ? Switch : null);

    public int Elements => Links.Count + (Switch is null ? 0 : 1);

    /// <summary>Every link that carries nothing during the storm: the failed links and all links of the failed switch.</summary>
    public IReadOnlyList<string> DownLinks(Topology.Model.Topology topology)
    {
        var down = new List<string>(Links);
        foreach (var l in topology.Links)
            if (Switch is not null && (l.A.Node == Switch || l.B.Node == Switch) && !down.Contains(l.Id)) down.Add(l.Id);
        return down;
    }

    public override string ToString() => $"links [{string.Join(", ", Links)}]{(Switch is null ? "" : " + switch " + Switch)}";

    /// <summary>Null when the largest part has no link, or no switch other than the firewall's, to fail.</summary>
    public static StormFailure? Pick(StormNetwork network, int seed)
    {
        var t = network.Topology;
        var inMain = new HashSet<string>(network.MainPart, StringComparer.Ordinal);
        var candidates = new List<string>();
        foreach (var l in t.Links)
            if (inMain.Contains(l.A.Node) && inMain.Contains(l.B.Node) && l.A.Node != l.B.Node) candidates.Add(l.Id);
        var switches = new List<string>();
        foreach (var s in network.MainPart) if (s != network.FirewallSwitch) switches.Add(s);
        if (candidates.Count == 0 || switches.Count == 0) return null;

        // Its own stream, so that the failure set does not shift when the traffic sample changes.
        var random = new Random(unchecked(seed * 7919 + 17));
        var count = Math.Min(candidates.Count, 1 + random.Next(3));
        var links = new List<string>(count);
        while (links.Count < count)
        {
            var pick = candidates[random.Next(candidates.Count)];
            if (!links.Contains(pick)) links.Add(pick);
        }
        return new StormFailure(links, switches[random.Next(switches.Count)]);
    }
}

/// <summary>Which elements of a failure set go down.</summary>
[Flags]
public enum StormParts
{
    Links = 1,
    Switch = 2,
    Both = Links | Switch,
}
