using System.Collections.Immutable;
using SdnController.Southbound;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Tests.Support;

/// <summary>The southbound over <see cref="FakeSwitch"/>es, one per switch of the topology, with every port the topology names.</summary>
public sealed class FakeSouthbound : ISouthbound
{
    private readonly Dictionary<ulong, FakeSwitch> _byDpid = new();
    private readonly Dictionary<string, FakeSwitch> _byId = new(StringComparer.Ordinal);

    public FakeSouthbound(Topology.Model.Topology topology, TestLoop loop)
    {
        Clock = loop;
        var endpoints = new List<SwitchEndpoint>();
        foreach (var s in topology.Switches)
        {
            var ports = topology.Links.SelectMany(l => new[] { l.A, l.B }).Concat(topology.Hosts.Select(h => h.Attachment))
                .Where(p => p.Node == s.Id).Select(p => p.Port).Distinct().Order()
                .Select(p => new PortDescription(p, FakeSwitch.PortMac(s.DatapathId, p), $"{s.Id}-eth{p}", true))
                .ToImmutableArray();
            var sw = new FakeSwitch(s.Id, s.DatapathId, ports, loop);
            _byDpid[s.DatapathId] = sw;
            _byId[s.Id] = sw;
            endpoints.Add(new SwitchEndpoint(s.DatapathId, s.Id));
        }
        Switches = endpoints;
    }

    /// <summary>
    /// Carry packet-outs sent out of a link port to the switch at the other end as a packet-in (what the base
    /// rules do on a real switch), unless the link is in <see cref="CutLinks"/> (a silent failure).
    /// </summary>
    public void WireLinks(Topology.Model.Topology topology)
    {
        foreach (var sw in _byId.Values)
            sw.OnPacketOut = (from, p) =>
            {
                foreach (var action in p.Actions)
                {
                    if (action is not Southbound.Actions.OutputAction o) continue;
                    for (var i = 0; i < topology.Links.Count; i++)
                    {
                        if (CutLinks.Contains(i)) continue;
                        var l = topology.Links[i];
                        var peer = l.A.Node == from.Id && l.A.Port == o.Port ? l.B : l.B.Node == from.Id && l.B.Port == o.Port ? l.A : (Topology.Model.PortRef?)null;
                        if (peer is { } at && _byId[at.Node].Powered)
                            _byId[at.Node].Deliver(new PacketIn(p.Frame.ToArray(), at.Port, PacketInReason.Action));
                    }
                }
            };
    }

    public HashSet<int> CutLinks { get; } = new();

    public IReadOnlyList<SwitchEndpoint> Switches { get; }
    public IClock Clock { get; }

    public FakeSwitch this[string id] => _byId[id];

    public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink) =>
        _byDpid.TryGetValue(dpid, out var sw) ? sw.Open(sink) : throw new ArgumentException($"no switch with dpid {dpid:x16}");
}
