using SdnController.Paths.Graph;
using SdnController.Topology.Diagnostics;

namespace SdnController.Cli.Input;

/// <summary>Turns switch names from the command line into graph node indices, with did-you-mean on typos.</summary>
public static class SwitchResolver
{
    public static int Resolve(CompactGraph graph, Topology.Model.Topology topology, string name, string option)
    {
        var index = graph.IndexOf(name);
        if (index >= 0) return index;
        if (topology.FindHost(name) is { } host) return graph.IndexOf(host.Attachment.Node);
        throw new UsageException($"{option}: no switch or host named '{name}' in '{topology.Name}'{DidYouMean.Hint(name, graph.NodeIds.Concat(topology.Hosts.Select(h => h.Id)))}");
    }

    /// <summary>
    /// Parses each <c>--fail A,B</c> and adds every link between switches A and B (parallel links too)
    /// to the failed set.
    /// </summary>
    public static (LinkSet Failed, List<(string A, string B)> Pairs) ParseFailures(CompactGraph graph, Topology.Model.Topology topology, IEnumerable<string> specs)
    {
        var failed = new LinkSet(graph.LinkCount);
        var pairs = new List<(string, string)>();
        foreach (var spec in specs)
        {
            var parts = spec.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new UsageException($"--fail: expected 'A,B' (two switch ids), found '{spec}'");
            var a = graph.IndexOf(parts[0]);
            var b = graph.IndexOf(parts[1]);
            if (a < 0) throw new UsageException($"--fail: no switch named '{parts[0]}'{DidYouMean.Hint(parts[0], graph.NodeIds)}");
            if (b < 0) throw new UsageException($"--fail: no switch named '{parts[1]}'{DidYouMean.Hint(parts[1], graph.NodeIds)}");
            var found = false;
            for (var l = 0; l < graph.LinkCount; l++)
            {
                if ((graph.LinkA[l] == a && graph.LinkB[l] == b) || (graph.LinkA[l] == b && graph.LinkB[l] == a))
                {
                    failed.Add(l);
                    found = true;
                }
            }
            if (!found) throw new UsageException($"--fail: no link between '{parts[0]}' and '{parts[1]}'");
            pairs.Add((parts[0], parts[1]));
        }
        return (failed, pairs);
    }
}
