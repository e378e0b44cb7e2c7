using NfvModel = SdnController.Topology.Model.Nfv;
using System.Runtime.InteropServices;
using SdnController.Southbound;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Time;
using SdnController.Topology.Diagnostics;
using SdnController.VirtualNetwork.Functions;
using SdnController.VirtualNetwork.Hosts;
using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork;

/// <summary>
/// The embedded data plane: one <see cref="VirtualSwitch"/> per topology switch, links with latency,
/// bandwidth, queues and loss, hosts with an ARP/IPv4 stack and traffic generators, network functions
/// hanging one-arm off switch ports (docs/nfv.md), and the control channels the controller reaches the
/// switches and functions through. Everything runs on the loop thread; call the
/// methods here from it (or before the loop runs).
/// </summary>
public sealed class SimulatedNetwork : ISouthbound, IDropObserver
{
    private readonly SwitchNode[] _nodes;
    private readonly Dictionary<ulong, SwitchNode> _byDpid = new();
    private Dictionary<string, int>? _linkIndex;   // built on the first lookup by id (benchmarks never need it)
    private readonly List<HostFlow> _flows = new();
    private readonly Dictionary<string, HostFlow> _flowsById = new(StringComparer.Ordinal);
    private readonly Dictionary<ushort, PendingPing> _pings = new();
    private readonly Random _random;
    private long _nextPacketId;
    private int _nextPing;

    public SimulatedNetwork(Topology.Model.Topology topology, EventLoop loop, NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Topology = topology;
        Loop = loop;
        Options = options;
        _random = new Random(options.Seed);

        // Switch indices of every link end, looked up once (the topology's index is a string dictionary).
        var switchCount = topology.Switches.Count;
        var linkEnds = new int[2 * topology.Links.Count];
        var hostSwitch = new int[topology.Hosts.Count];
        var portCount = new int[switchCount];
        var linkCount = new int[switchCount];
        var hostCount = new int[switchCount];
        var maxPort = new int[switchCount];
        Array.Fill(maxPort, -1);
        for (var i = 0; i < topology.Links.Count; i++)
        {
            var l = topology.Links[i];
            int a = linkEnds[2 * i] = topology.IndexOfSwitch(l.A.Node), b = linkEnds[2 * i + 1] = topology.IndexOfSwitch(l.B.Node);
            linkCount[a]++;
            linkCount[b]++;
            maxPort[a] = Math.Max(maxPort[a], l.A.Port);
            maxPort[b] = Math.Max(maxPort[b], l.B.Port);
        }
        for (var i = 0; i < hostSwitch.Length; i++)
        {
            var at = topology.Hosts[i].Attachment;
            var s = hostSwitch[i] = topology.IndexOfSwitch(at.Node);
            hostCount[s]++;
            maxPort[s] = Math.Max(maxPort[s], at.Port);
        }
        // Network functions hang off switch ports like hosts (an access link each), so they count as such.
        var functionSwitch = new int[topology.Nfv.Count];
        for (var i = 0; i < functionSwitch.Length; i++)
        {
            var at = topology.Nfv[i].Attachment;
            var s = functionSwitch[i] = topology.IndexOfSwitch(at.Node);
            hostCount[s]++;
            maxPort[s] = Math.Max(maxPort[s], at.Port);
        }

        var ports = new PortDescription[switchCount][];
        for (var s = 0; s < switchCount; s++) ports[s] = new PortDescription[linkCount[s] + hostCount[s]];
        // Port names are unique within a switch ("eth3", as Linux names interfaces); one string per port
        // number serves every switch, which matters with hundreds of thousands of ports.
        var portNames = new Dictionary<int, string>();
        void AddPort(int s, Topology.Model.PortRef at, double speed)
        {
            // Locally administered MAC naming the switch and port, unique across the network.
            var mac = new MacAddress(0x0A_00_00_00_00_00UL | ((ulong)(s & 0xFFFFFF) << 16) | (uint)(at.Port & 0xFFFF));
            if (!portNames.TryGetValue(at.Port, out var name)) portNames[at.Port] = name = $"eth{at.Port}";
            ports[s][portCount[s]++] = new PortDescription(at.Port, mac, name, true) { SpeedBps = speed };
        }
        for (var i = 0; i < topology.Links.Count; i++)
        {
            var l = topology.Links[i];
            AddPort(linkEnds[2 * i], l.A, l.BandwidthBps);
            AddPort(linkEnds[2 * i + 1], l.B, l.BandwidthBps);
        }
        for (var i = 0; i < hostSwitch.Length; i++) AddPort(hostSwitch[i], topology.Hosts[i].Attachment, options.HostLinkBandwidthBps);
        for (var i = 0; i < functionSwitch.Length; i++) AddPort(functionSwitch[i], topology.Nfv[i].Attachment, options.HostLinkBandwidthBps);

        _nodes = new SwitchNode[switchCount];
        var switches = new VirtualSwitch[switchCount];
        var endpoints = new SwitchEndpoint[switchCount];
        _byDpid.EnsureCapacity(switchCount);
        for (var i = 0; i < switchCount; i++)
        {
            var s = topology.Switches[i];
            Array.Sort(ports[i], static (a, b) => a.PortNo.CompareTo(b.PortNo));
            switches[i] = new VirtualSwitch(i, s.Id, s.DatapathId, ports[i]);
            _nodes[i] = new SwitchNode(switches[i], this);
            _nodes[i].ReserveWiring(linkCount[i], hostCount[i], maxPort[i]);
            _byDpid[s.DatapathId] = _nodes[i];
            endpoints[i] = new SwitchEndpoint(s.DatapathId, s.Id);
        }
        Switches = switches;
        SwitchEndpoints = endpoints;

        // Generated fabrics repeat one set of link figures: share one parameters object per distinct set.
        // Keyed by the figures themselves, so a link whose set is already known allocates nothing.
        var sharedParameters = new Dictionary<(TimeSpan, double, int, double), LinkParameters>();
        var fabric = new LinkFabric(loop, _random, this);
        var links = new VirtualLink[topology.Links.Count];
        for (var i = 0; i < links.Length; i++)
        {
            var l = topology.Links[i];
            var figures = (LinkParameters.LatencyFromMilliseconds(l.LatencyMs), l.BandwidthBps, l.QueuePackets ?? options.QueueCapacityPackets, l.LossRate > 0 ? l.LossRate : options.LossRate);
            ref var parameters = ref CollectionsMarshal.GetValueRefOrAddDefault(sharedParameters, figures, out _);
            parameters ??= new LinkParameters(figures.Item1, figures.Item2, figures.Item3, figures.Item4);
            var link = new VirtualLink(l, fabric, parameters);
            var a = _nodes[linkEnds[2 * i]];
            var b = _nodes[linkEnds[2 * i + 1]];
            link.AToB.Connect(b, l.B.Port);
            link.BToA.Connect(a, l.A.Port);
            a.WireOutput(l.A.Port, link.AToB);
            b.WireOutput(l.B.Port, link.BToA);
            a.LinkEnds.Add(2 * i + 1);
            b.LinkEnds.Add(2 * i);
            links[i] = link;
        }
        Links = links;

        var hosts = new VirtualHost[topology.Hosts.Count];
        var hostParameters = new LinkParameters(options.HostLinkLatency, options.HostLinkBandwidthBps, options.QueueCapacityPackets, 0);
        for (var i = 0; i < hosts.Length; i++)
        {
            var h = topology.Hosts[i];
            var s = hostSwitch[i];
            var link = new VirtualLink(h.Id, h.Id, h.Attachment.ToString(), loop, hostParameters, _random, this);
            hosts[i] = new VirtualHost(i, h, s, link, this);
            link.AToB.Connect(_nodes[s], h.Attachment.Port);
            link.BToA.Connect(hosts[i]);
            _nodes[s].WireOutput(h.Attachment.Port, link.BToA);
            _nodes[s].HostLinks.Add((h.Attachment.Port, link));
        }
        Hosts = hosts;

        var functions = new VirtualFunction[topology.Nfv.Count];
        var functionEndpoints = new FunctionEndpoint[functions.Length];
        for (var i = 0; i < functions.Length; i++)
        {
            var f = topology.Nfv[i];
            var s = functionSwitch[i];
            var link = new VirtualLink(f.Id, f.Id, f.Attachment.ToString(), loop, hostParameters, _random, this);
            functions[i] = new VirtualFunction(i, f, s, link, this, options.PreconfigureFunctions);
            link.AToB.Connect(_nodes[s], f.Attachment.Port);
            link.BToA.Connect(functions[i]);
            _nodes[s].WireOutput(f.Attachment.Port, link.BToA);
            _nodes[s].HostLinks.Add((f.Attachment.Port, link));
            functionEndpoints[i] = functions[i].Endpoint(topology.Switches[s].DatapathId);
        }
        Functions = functions;
        FunctionEndpoints = functionEndpoints;
    }

    public Topology.Model.Topology Topology { get; }
    public EventLoop Loop { get; }
    public NetworkOptions Options { get; }
    public IClock Clock => Loop.Clock;
    /// <summary>Same order as topology.Switches; index = the switch index packets record as hops.</summary>
    public IReadOnlyList<VirtualSwitch> Switches { get; }
    public IReadOnlyList<VirtualHost> Hosts { get; }
    /// <summary>Switch-to-switch links, same order as topology.Links (host access links hang off each host).</summary>
    public IReadOnlyList<VirtualLink> Links { get; }
    public IReadOnlyList<HostFlow> Flows => _flows;
    /// <summary>The network functions, same order as topology.Nfv (index = what <see cref="Packet.FunctionVisits"/> records).</summary>
    public IReadOnlyList<VirtualFunction> Functions { get; }
    public NetworkCounters Counters { get; } = new();

    /// <summary>Every frame the network discards: where is a switch, link direction or host id.</summary>
    public event Action<Packet, DropReason, string>? PacketDropped;
    /// <summary>An IDS signature matched a packet inside a function (the packet may still pass, unless the alert says Blocked).</summary>
    public event Action<VirtualFunction, IdsAlertEvent>? IdsAlerted;
    /// <summary>A traffic flow's packet reached its receiver (first copy or duplicate), with its hop record.</summary>
    public event Action<Packet, HostFlow>? PacketDelivered;
    /// <summary>A reply of a traffic flow (TCP ACK, echo reply) reached the flow's sender, with its hop record.</summary>
    public event Action<Packet, HostFlow>? ReplyDelivered;
    /// <summary>
    /// A host put a frame on its access link (ingress side of the switch port, once per frame): a tap for a classifier.
    /// Raised on the loop thread before the frame travels; a handler must not keep or change the frame.
    /// </summary>
    public event Action<VirtualHost, Packet>? HostFrameSent;

    internal void OnHostFrameSent(VirtualHost host, Packet packet) => HostFrameSent?.Invoke(host, packet);

    private IReadOnlyList<SwitchEndpoint> SwitchEndpoints { get; }
    IReadOnlyList<SwitchEndpoint> ISouthbound.Switches => SwitchEndpoints;
    private IReadOnlyList<FunctionEndpoint> FunctionEndpoints { get; }
    IReadOnlyList<FunctionEndpoint> ISouthbound.Functions => FunctionEndpoints;

    /// <summary>
    /// Open the management channel to a network function (replacing any earlier one); the sink hears a
    /// <see cref="FunctionStatus"/> event (state and applied version) after the control latency.
    /// </summary>
    public INfvChannel OpenFunction(string id, IFunctionMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return FindFunction(id).Open(sink);
    }

    public VirtualFunction FindFunction(string id)
    {
        foreach (var f in Functions)
            if (f.Id == id) return f;
        throw new ArgumentException(Functions.Count == 0
            ? $"unknown network function '{id}': the topology has no 'nfv:' instances"
            : $"unknown network function '{id}'{DidYouMean.Hint(id, Functions.Select(f => f.Id))}");
    }

    public bool IsFunctionUp(string id) => FindFunction(id).IsUp;

    /// <summary>
    /// Fail a network function (it drops everything it receives, frames inside it are lost, requests go
    /// unanswered; its switch port stays up) or bring it back as a restarted instance with no configuration
    /// (version 0: it drops everything until configured again). Its channel reports <see cref="FunctionStatus"/>.
    /// </summary>
    public void SetFunctionState(string id, bool up) => FindFunction(id).SetState(up);

    /// <summary>Open the control channel to a switch (replacing any earlier one); the sink hears ChannelStateChanged(true) after the control latency if the switch is up.</summary>
    public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!_byDpid.TryGetValue(dpid, out var node))
            throw new ArgumentException($"no switch has datapath id {dpid:x16}");
        var channel = new ControlChannel(node, sink);
        node.Open(channel);
        return channel;
    }

    public bool IsLinkUp(string linkId) => Links[LinkIndex(linkId)].State == LinkState.Up;
    public bool IsSwitchUp(string switchId) => _nodes[SwitchIndex(switchId)].IsUp;
    public VirtualLink FindLink(string linkId) => Links[LinkIndex(linkId)];

    /// <summary>
    /// Fail or restore a link. A loud failure drops carrier (both end switches report port-status down); a silent
    /// one only drops frames. Restoring reports port-status up at both ends.
    /// </summary>
    public void SetLinkState(string linkId, bool up, bool silent = false)
    {
        var link = Links[LinkIndex(linkId)];
        var model = Topology.Links[LinkIndex(linkId)];
        var a = _nodes[Topology.IndexOfSwitch(model.A.Node)];
        var b = _nodes[Topology.IndexOfSwitch(model.B.Node)];
        var wanted = !up ? (silent ? LinkState.SilentlyDown : LinkState.Down) : LinkState.Up;
        if (link.State == wanted) return;
        if (!up)
        {
            var wasCarrierUp = link.State == LinkState.SilentlyDown || link.State == LinkState.Up;
            link.State = silent ? LinkState.SilentlyDown : LinkState.Down;
            link.Stop(DropReason.LinkDown); // frames on a dead link (a silent failure keeps the ports up)
            if (!silent && wasCarrierUp && a.IsUp && b.IsUp)
            {
                a.SetPortLive(model.A.Port, false, notify: true);
                b.SetPortLive(model.B.Port, false, notify: true);
            }
            else if (silent && Options.LocalFailureDetection is { } detect)
            {
                // The end switches notice on their own (data-plane BFD) and stop using the ports, telling no one.
                Loop.ScheduleAt(Loop.Now + detect, () =>
                {
                    if (link.State != LinkState.SilentlyDown) return;
                    a.SetPortLive(model.A.Port, false, notify: false);
                    b.SetPortLive(model.B.Port, false, notify: false);
                });
            }
            return;
        }
        link.State = LinkState.Up;
        if (!a.IsUp || !b.IsUp) return;
        link.Start();
        a.SetPortLive(model.A.Port, true, notify: true);
        b.SetPortLive(model.B.Port, true, notify: true);
    }

    /// <summary>
    /// Power a switch off (it drops everything, its neighbours lose carrier, its channel closes) or on (empty
    /// tables; links to live neighbours come back with port-status up at both ends; the channel reconnects).
    /// </summary>
    public void SetSwitchState(string switchId, bool up)
    {
        var node = _nodes[SwitchIndex(switchId)];
        if (node.IsUp == up) return;
        if (!up)
        {
            node.PowerOff();
            foreach (var end in node.LinkEnds)
            {
                var link = Links[end >> 1];
                var carrierWasUp = link.State == LinkState.Up && link.IsCarrying;
                link.Stop(DropReason.SwitchDown);
                if (!carrierWasUp) continue;
                var model = Topology.Links[end >> 1];
                var far = (end & 1) != 0 ? model.B : model.A;
                _nodes[Topology.IndexOfSwitch(far.Node)].SetPortLive(far.Port, false, notify: true);
            }
            foreach (var (_, link) in node.HostLinks) link.Stop(DropReason.SwitchDown);
            return;
        }
        node.PowerOn();
        foreach (var end in node.LinkEnds)
        {
            var link = Links[end >> 1];
            var model = Topology.Links[end >> 1];
            var isA = (end & 1) != 0;
            var port = isA ? model.A.Port : model.B.Port;
            var far = isA ? model.B : model.A;
            var farNode = _nodes[Topology.IndexOfSwitch(far.Node)];
            if (link.State == LinkState.Up && farNode.IsUp)
            {
                link.Start();
                node.SetPortLive(port, true, notify: true);
                farNode.SetPortLive(far.Port, true, notify: true);
            }
            else if (link.State == LinkState.SilentlyDown && farNode.IsUp)
            {
                // Carrier is there, frames are not: the port looks up on both sides.
                node.SetPortLive(port, true, notify: false);
            }
            else
            {
                node.SetPortLive(port, false, notify: false);
            }
        }
        foreach (var (port, link) in node.HostLinks)
        {
            link.Start();
            node.SetPortLive(port, true, notify: false);
        }
    }

    /// <summary>
    /// Start a traffic generator on the source host; its statistics object updates as the run goes. The destination is
    /// a host, or a load balancer or NAT instance: then the flow is sent to its service address (the VIP, a port
    /// forward; see <see cref="NfvModel.ServiceAddress"/>) and received by whichever host the function
    /// rewrites it to.
    /// </summary>
    public HostFlow StartFlow(HostFlowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Id)) throw new ArgumentException("a flow needs a non-empty id");
        if (_flowsById.ContainsKey(spec.Id)) throw new ArgumentException($"flow '{spec.Id}' is already running");
        var from = HostWithIpv4(spec.FromHost, $"flow '{spec.Id}'");
        int toIndex;
        uint toAddress;
        int[]? receivers = null;
        if (Topology.IndexOfHost(spec.ToHost) < 0 && Topology.FindNfv(spec.ToHost) is { } function)
        {
            var service = NfvModel.ServiceAddress.Resolve(Topology, function, spec.DestinationPort, out var error)
                ?? throw new ArgumentException($"flow '{spec.Id}': {error}");
            if (spec.Protocol == FlowProtocol.Icmp || (spec.Protocol == FlowProtocol.Tcp) != (service.Protocol == NfvModel.TransportProtocol.Tcp))
                throw new ArgumentException($"flow '{spec.Id}': '{function.Id}' serves {NfvModel.TransportProtocols.Name(service.Protocol)}; the flow is {spec.Protocol}");
            receivers = new int[service.Receivers.Count];
            for (var i = 0; i < receivers.Length; i++) receivers[i] = HostWithIpv4(service.Receivers[i], $"flow '{spec.Id}'").Index;
            if (Array.IndexOf(receivers, from.Index) >= 0) throw new ArgumentException($"flow '{spec.Id}': '{from.Id}' is behind '{function.Id}' itself");
            toIndex = -1;
            toAddress = service.Address;
        }
        else
        {
            var to = HostWithIpv4(spec.ToHost, $"flow '{spec.Id}'");
            if (from == to) throw new ArgumentException($"flow '{spec.Id}': source and destination are the same host '{from.Id}'");
            toIndex = to.Index;
            toAddress = to.Ipv4Address;
        }
        if (!(spec.PacketsPerSecond > 0) || double.IsInfinity(spec.PacketsPerSecond))
            throw new ArgumentException($"flow '{spec.Id}': rate {spec.PacketsPerSecond} packets/s must be a positive number");
        var min = FrameLayout.MinimumFrameBytes(spec.Protocol) + PayloadBytes.Of(spec.Payload, 0).Length;
        if (spec.FrameBytes < min || spec.FrameBytes > FrameLayout.MaxFrameBytes)
            throw new ArgumentException($"flow '{spec.Id}': frame size {spec.FrameBytes} bytes is outside {min}..{FrameLayout.MaxFrameBytes} for {spec.Protocol}");
        if (spec.Start < Loop.Now)
            throw new ArgumentException($"flow '{spec.Id}': start {spec.Start.TotalSeconds}s is before the current time {Loop.Now.TotalSeconds}s");
        var flow = new HostFlow(_flows.Count, spec, from.Index, toIndex, receivers);
        _flows.Add(flow);
        _flowsById[spec.Id] = flow;
        new FlowSender(from, flow, toAddress).Start();
        return flow;
    }

    public HostFlow? FindFlow(string id) => _flowsById.GetValueOrDefault(id);

    /// <summary>One echo request (98-byte frame, like Linux ping); <paramref name="done"/> runs on the loop thread at the reply or the timeout.</summary>
    public void Ping(string fromHost, string toHost, TimeSpan timeout, Action<PingResult> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        var from = HostWithIpv4(fromHost, "ping");
        var to = HostWithIpv4(toHost, "ping");
        var id = (ushort)(0x8000 | (_nextPing++ & 0x7FFF));
        var frame = FrameFactory.FlowTemplate(FlowProtocol.Icmp, from.Mac, from.Ipv4Address, to.Ipv4Address, 0, 0, id, 98);
        const int l3 = FrameLayout.EthernetHeader, l4 = l3 + FrameLayout.Ipv4Header;
        FrameLayout.WriteInt64(frame, l4 + FrameLayout.IcmpHeader, 0);
        FrameLayout.WriteInt64(frame, l4 + FrameLayout.IcmpHeader + 8, Loop.Now.Ticks);
        InternetChecksum.UpdateIcmp(frame, l3, l4);
        var pending = new PendingPing(done, Loop.Now);
        if (_pings.Remove(id, out var stale)) stale.Finish(false, timeout);
        _pings[id] = pending;
        pending.Timeout = Loop.Clock.Schedule(timeout, () =>
        {
            if (_pings.TryGetValue(id, out var p) && p == pending) _pings.Remove(id);
            pending.Finish(false, timeout);
        });
        from.Arp.Send(NewPacket(frame, -1), to.Ipv4Address);
    }

    /// <summary>
    /// The frame of one UDP datagram between two hosts, addressed to the destination's own MAC (as after ARP):
    /// the first packet of a new flow. Built ahead of <see cref="SendFrame"/>, so a benchmark times only the sending.
    /// </summary>
    public byte[] UdpFrame(string fromHost, string toHost, ushort sourcePort, ushort destinationPort)
    {
        var from = HostWithIpv4(fromHost, "udp frame");
        var to = HostWithIpv4(toHost, "udp frame");
        var frame = FrameFactory.FlowTemplate(FlowProtocol.Udp, from.Mac, from.Ipv4Address, to.Ipv4Address, sourcePort, destinationPort, 0,
            FrameLayout.MinimumFrameBytes(FlowProtocol.Udp));
        to.Mac.WriteTo(frame.AsSpan(0, 6));
        return frame;
    }

    /// <summary>The host puts this frame on its access link now (no ARP: the frame is addressed already).</summary>
    public void SendFrame(string fromHost, byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var index = Topology.IndexOfHost(fromHost);
        if (index < 0) throw new ArgumentException($"send: unknown host '{fromHost}'{DidYouMean.Hint(fromHost, Topology.Hosts.Select(h => h.Id))}");
        Hosts[index].SendFrame(NewPacket(frame, -1));
    }

    void IDropObserver.Dropped(Packet packet, DropReason reason, string where) => ReportDrop(packet, reason, where);

    internal void ReportDrop(Packet packet, DropReason reason, string where)
    {
        Counters.AddDrop(reason);
        PacketDropped?.Invoke(packet, reason, where);
    }

    internal void ReportIdsAlert(VirtualFunction function, Nfv.Functions.IdsAlert alert, Packet packet)
    {
        IdsAlerted?.Invoke(function, new IdsAlertEvent(alert, packet));
        function.AlertToController(alert);
    }

    internal void ReportDelivered(Packet packet, HostFlow flow) => PacketDelivered?.Invoke(packet, flow);
    internal void ReportReplyDelivered(Packet packet, HostFlow flow) => ReplyDelivered?.Invoke(packet, flow);

    internal Packet NewPacket(byte[] frame, int flowIndex) => new(_nextPacketId++, frame, Loop.Now) { FlowIndex = flowIndex };

    internal HostFlow? FlowAt(int index) => (uint)index < (uint)_flows.Count ? _flows[index] : null;

    internal void PingRequestArrived(ushort id, ReadOnlySpan<int> hops)
    {
        if (_pings.TryGetValue(id, out var p) && p.ForwardPath is null) p.ForwardPath = hops.ToArray();
    }

    internal void PingReplyArrived(ushort id)
    {
        if (!_pings.Remove(id, out var p)) return;
        p.Timeout?.Cancel();
        p.Finish(true, Loop.Now - p.SentAt);
    }

    private VirtualHost HostWithIpv4(string id, string what)
    {
        var index = Topology.IndexOfHost(id);
        if (index < 0)
            throw new ArgumentException($"{what}: unknown host '{id}'{DidYouMean.Hint(id, Topology.Hosts.Select(h => h.Id))}");
        var host = Hosts[index];
        if (host.Ipv4 is null)
            throw new ArgumentException($"{what}: host '{id}' has no IPv4 address; give it one (ipv4: a.b.c.d/len) to send or receive traffic");
        return host;
    }

    private int LinkIndex(string linkId)
    {
        if (_linkIndex is null)
        {
            var index = new Dictionary<string, int>(Links.Count, StringComparer.Ordinal);
            for (var i = 0; i < Links.Count; i++) index[Links[i].Id] = i;
            _linkIndex = index;
        }
        if (_linkIndex.TryGetValue(linkId, out var found)) return found;
        throw new ArgumentException($"unknown link '{linkId}'{DidYouMean.Hint(linkId, _linkIndex.Keys)}");
    }

    private int SwitchIndex(string switchId)
    {
        var i = Topology.IndexOfSwitch(switchId);
        if (i >= 0) return i;
        throw new ArgumentException($"unknown switch '{switchId}'{DidYouMean.Hint(switchId, Topology.Switches.Select(s => s.Id))}");
    }

    private sealed class PendingPing(Action<PingResult> done, TimeSpan sentAt)
    {
        private bool _finished;
        public TimeSpan SentAt { get; } = sentAt;
        public int[]? ForwardPath { get; set; }
        public IScheduledWork? Timeout { get; set; }

        public void Finish(bool replied, TimeSpan roundTrip)
        {
            if (_finished) return;
            _finished = true;
            done(new PingResult(replied, roundTrip, ForwardPath ?? Array.Empty<int>()));
        }
    }
}
