using SdnController.Classification;
using SdnController.Classification.Classes;
using SdnController.Classification.Decoding;
using SdnController.Classification.Flows;
using SdnController.Controller;
using SdnController.Controller.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Hosts;
using SdnController.VirtualNetwork.Simulation;
using Packet = SdnController.VirtualNetwork.Packets.Packet;

namespace SdnController.Scenarios.Policy;

/// <summary>
/// Feeds the classifier with every frame a host sends (the virtual network's <see cref="SimulatedNetwork.HostFrameSent"/>
/// tap: the ingress side of each access port, one copy per frame) and tells the controller each flow's label when it
/// first becomes known and whenever it changes (an elephant turning bulk, a source found scanning). Runs on the loop
/// thread, like the network, so the classifier needs no locking. Made only when the topology declares a <c>policy:</c>.
/// </summary>
/// <remarks>
/// A label is sent once the protocol is found by inspection, or — for a flow inspection cannot place — after
/// <see cref="InspectionPackets"/> payload packets, with the port guess (or Unknown): a policy keyed on a port guess
/// would otherwise act on the first packet and change its mind on the second. Sources the scan detector finds probing
/// many targets are checked every <see cref="ScanCheckInterval"/> of run time, and only when some entry names the
/// <c>suspicious</c> class; every flow of such a source is labelled suspicious from then on. Idle flows expire (the
/// classifier's timeouts, swept every <see cref="ClassifierOptions.ExpirySweepInterval"/> of run time even when traffic
/// stops): the tap forgets their labels, and a later flow on the same 5-tuple is classified and labelled afresh.
/// </remarks>
public sealed class PolicyTap : IDisposable
{
    public const int InspectionPackets = 8;
    public static readonly TimeSpan ScanCheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly SimulatedNetwork _network;
    private readonly EventLoop _loop;
    private readonly ControllerHost _controller;
    /// <summary>Expired flows are not retained: the tap reports nothing itself, so a long run keeps only its active flows.</summary>
    private readonly Classifier _classifier = new(ClassifierOptions.Default with { RetainExpiredFlows = false });
    private readonly Dictionary<Flow, (AppProtocol Protocol, TrafficClass Class)> _sent = new();
    private readonly HashSet<UInt128> _scanning = new();
    private readonly bool _watchScans;
    private bool _disposed;

    public PolicyTap(SimulatedNetwork network, EventLoop loop, ControllerHost controller, IReadOnlyList<PolicyRule> policy)
    {
        _network = network;
        _loop = loop;
        _controller = controller;
        foreach (var r in policy)
            if (string.Equals(r.Class, TrafficClass.Suspicious.Name(), StringComparison.OrdinalIgnoreCase)) _watchScans = true;
        network.HostFrameSent += OnFrame;
        _classifier.FlowExpired += OnExpired;
        _loop.ScheduleAt(_loop.Now + _classifier.Options.ExpirySweepInterval, SweepIdle);
        if (_watchScans) _loop.ScheduleAt(_loop.Now + ScanCheckInterval, CheckScans);
    }

    /// <summary>Flows whose label the tap forgot because the classifier expired them.</summary>
    public int LabelsForgotten { get; private set; }

    private void OnExpired(Flow flow)
    {
        if (_sent.Remove(flow)) LabelsForgotten++;
    }

    private void SweepIdle()
    {
        if (_disposed) return;
        _classifier.ExpireIdle(_loop.Now.Ticks / TimeSpan.TicksPerMicrosecond);
        _loop.ScheduleAt(_loop.Now + _classifier.Options.ExpirySweepInterval, SweepIdle);
    }

    /// <summary>Labels sent to the controller so far.</summary>
    public int LabelsSent { get; private set; }

    public Classifier Classifier => _classifier;

    private void OnFrame(VirtualHost host, Packet packet)
    {
        var flow = _classifier.Process(packet.Frame, LinkType.Ethernet, packet.SentAt.Ticks / TimeSpan.TicksPerMicrosecond);
        if (flow is not null) Label(flow);
    }

    private void Label(Flow flow)
    {
        if (flow.IpVersion != 4 || flow.Transport is not (6 or 17 or 1)) return;
        var suspicious = _scanning.Count > 0 && _scanning.Contains(flow.ClientAddress);
        if (!suspicious && flow.Protocol == AppProtocol.Unknown && flow.PayloadPackets < InspectionPackets) return;
        var (protocol, method) = Classifier.FinalProtocol(flow);
        var cls = suspicious ? TrafficClass.Suspicious : TrafficClassifier.Of(flow, protocol, _classifier.Options);
        if (_sent.TryGetValue(flow, out var last) && last == (protocol, cls)) return;
        _sent[flow] = (protocol, cls);
        LabelsSent++;
        var tuple = new FunctionFlowTuple((uint)flow.ClientAddress, (uint)flow.ServerAddress, flow.ClientPort, flow.ServerPort, (byte)flow.Transport);
        var methodName = method switch { Classification.DetectionMethod.Inspection => "inspection", Classification.DetectionMethod.Port => "port", _ => "none" };
        _controller.FlowClassified(new FlowClassified(tuple, protocol.Name(), cls.Name(), methodName));
    }

    private void CheckScans()
    {
        if (_disposed) return;
        var flows = _classifier.Flows;
        foreach (var f in ScanDetector.SuspiciousFlows(flows, _classifier.Options))
        {
            if (!_scanning.Add(f.ClientAddress)) continue;
            // A source newly found scanning: every flow it has is suspicious now, not only its probes.
            foreach (var g in flows)
                if (g.ClientAddress == f.ClientAddress) Label(g);
        }
        _loop.ScheduleAt(_loop.Now + ScanCheckInterval, CheckScans);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _network.HostFrameSent -= OnFrame;
    }
}
