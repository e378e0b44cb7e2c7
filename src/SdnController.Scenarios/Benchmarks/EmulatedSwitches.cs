using System.Collections.Immutable;
using SdnController.Southbound;
using SdnController.Southbound.Matching;
using SdnController.Nfv.Functions;
using SdnController.Nfv.Southbound;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Rules;
using SdnController.Southbound.Time;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Switches as cbench emulates them: each answers the controller's handshake (features, an empty flow-stats
/// reply, barrier replies) on the loop at once, counts flow-mods and packet-outs and keeps no flow table,
/// and sends whatever packet-ins the benchmark injects. So a benchmark over them times the controller alone.
/// Network functions of the topology are reachable too: each keeps a real function instance that applies and
/// acknowledges configurations (no frames ever reach it), so controller NFV actors can run against the bench.
/// </summary>
internal sealed class EmulatedSwitches : ISouthbound
{
    private readonly EventLoop _loop;
    private readonly Dictionary<ulong, Channel> _channels = new();
    private readonly Dictionary<ulong, ImmutableArray<PortDescription>> _ports = new();
    private readonly Dictionary<string, INetworkFunction> _functions = new(StringComparer.Ordinal);

    public EmulatedSwitches(Topology.Model.Topology topology, EventLoop loop)
    {
        _loop = loop;
        var endpoints = new List<SwitchEndpoint>(topology.Switches.Count);
        var ports = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var s in topology.Switches) ports[s.Id] = new SortedSet<int>();
        foreach (var l in topology.Links)
        {
            ports[l.A.Node].Add(l.A.Port);
            ports[l.B.Node].Add(l.B.Port);
        }
        foreach (var h in topology.Hosts) ports[h.Attachment.Node].Add(h.Attachment.Port);
        var functions = new List<FunctionEndpoint>(topology.Nfv.Count);
        foreach (var f in topology.Nfv)
        {
            ports[f.Attachment.Node].Add(f.Attachment.Port);
            _functions[f.Id] = NetworkFunctions.Create(f.Id, f.Kind);
            functions.Add(new FunctionEndpoint(f.Id, f.Kind, topology.Switches[topology.IndexOfSwitch(f.Attachment.Node)].DatapathId, f.Attachment.Port));
        }
        Functions = functions;
        foreach (var s in topology.Switches)
        {
            endpoints.Add(new SwitchEndpoint(s.DatapathId, s.Id));
            _ports[s.DatapathId] = [.. ports[s.Id].Select(p => new PortDescription(p,
                new MacAddress(0x02_0000_0000_00UL | ((s.DatapathId & 0xFF_FFFF) << 16) | (uint)p), $"{s.Id}-eth{p}", true))];
        }
        Switches = endpoints;
    }

    public IReadOnlyList<SwitchEndpoint> Switches { get; }
    public IReadOnlyList<FunctionEndpoint> Functions { get; }
    public IClock Clock => _loop.Clock;
    public long FlowMods { get; private set; }
    public long PacketOuts { get; private set; }

    public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink)
    {
        var channel = new Channel(this, dpid, sink);
        _channels[dpid] = channel;
        channel.Reply(new ChannelStateChanged(true));
        return channel;
    }

    public INfvChannel OpenFunction(string id, IFunctionMessageSink sink)
    {
        if (!_functions.TryGetValue(id, out var function)) throw new ArgumentException($"unknown network function '{id}'");
        var channel = new FunctionChannel(this, function, sink);
        channel.Reply(new FunctionStatus(0, FunctionState.Up, function.AppliedVersion));
        return channel;
    }

    /// <summary>The switch sends a packet-in (delivered on the loop, in order).</summary>
    public void PacketIn(ulong dpid, byte[] frame, int inPort) =>
        _channels[dpid].Reply(new PacketIn(frame, inPort, PacketInReason.Action));

    private sealed class FunctionChannel(EmulatedSwitches owner, INetworkFunction function, IFunctionMessageSink sink) : INfvChannel
    {
        private bool _disposed;
        public string FunctionId => function.Id;

        public void Reply(FunctionMessage m) => owner._loop.Post(() => { if (!_disposed) sink.Receive(m); });

        public void Send(FunctionRequest request) => Reply(FunctionAgent.Handle(function, request));

        public void Dispose() => _disposed = true;
    }

    private sealed class Channel(EmulatedSwitches owner, ulong dpid, ISwitchMessageSink sink) : ISwitchChannel
    {
        private bool _disposed;
        public ulong Dpid => dpid;

        public void Reply(SwitchMessage m) => owner._loop.Post(() => { if (!_disposed) sink.Receive(m); });

        public void Send(ControllerMessage message)
        {
            switch (message)
            {
                case FeaturesRequest f: Reply(new FeaturesReply(f.Xid, dpid, owner._ports[dpid])); break;
                case FlowStatsRequest s: Reply(new FlowStatsReply(s.Xid, ImmutableArray<FlowStats>.Empty)); break;
                case GroupDescRequest g: Reply(new GroupDescReply(g.Xid, ImmutableArray<GroupEntry>.Empty)); break;
                case BarrierRequest b: Reply(new BarrierReply(b.Xid)); break;
                case FlowMod: owner.FlowMods++; break;
                case PacketOut p when !IsLldp(p.Frame.Span): owner.PacketOuts++; break;
            }
        }

        public void Send(IReadOnlyList<ControllerMessage> messages)
        {
            foreach (var m in messages) Send(m);
        }

        public void Dispose() => _disposed = true;

        private static bool IsLldp(ReadOnlySpan<byte> frame) =>
            frame.Length >= 14 && (frame[12] << 8 | frame[13]) == EtherTypes.Lldp;
    }
}
