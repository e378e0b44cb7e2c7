using SdnController.Cli.Input;
using SdnController.RealHosts;
using SdnController.Scenarios;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;

namespace SdnController.Cli.Commands;

/// <summary>
/// `sdnctl run` with <c>real: true</c> hosts: what such a run needs (wall-clock time, reactive routing, no declared
/// traffic to a namespace) and bringing the namespaces up beside the run (README "Real hosts").
/// </summary>
internal static class RealHostRun
{
    public static List<string> RealHostIds(Topology.Model.Topology topology)
    {
        var ids = new List<string>();
        foreach (var h in topology.Hosts)
            if (h.Real) ids.Add(h.Id);
        return ids;
    }

    /// <summary>Bad combinations are usage errors, said before anything is created.</summary>
    public static void Check(Topology.Model.Topology topology, bool realTime, Scenario? scenario, IReadOnlyList<TrafficFlow> traffic)
    {
        var ids = RealHostIds(topology);
        if (ids.Count == 0) return;
        var list = string.Join(", ", ids);
        if (!realTime)
            throw new UsageException($"the topology has real hosts ({list}): real programs run in wall-clock time, so add --realtime");
        if (topology.Controller.Routing != RoutingMode.Reactive)
            throw new UsageException($"the topology has real hosts ({list}): their programs send traffic nobody declared, which only reactive routing forwards; set 'controller: {{routing: reactive}}'");
        foreach (var f in traffic)
        {
            var to = topology.IndexOfHost(f.To);
            if (to >= 0 && topology.Hosts[to].Real)
                throw new UsageException($"flow '{f.Id}'{(f.Source is { } at ? $" ({at})" : "")} goes to real host '{f.To}': its kernel, not the simulation, receives it, so nothing would count it; run a real receiver in its namespace instead");
        }
        if (scenario is null) return;
        foreach (var e in scenario.Events)
        {
            if (e is not ExpectEvent expect) continue;
            // The check's echo request would leave from the namespace's switch port and its reply go into the
            // namespace, where the simulation never sees it: a real host can be pinged, not ping.
            var from = expect.From is { } f ? topology.IndexOfHost(f) : -1;
            if (expect.Kind == ExpectKind.ConnectedPairsReach || from >= 0 && topology.Hosts[from].Real)
                throw new UsageException($"the expect check at {Durations.Format(expect.At)} would ping from real host " +
                    $"'{(from >= 0 ? topology.Hosts[from].Id : ids[0])}', whose replies only its namespace sees; check from a simulated host " +
                    "('h3 reaches h1') or run ping in the namespace");
        }
    }

    /// <summary>The namespaces, attached to the run's network; stderr says how to reach them once the controller is ready.</summary>
    public static RealHostSet Start(ScenarioRun run)
    {
        RealHostSet set;
        try
        {
            set = RealHostSet.Start(run.Network);
        }
        catch (RealHostException e)
        {
            throw new RunFailedException($"real hosts: {e.Message}");
        }
        if (set.Hosts.Count == 0) return set;
        run.RealHosts = () => set.Hosts.Select(h => new Scenarios.Reporting.RealHostReport(h.HostId, h.Names.Namespace, h.Names.Veth, h.FramesFromHost, h.FramesToHost)).ToList();
        var first = set.Hosts[0];
        var peer = set.Hosts.Count > 1 ? run.Network.Topology.Hosts[run.Network.Topology.IndexOfHost(set.Hosts[1].HostId)].IPv4?.Address : null;
        var names = string.Join(", ", set.Hosts.Select(h => $"{h.Names.Namespace} ({run.Network.Topology.Hosts[run.Network.Topology.IndexOfHost(h.HostId)].IPv4?.Address})"));
        var previous = run.OnReady;
        run.OnReady = network =>
        {
            previous?.Invoke(network);
            Console.Error.WriteLine($"sdnctl: real hosts ready: {names}" +
                (peer is not null ? $"; e.g. ip netns exec {first.Names.Namespace} ping {peer}" : ""));
            Console.Error.Flush();
        };
        return set;
    }
}
