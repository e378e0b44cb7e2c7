using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Nfv.Functions;
using SdnController.Nfv.LoadBalancing;
using SdnController.Nfv.Packets;
using SdnController.Southbound.Nfv;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Load-balancer backend health set by the controller: a versioned configuration pushed over the NFV channel and
/// acknowledged; the instance the virtual network runs stops picking the backend, only that backend's clients move,
/// and the health survives an instance restart (the controller re-pushes it).
/// </summary>
public class BackendHealthRunTests
{
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
          - {id: h3, attach: "s2:11", ipv4: 10.0.0.3/24}
          - {id: h4, attach: "s2:12", ipv4: 10.0.0.4/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          lb1:
            kind: load-balancer
            attach: "s2:5"
            vip: 10.0.9.1:80
            proto: tcp
            backends: [h2, h3, h4]
        """;

    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private const uint Vip = 0x0A000901;

    /// <summary>The backend each of 300 clients' first packet goes to, as the instance rewrites it (0 when dropped).</summary>
    private static uint[] Picks(LoadBalancerFunction lb, TimeSpan now, ushort basePort)
    {
        var picks = new uint[300];
        for (var i = 0; i < picks.Length; i++)
        {
            // A fresh client port per round: the first packet of a new connection, so the choice is the ring's now.
            var frame = TestFrames.Tcp(0x0A000100u + (uint)i, (ushort)(basePort + i), Vip, 80, syn: true);
            var verdict = lb.Process(frame, now);
            PacketView.Parse(frame, out var v);
            picks[i] = verdict.Action == NfvAction.Drop ? 0 : v.Destination;
        }
        return picks;
    }

    [Test]
    public void A_replacement_and_a_health_change_in_the_same_instant_both_survive_a_controller_restart_in_order()
    {
        // Both intents are journalled by the function actor in the order it applied them: a health change recorded
        // ahead of the replacement would be wiped by it on recovery, and the instance restarted on the older rules.
        var dir = Path.Combine(Path.GetTempPath(), "sdn-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            var topology = RunHarness.LoadText(Network);
            var options = new RunOptions { Duration = Ms(500), Controller = ControllerOptions.For(topology) with { StateDirectory = dir } };
            using var run = new ScenarioRun(topology, null, topology.Traffic, options);
            run.RestartControllerAt(Ms(200));
            uint[]? picks = null;
            long version = 0;
            const uint h3 = 0x0A000003;
            run.OnReady = network =>
            {
                var loop = network.Loop;
                var origin = loop.Now;
                var declared = (Topology.Model.Nfv.LoadBalancerConfig)topology.FindNfv("lb1")!.Config!;
                loop.ScheduleAt(origin + Ms(100), () =>
                {
                    run.Controller!.ReplaceFunctionConfig("lb1", declared);  // version 2
                    run.Controller!.SetBackendHealth("lb1", "h3", false);   // version 3
                });
                // The instance restarts with no configuration: the new controller must give it version 3 again.
                loop.ScheduleAt(origin + Ms(300), () =>
                {
                    network.SetFunctionState("lb1", false);
                    network.SetFunctionState("lb1", true);
                });
                loop.ScheduleAt(origin + Ms(480), () =>
                {
                    var lb = network.FindFunction("lb1");
                    version = lb.AppliedVersion;
                    picks = Picks((LoadBalancerFunction)lb.Function, loop.Now, 20000);
                });
            };
            var report = run.Execute();
            var recovery = report.Recoveries.Single();
            Assert.That((recovery.Configs, recovery.Backends), Is.EqualTo((1, 1)), "the replacement and, after it, the health change");
            Assert.That(version, Is.EqualTo(3));
            Assert.That(picks, Has.None.EqualTo(h3).And.None.EqualTo(0u), "h3 stays down after the instance restarted");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_controller_marks_a_backend_down_and_up_as_acknowledged_versions_and_only_its_clients_move()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var events = new List<ControllerEvent>();
        using var controller = LoopController.Start(loop, topology, net, ControllerOptions.For(topology), new Recorder(events), "lb-health");
        loop.RunUntil(Ms(10));
        LoadBalancerFunction Lb() => (LoadBalancerFunction)net.FindFunction("lb1").Function;
        const uint h3 = 0x0A000003;

        var before = Picks(Lb(), Ms(10), 10000);
        Assert.That(before, Has.Some.EqualTo(h3).And.None.EqualTo(0u));

        controller.Host.SetBackendHealth("lb1", "h3", false);
        loop.RunUntil(Ms(20));
        var applied = events.OfType<FunctionConfigurationApplied>().Where(a => a.FunctionId == "lb1").Select(a => (a.Version, a.Outcome, a.Reason)).ToList();
        Assert.That(applied, Is.EqualTo(new[] { (1L, ConfigureOutcome.Applied, "initial"), (2L, ConfigureOutcome.Applied, "backend-down") }));
        Assert.That((Lb().AppliedVersion, Lb().IsHealthy("h3"), Lb().IsHealthy("h2")), Is.EqualTo((2L, false, true)));
        var down = Picks(Lb(), Ms(20), 10000);
        for (var i = 0; i < down.Length; i++)
        {
            Assert.That(down[i], Is.Not.EqualTo(h3).And.Not.EqualTo(0u));
            if (before[i] != h3) Assert.That(down[i], Is.EqualTo(before[i]), "consistent hashing: clients of the healthy backends stay");
        }

        // Marking it down again changes nothing: no new version.
        controller.Host.SetBackendHealth("lb1", "h3", false);
        loop.RunUntil(Ms(25));
        Assert.That(events.OfType<FunctionConfigurationApplied>().Count(a => a.FunctionId == "lb1"), Is.EqualTo(2));

        // A restarted instance comes back with every backend up; the controller's re-push restores the health.
        net.SetFunctionState("lb1", false);
        net.SetFunctionState("lb1", true);
        loop.RunUntil(Ms(40));
        Assert.That((Lb().AppliedVersion, Lb().IsHealthy("h3")), Is.EqualTo((2L, false)));

        controller.Host.SetBackendHealth("lb1", "h3", true);
        loop.RunUntil(Ms(50));
        Assert.That((Lb().AppliedVersion, Lb().IsHealthy("h3")), Is.EqualTo((3L, true)));
        Assert.That(Picks(Lb(), Ms(50), 10000), Is.EqualTo(before), "back up: the same clients as before go to it again");

        controller.Host.SetBackendHealth("lb1", "h9", false);
        loop.RunUntil(Ms(55));
        var rejected = events.OfType<FunctionConfigurationRejected>().Single();
        Assert.That(rejected.Error, Does.Contain("no backend 'h9'").And.Contain("h2, h3, h4"));
        Assert.That(Lb().AppliedVersion, Is.EqualTo(3));
    }

    private sealed class Recorder(List<ControllerEvent> events) : IControllerObserver
    {
        public void OnEvent(ControllerEvent e) => events.Add(e);
    }
}
