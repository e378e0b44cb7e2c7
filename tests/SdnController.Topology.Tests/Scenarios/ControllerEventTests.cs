using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

/// <summary>
/// The scenario event <c>{at: T, controller: restart}</c>: its accepted forms (flow and block mappings, quoted, in a
/// topology or a separate scenario file), written back, and every bad value reported at its <c>file:line:col</c>.
/// </summary>
public class ControllerEventTests
{
    // "scenario:" on line 11 (after the ten-line network), "events:" on 12, the first event on 13.
    private const string Events = "scenario:\n  events:\n    - ";

    private static ControllerRestartEvent Restart(double seconds) => new(TimeSpan.FromSeconds(seconds));

    [Test]
    public void Flow_block_and_quoted_forms_are_read_in_order_with_their_positions()
    {
        var t = LoadValid(Events + "{at: 1s, controller: restart}\n" +
                          "    - at: 1500ms\n      controller: \"restart\"\n" +
                          "    - {controller: 'restart', at: 2s}\n" +
                          "    - {at: 2s, link: s2-s3, state: down}\n" +
                          "    - {at: 2s, controller: restart}\n");
        Assert.That(t.Scenario!.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[]
        {
            Restart(1), Restart(1.5), Restart(2), new LinkStateEvent(TimeSpan.FromSeconds(2), "s2-s3", false), Restart(2),
        }), "the key order inside an event does not matter; a restart may share its instant with other events");
        Assert.That(t.Scenario.Events.Select(e => e.Source), Is.EqualTo(new[]
        {
            new SourceLocation("test.yaml", 13, 7), new SourceLocation("test.yaml", 14, 7), new SourceLocation("test.yaml", 16, 7),
            new SourceLocation("test.yaml", 17, 7), new SourceLocation("test.yaml", 18, 7),
        }));
    }

    [Test]
    public void A_restart_is_written_back_and_reads_again_the_same()
    {
        var t = LoadValid(Events + "{at: 250ms, controller: restart}\n    - {at: 3s, controller: restart}\n");
        var yaml = TopologyYamlWriter.ToYaml(t);
        Assert.That(yaml, Does.Contain("    - {at: 250ms, controller: restart}\n").And.Contain("    - {at: 3s, controller: restart}\n"));
        var bag = new DiagnosticBag();
        var again = TopologyYamlLoader.LoadText(yaml, "again.yaml", bag);
        Assert.That(again, Is.Not.Null, Render(bag));
        Assert.That(again!.Scenario!.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[] { Restart(0.25), Restart(3) }));
    }

    [Test]
    public void A_separate_scenario_file_takes_the_restart_too()
    {
        var bag = new DiagnosticBag();
        var file = ScenarioFileLoader.LoadText("scenario:\n  events:\n    - {at: 700ms, controller: restart}\n", "run.yaml", NetworkOnly(), bag);
        Assert.That(file, Is.Not.Null, Render(bag));
        Assert.That(file!.Scenario!.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[] { Restart(0.7) }));
        Assert.That(file.Scenario.Events[0].Source, Is.EqualTo(new SourceLocation("run.yaml", 3, 7)));

        var broken = new DiagnosticBag();
        Assert.That(ScenarioFileLoader.LoadText("scenario:\n  events:\n    - {at: 700ms, controller: reset}\n", "run.yaml", NetworkOnly(), broken), Is.Null);
        Assert.That(Render(broken), Does.StartWith("run.yaml:3:31: error: expected 'restart' for 'controller', found 'reset'"));
    }

    public static IEnumerable<TestCaseData> Broken()
    {
        TestCaseData C(string name, string events, int line, int col, params string[] fragments) =>
            new TestCaseData(Events + events, line, col, fragments).SetName("BrokenControllerEvent_" + name);

        // Wrong value.
        yield return C("MisspeltWithHint", "{at: 1s, controller: restrat}\n", 13, 28, "expected 'restart' for 'controller', found 'restrat'", "did you mean 'restart'?");
        yield return C("OtherVerb", "{at: 1s, controller: stop}\n", 13, 28, "expected 'restart' for 'controller', found 'stop'");
        yield return C("CaseMatters", "{at: 1s, controller: Restart}\n", 13, 28, "expected 'restart' for 'controller', found 'Restart'", "did you mean 'restart'?");
        yield return C("Boolean", "{at: 1s, controller: true}\n", 13, 28, "expected 'restart' for 'controller', found 'true'");
        yield return C("Number", "{at: 1s, controller: 1}\n", 13, 28, "expected 'restart' for 'controller', found '1'");
        yield return C("QuotedEmpty", "{at: 1s, controller: \"\"}\n", 13, 28, "expected 'restart' for 'controller', found ''");
        // Wrong type.
        yield return C("Empty", "{at: 1s, controller: }\n", 13, 16, "expected a scalar (controller action) for 'controller', found an empty value");
        yield return C("Null", "{at: 1s, controller: ~}\n", 13, 16, "expected a scalar (controller action) for 'controller', found an empty value");
        yield return C("Sequence", "{at: 1s, controller: [restart]}\n", 13, 28, "expected a scalar (controller action) for 'controller', found a sequence");
        yield return C("Mapping", "{at: 1s, controller: {action: restart}}\n", 13, 28, "expected a scalar (controller action) for 'controller', found a mapping");
        yield return C("BlockSequence", "at: 1s\n      controller:\n        - restart\n", 15, 9, "expected a scalar (controller action) for 'controller', found a sequence");
        // Extra and missing keys.
        yield return C("MissingAt", "{controller: restart}\n", 13, 7, "controller event is missing required key 'at'");
        yield return C("StateIsForLinks", "{at: 1s, controller: restart, state: down}\n", 13, 37, "unknown key 'state' in controller event", "expected one of: at, controller");
        yield return C("SeedIsForRandomFailures", "{at: 1s, controller: restart, seed: 3}\n", 13, 37, "unknown key 'seed' in controller event", "expected one of: at, controller");
        yield return C("MisspeltExtraKeyWithHint", "{at: 1s, controller: restart, att: 2s}\n", 13, 37, "unknown key 'att' in controller event", "did you mean 'at'?");
        yield return C("DuplicateKey", "{at: 1s, controller: restart, controller: restart}\n", 13, 37, "duplicate key 'controller' in controller event");
        yield return C("DuplicateAt", "{at: 1s, controller: restart, at: 2s}\n", 13, 37, "duplicate key 'at' in controller event");
        yield return C("MisspeltActionWithHint", "{at: 1s, controler: restart}\n", 13, 16, "unknown key 'controler' in event", "did you mean 'controller'?");
        // Combined with another event's action.
        yield return C("WithSwitch", "{at: 1s, controller: restart, switch: s1, state: down}\n", 13, 37, "an event has one action, found 'controller' and 'switch'");
        yield return C("WithLink", "{at: 1s, link: s2-s3, controller: restart}\n", 13, 29, "an event has one action, found 'link' and 'controller'");
        yield return C("WithExpect", "{at: 1s, controller: restart, expect: connected pairs reach}\n", 13, 37, "an event has one action, found 'controller' and 'expect'");
        yield return C("WithNfv", "{at: 1s, nfv: fw1, controller: restart}\n", 13, 26, "an event has one action, found 'nfv' and 'controller'");
        // Bad time.
        yield return C("NoUnit", "{at: 1, controller: restart}\n", 13, 12, "'at' needs a unit (ns, us, ms or s)");
        yield return C("Negative", "{at: -1s, controller: restart}\n", 13, 12, "'at' must be 0 or more, found '-1s'");
        yield return C("TimeIsText", "{at: soon, controller: restart}\n", 13, 12, "expected a time such as '2s' or '200ms'", "for 'at', found 'soon'");
        // Not a mapping at all.
        yield return C("BareWord", "controller\n", 13, 7, "event");
        yield return C("BareKeyValueText", "controller restart\n", 13, 7, "event");
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
        Assert.That(Render(bag), Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
    }
}
