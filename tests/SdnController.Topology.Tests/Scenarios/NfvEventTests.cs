using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

/// <summary>The scenario event <c>{at, nfv: F, state: down|up}</c>: read, written back, and its errors.</summary>
public class NfvEventTests
{
    // Lines 11-13 after the ten-line network; "scenario:" on 14, "events:" on 15, the first event on 16.
    private const string Functions = "nfv:\n  fw1: {kind: firewall, attach: s1}\n  fw2: {kind: firewall, attach: s2}\n";
    private const string Events = Functions + "scenario:\n  events:\n    - ";

    [Test]
    public void Down_and_up_events_are_read_and_written_back()
    {
        var t = LoadValid(Events + "{at: 3s, nfv: fw1, state: down}\n    - {at: 3s, nfv: fw2, state: down}\n    - {at: 4.5s, nfv: fw1, state: up}\n");
        Assert.That(t.Scenario!.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[]
        {
            new NfvStateEvent(TimeSpan.FromSeconds(3), "fw1", false),
            new NfvStateEvent(TimeSpan.FromSeconds(3), "fw2", false),
            new NfvStateEvent(TimeSpan.FromSeconds(4.5), "fw1", true),
        }));
        Assert.That(t.Scenario.Events[0].Source, Is.EqualTo(new SourceLocation("test.yaml", 16, 7)));

        var yaml = TopologyYamlWriter.ToYaml(t);
        Assert.That(yaml, Does.Contain("    - {at: 3s, nfv: fw1, state: down}\n").And.Contain("    - {at: 4.5s, nfv: fw1, state: up}\n"));
        var bag = new DiagnosticBag();
        var again = TopologyYamlLoader.LoadText(yaml, "again.yaml", bag);
        Assert.That(again, Is.Not.Null, Render(bag));
        Assert.That(again!.Scenario!.Events.Select(NoSource), Is.EqualTo(t.Scenario.Events.Select(NoSource)));
    }

    public static IEnumerable<TestCaseData> Broken()
    {
        TestCaseData C(string name, string sections, int line, int col, params string[] fragments) =>
            new TestCaseData(sections, line, col, fragments).SetName("BrokenNfvEvent_" + name);

        yield return C("UnknownFunctionWithHint", Events + "{at: 1s, nfv: fw3, state: down}\n", 16, 21, "unknown network function 'fw3'", "did you mean 'fw1'?");
        yield return C("SwitchNamed", Events + "{at: 1s, nfv: s1, state: down}\n", 16, 21, "'s1' is a switch; 'nfv' events name network functions of the 'nfv:' section");
        yield return C("HostNamed", Events + "{at: 1s, nfv: h2, state: up}\n", 16, 21, "'h2' is a host; 'nfv' events name network functions");
        yield return C("NoFunctionsAtAll", "scenario:\n  events:\n    - {at: 1s, nfv: fw1, state: down}\n", 13, 21, "unknown network function 'fw1': the topology has no 'nfv:' instances");
        yield return C("MissingState", Events + "{at: 1s, nfv: fw1}\n", 16, 7, "nfv event is missing required key 'state'");
        yield return C("BadStateWithHint", Events + "{at: 1s, nfv: fw1, state: dwn}\n", 16, 33, "expected 'up' or 'down' for 'state'", "did you mean 'down'?");
        yield return C("SilentIsForLinks", Events + "{at: 1s, nfv: fw1, state: down, silent: true}\n", 16, 39, "unknown key 'silent' in nfv event", "expected one of: at, nfv, state");
        yield return C("TwoActions", Events + "{at: 1s, switch: s1, nfv: fw1, state: down}\n", 16, 28, "an event has one action, found 'switch' and 'nfv'");
        yield return C("FunctionList", Events + "{at: 1s, nfv: [fw1, fw2], state: down}\n", 16, 21, "network function id");
        yield return C("MisspeltActionWithHint", Events + "{at: 1s, nvf: fw1, state: down}\n", 16, 16, "unknown key 'nvf' in event", "did you mean 'nfv'?");
    }

    [TestCaseSource(nameof(Broken))]
    public void Reports_the_error_at_its_position(string sections, int line, int col, string[] fragments)
    {
        var (topology, bag) = Load(sections, "bad.yaml");
        Assert.That(topology, Is.Null, "a broken file must not load");
        var match = bag.Items.FirstOrDefault(d =>
            d.Location is { } at && at.File == "bad.yaml" && at.Line == line && at.Column == col &&
            fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.That(match, Is.Not.Null, $"expected an error at bad.yaml:{line}:{col} containing [{string.Join("] [", fragments)}]; got:\n{Render(bag)}");
        Assert.That(match!.ToString(), Does.StartWith($"bad.yaml:{line}:{col}: error: "));
    }
}
