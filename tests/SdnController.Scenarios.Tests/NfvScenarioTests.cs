using SdnController.Controller.Observation;
using SdnController.Scenarios.Benchmarks;
using SdnController.Scenarios.Interactive;
using SdnController.Scenarios.Playback;
using SdnController.Scenarios.Reporting;
using SdnController.Southbound;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Tests;

/// <summary>The nfv scenario event in a run, the shell's nfv command, and the bench's emulated functions.</summary>
public class NfvScenarioTests
{
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
          - {id: h2, attach: s2, ipv4: 10.0.0.2/24}
        links:
          - endpoints: [s1, s2]
        nfv:
          fw1: {kind: firewall, attach: s1, rules: [{action: allow, proto: udp}]}
        """;

    [Test]
    public void A_run_plays_nfv_down_and_up_and_reports_them_as_changes()
    {
        var topology = RunHarness.LoadText(Network + """

            scenario:
              duration: 3s
              events:
                - {at: 1s, nfv: fw1, state: down}
                - {at: 1s, nfv: fw1, state: down}
                - {at: 2s, nfv: fw1, state: up}
            """);
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic);
        // The repeated down at 1s changes nothing and is not reported.
        Assert.That(report.Events.Select(e => (e.Kind, e.FunctionId, e.Description)), Is.EqualTo(new[]
        {
            (InjectedKind.FunctionDown, (string?)"fw1", "nfv fw1 down"),
            (InjectedKind.FunctionUp, (string?)"fw1", "nfv fw1 up (restarted, unconfigured)"),
        }));
        Assert.That(report.Events[0].IsFailure);
        Assert.That(report.Changes.Select(c => RunReportJson.Kind(c.Event.Kind)), Is.EqualTo(new[] { "nfv-down", "nfv-up" }));
        // The controller's function actor saw the instance start, fail while running version 1, and come back restarted.
        Assert.That(run.ControllerEvents.OfType<FunctionStateChanged>().Select(s => (s.Up, s.AppliedVersion)), Is.EqualTo(new[] { (true, 0L), (false, 1L), (true, 0L) }));
        Assert.That(run.Network.FindFunction("fw1").AppliedVersion, Is.EqualTo(1), "and configured it again");
        Assert.That(run.Network.IsFunctionUp("fw1"));
        Assert.That(RunHarness.DeterministicJson(report), Does.Contain("\"nfv-down\""));
    }

    [Test]
    public void The_shell_fails_and_restores_a_function()
    {
        using var session = NetworkSession.Start(RunHarness.LoadText(Network));
        var output = new StringWriter();
        var shell = new ShellInterpreter(session, output);
        Assert.That(shell.Execute("nfv fw1 down").Kind, Is.EqualTo(ShellLineKind.Done));
        Assert.That(session.Network.IsFunctionUp("fw1"), Is.False);
        Assert.That(output.ToString(), Does.Contain("nfv fw1 down").And.Contain("its switch port stays up"));
        Assert.That(shell.Execute("nfv fw1 down").Kind, Is.EqualTo(ShellLineKind.Done));
        Assert.That(output.ToString(), Does.Contain("*** nfv fw1 down: already down"));
        Assert.That(shell.Execute("nfv fw1 up").Kind, Is.EqualTo(ShellLineKind.Done));
        Assert.That(session.Network.IsFunctionUp("fw1"));
        Assert.That(output.ToString(), Does.Contain("restarted with no configuration"));
        Assert.That(shell.Execute("nfv fw2 down").Error, Does.StartWith("unknown network function 'fw2' (did you mean 'fw1'?)"));
        Assert.That(shell.Execute("nfv fw1 sideways").Error, Does.Contain("usage: nfv F down|up"));
        Assert.That(new ShellCompletion(session.Topology).Complete("nfv f", 5).Candidates, Is.EqualTo(new[] { "fw1" }));
    }

    [Test]
    public void The_benchs_emulated_switches_apply_and_acknowledge_function_configurations()
    {
        var topology = RunHarness.LoadText(Network);
        using var loop = EventLoop.CreateVirtual();
        ISouthbound southbound = new EmulatedSwitches(topology, loop);
        Assert.That(southbound.Functions, Is.EqualTo(new[] { new FunctionEndpoint("fw1", NfvKind.Firewall, topology.Switches[0].DatapathId, 3) }), "s1: link port 1, host port 2, then the function");
        var received = new List<FunctionMessage>();
        var channel = southbound.OpenFunction("fw1", new Sink(received.Add));
        var config = topology.Nfv[0].Config;
        channel.Send(new ConfigureFunction(1, 2, config));
        channel.Send(new ConfigureFunction(2, 2, config));
        channel.Send(new ConfigureFunction(3, 1, config));
        channel.Send(new FunctionStatusRequest(4));
        loop.RunUntil(TimeSpan.FromMilliseconds(1));
        Assert.That(received, Is.EqualTo(new FunctionMessage[]
        {
            new FunctionStatus(0, FunctionState.Up, 0),
            new FunctionConfigured(1, 2, ConfigureOutcome.Applied, 2),
            new FunctionConfigured(2, 2, ConfigureOutcome.AlreadyApplied, 2),
            new FunctionConfigured(3, 1, ConfigureOutcome.Stale, 2),
            new FunctionStatus(4, FunctionState.Up, 2),
        }));
        Assert.Throws<ArgumentException>(() => southbound.OpenFunction("nope", new Sink(received.Add)));
    }

    private sealed class Sink(Action<FunctionMessage> onReceive) : IFunctionMessageSink
    {
        public void Receive(FunctionMessage message) => onReceive(message);
    }
}
