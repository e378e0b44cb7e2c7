using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using SdnController.Controller.Flows;
using SdnController.Controller.Messages;
using SdnController.Southbound;
using SdnController.Southbound.Time;
using SdnController.Testing;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Controller.Tests.Flows.Support;

/// <summary>
/// A flow manager on a plain actor system, with one test probe standing in for each switch actor and
/// one for the topology actor. Probes confirm ApplyRules at once unless told otherwise; every
/// ApplyRules and confirmation is also appended to <see cref="Log"/> in the order it happened.
/// </summary>
internal sealed class FlowManagerTestBed : TestKitBase, IDisposable
{
    public FlowManagerTestBed(Topology.Model.Topology topology, bool autoConfirm = true, ControllerOptions? options = null)
        : base(new NUnitFlowAssertions(), (Akka.Configuration.Config?)null, "flow-tests")
    {
        Topology = topology;
        AutoConfirm = autoConfirm;
        Setup = new ControllerSetup(topology, new ClockOnlySouthbound(topology, Clock), options ?? new ControllerOptions { DrainOldPaths = false, IdleCollectionDelay = TimeSpan.Zero }, Observer);
        foreach (var sw in topology.Switches)
        {
            var id = sw.Id;
            var probe = CreateTestProbe("switch-" + id);
            probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
            {
                if (message is ApplyRules apply)
                {
                    Log.Enqueue($"{id} apply#{apply.UpdateId} +{apply.Add.Length} -{apply.Remove.Length}");
                    if (AutoConfirm && !Silent.ContainsKey(id)) ConfirmFrom(id, apply, sender);
                }
                return AutoPilot.KeepRunning;
            }));
            Switches[id] = probe;
        }
        TopologyActor = CreateTestProbe("topology");
        Manager = Sys.ActorOf(FlowManagerActor.Props(Setup), "flows");
    }

    public static Topology.Model.Topology Load(string relative)
    {
        var diagnostics = new DiagnosticBag();
        var topology = TopologyFileLoader.Load(Path.Combine(SharedData.RepositoryRoot, relative), ZooImportOptions.Default, diagnostics);
        Assert.That(topology, Is.Not.Null, string.Join("\n", diagnostics.Items));
        return topology!;
    }

    public Topology.Model.Topology Topology { get; }
    public ManualFlowClock Clock { get; } = new();
    public RecordingFlowObserver Observer { get; } = new();
    public ControllerSetup Setup { get; }
    public Dictionary<string, TestProbe> Switches { get; } = new(StringComparer.Ordinal);
    public TestProbe TopologyActor { get; }
    public IActorRef Manager { get; }
    public volatile bool AutoConfirm;
    /// <summary>Switches whose probe never confirms (a switch that died mid-update).</summary>
    public ConcurrentDictionary<string, bool> Silent { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Log { get; } = new();

    public void Ready(params string[] except)
    {
        var map = ImmutableDictionary.CreateBuilder<string, IActorRef>();
        foreach (var (id, probe) in Switches)
            if (!except.Contains(id)) map[id] = probe.Ref;
        Manager.Tell(new SwitchActorsReady(map.ToImmutable()));
    }

    public void ConfirmFrom(string switchId, ApplyRules apply, IActorRef? manager = null)
    {
        Log.Enqueue($"{switchId} confirm#{apply.UpdateId}");
        (manager ?? Manager).Tell(new RulesConfirmed(switchId, apply.UpdateId, apply.Add.Length, apply.Remove.Length, Clock.Now, Clock.Now), Switches[switchId].Ref);
    }

    /// <summary>Sends a topology change as the topology-actor probe.</summary>
    public void Change(ActivityContextHolder? trace = null, params LinkChange[] changes) =>
        Manager.Tell(new TopologyChanged(changes.ToImmutableArray(), DetectionMethod.PortStatus, Clock.Now, System.Diagnostics.Stopwatch.GetTimestamp(), trace?.Context ?? default), TopologyActor.Ref);

    public LinkChange Link(string a, string b, bool up)
    {
        for (var l = 0; l < Topology.Links.Count; l++)
            if (Topology.Links[l].Connects(a, b)) return new LinkChange(Topology.Links[l].Id, l, up);
        throw new ArgumentException($"no link {a}-{b}");
    }

    /// <summary>Next ApplyRules that reached a switch probe.</summary>
    public ApplyRules Expect(string switchId) => Switches[switchId].ExpectMsg<ApplyRules>(TimeSpan.FromSeconds(5));

    /// <summary>No probe gets any message for a short while.</summary>
    public void ExpectQuiet(TimeSpan? wait = null)
    {
        Thread.Sleep(wait ?? TimeSpan.FromMilliseconds(150));
        foreach (var (id, probe) in Switches)
            if (probe.HasMessages) Assert.Fail($"{id} got {probe.ReceiveOne(TimeSpan.Zero)}");
    }

    public DesiredRules Desired(string switchId)
    {
        var asker = CreateTestProbe();
        Manager.Tell(new DesiredRulesRequest(switchId), asker.Ref);
        return asker.ExpectMsg<DesiredRules>(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => Shutdown();

    private sealed class ClockOnlySouthbound(Topology.Model.Topology topology, IClock clock) : ISouthbound
    {
        public IReadOnlyList<SwitchEndpoint> Switches { get; } = topology.Switches.Select(s => new SwitchEndpoint(s.DatapathId, s.Id)).ToArray();
        public IClock Clock { get; } = clock;
        public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink) =>
            throw new NotSupportedException("the flow manager talks to switch actors, never to channels");
    }
}

/// <summary>Wraps a trace context so the Change helper can default it.</summary>
internal sealed record ActivityContextHolder(System.Diagnostics.ActivityContext Context);
