using SdnController.Paths.Graph;

namespace SdnController.Controller.Routing;

/// <summary>
/// One <see cref="RoutingService"/> per path metric in use: the controller's metric at slot 0, made up front,
/// and each other metric (a traffic class's) made the first time a flow asks for it. Every service sees the
/// same failed links, so a flow's route depends only on its metric.
/// </summary>
/// <remarks>
/// Services are kept apart rather than weighing links per flow: each keeps its own tree cache and
/// generations, so a network routed by one metric (the common case) costs exactly what it did before
/// classes, and a restore re-checks a flow only when its own metric's tree changed.
/// </remarks>
public sealed class RoutingByMetric
{
    private readonly Topology.Model.Topology _topology;
    private readonly List<RoutingService> _services = new(1);

    public RoutingByMetric(Topology.Model.Topology topology, PathMetric defaultMetric)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _topology = topology;
        _services.Add(new RoutingService(topology, defaultMetric));
    }

    /// <summary>The controller's metric's service (slot 0).</summary>
    public RoutingService Default => _services[0];

    /// <summary>Services made so far (slots 0..Count-1).</summary>
    public int Count => _services.Count;

    public RoutingService this[int slot] => _services[slot];

    /// <summary>Slot of the metric's service, made now (under the current failed links) when new.</summary>
    public int SlotOf(PathMetric metric)
    {
        for (var s = 0; s < _services.Count; s++)
            if (_services[s].Metric == metric) return s;
        var service = new RoutingService(_topology, metric);
        var current = _services[0];
        for (var l = 0; l < current.Graph.LinkCount; l++)
            if (!current.IsLinkUp(l)) service.SetLinkState(l, up: false);
        _services.Add(service);
        return _services.Count - 1;
    }

    /// <summary>Marks a link failed or working in every service; false when it already was in that state.</summary>
    public bool SetLinkState(int linkIndex, bool up)
    {
        var changed = _services[0].SetLinkState(linkIndex, up);
        for (var s = 1; s < _services.Count; s++) _services[s].SetLinkState(linkIndex, up);
        return changed;
    }

    /// <summary>The metrics in use as the topology file names them, the controller's first: "latency,hop".</summary>
    public string MetricNames
    {
        get
        {
            var names = new string[_services.Count];
            for (var s = 0; s < names.Length; s++) names[s] = NameOf(_services[s].Metric);
            return string.Join(",", names);
        }
    }

    private static string NameOf(PathMetric metric) => metric switch
    {
        PathMetric.Hop => "hop",
        PathMetric.Latency => "latency",
        PathMetric.Cost => "cost",
        PathMetric.InverseBandwidth => "headroom",
        _ => metric.ToString().ToLowerInvariant(),
    };

    /// <summary>Tree searches of every service so far.</summary>
    public int TreesComputed
    {
        get
        {
            var n = 0;
            foreach (var s in _services) n += s.TreesComputed;
            return n;
        }
    }
}
