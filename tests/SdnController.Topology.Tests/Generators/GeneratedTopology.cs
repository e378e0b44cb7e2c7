using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Tests.Generators;

/// <summary>Builds a generator's output and answers structural questions about it.</summary>
internal static class GeneratedTopology
{
    public static Model.Topology Build(TopologyBuilder builder)
    {
        var bag = new DiagnosticBag();
        var t = builder.Build(bag);
        Assert.That(bag.Items.Select(d => d.ToString()), Is.Empty, "the builder reported problems");
        Assert.That(t, Is.Not.Null);
        return t!;
    }

    /// <summary>Switch-to-switch link count per switch id.</summary>
    public static Dictionary<string, int> Degrees(Model.Topology t)
    {
        var degree = t.Switches.ToDictionary(s => s.Id, _ => 0);
        foreach (var l in t.Links)
        {
            degree[l.A.Node]++;
            degree[l.B.Node]++;
        }
        return degree;
    }

    public static bool IsConnected(Model.Topology t)
    {
        if (t.Switches.Count == 0) return true;
        var adjacency = t.Switches.ToDictionary(s => s.Id, _ => new List<string>());
        foreach (var l in t.Links)
        {
            adjacency[l.A.Node].Add(l.B.Node);
            adjacency[l.B.Node].Add(l.A.Node);
        }
        var seen = new HashSet<string> { t.Switches[0].Id };
        var queue = new Queue<string>(seen);
        while (queue.Count > 0)
            foreach (var next in adjacency[queue.Dequeue()])
                if (seen.Add(next)) queue.Enqueue(next);
        return seen.Count == t.Switches.Count;
    }

    /// <summary>No switch port is used twice, by links and hosts together.</summary>
    public static void AssertPortsUnique(Model.Topology t)
    {
        var used = new HashSet<PortRef>();
        foreach (var l in t.Links)
        {
            Assert.That(used.Add(l.A), Is.True, $"port {l.A} used twice");
            Assert.That(used.Add(l.B), Is.True, $"port {l.B} used twice");
        }
        foreach (var h in t.Hosts) Assert.That(used.Add(h.Attachment), Is.True, $"port {h.Attachment} used twice");
    }
}
