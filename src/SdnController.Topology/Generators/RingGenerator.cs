using SdnController.Topology.Building;

namespace SdnController.Topology.Generators;

/// <summary>
/// Switches <c>s1</c>..<c>sn</c> in a cycle (s1–s2, …, sn–s1), with hosts <c>h1</c>.. switch by switch.
/// </summary>
/// <remarks>
/// Hosts take ports 1..H; on each switch the ring links then take H+1 (towards the lower-numbered
/// neighbour, or s2 for s1) and H+2. Links use the standard defaults (1 Gbit/s, 1 ms).
/// </remarks>
public static class RingGenerator
{
    public static TopologyBuilder Create(int n, int hostsPerSwitch = 1)
    {
        GeneratorLimits.Require(n >= 3, $"a ring needs at least 3 switches, got {n}");
        GeneratorLimits.Require(hostsPerSwitch >= 0, $"ring hosts per switch must be 0 or more, got {hostsPerSwitch}");
        GeneratorLimits.CheckSize($"a ring of {n} switches", n, n, (long)n * hostsPerSwitch);

        var b = new TopologyBuilder($"ring-{n}")
        {
            Description = $"{n} switches in a ring, {hostsPerSwitch} host(s) per switch",
        };
        b.Attributes["Generator"] = $"RingGenerator.Create(n: {n}, hostsPerSwitch: {hostsPerSwitch})";
        for (var i = 1; i <= n; i++) b.AddSwitch(new SwitchSpec(LinearGenerator.SwitchId(i)));
        for (var i = 1; i <= n; i++)
            b.AddLink(new LinkSpec(new PortSpec(LinearGenerator.SwitchId(i), null), new PortSpec(LinearGenerator.SwitchId(i % n + 1), null)));
        LinearGenerator.AddHosts(b, n, hostsPerSwitch);
        return b;
    }
}
