using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

/// <summary>Each broken traffic or scenario section must fail with an error at the exact spot, saying what was wrong.</summary>
public class BrokenScenarioTests
{
    // Network has 10 lines: a section key lands on line 11, a flow item on 12, an event on 13.
    private const string Flow = "traffic:\n  - ";
    private const string Events = "scenario:\n  events:\n    - ";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string name, string sections, int line, int col, params string[] fragments) =>
            new TestCaseData(sections, line, col, fragments).SetName("BrokenScenario_" + name);

        // traffic
        yield return C("UnknownHostWithHint", Flow + "{from: h1, to: hh2}\n", 12, 20, "unknown host 'hh2'", "did you mean 'h2'?");
        yield return C("UnknownHostInList", Flow + "{from: [h1, hx3], to: h2}\n", 12, 17, "unknown host 'hx3'", "did you mean 'h3'?");
        yield return C("SwitchAsFlowHost", Flow + "{from: s1, to: h2}\n", 12, 12, "'s1' is a switch; flows run between hosts");
        yield return C("UnknownFlowKeyWithHint", Flow + "{from: h1, to: h2, rat: 1pps}\n", 12, 24, "unknown key 'rat' in flow", "did you mean 'rate'?");
        yield return C("BadRateUnit", Flow + "{from: h1, to: h2, rate: 10Mbs}\n", 12, 30, "expected a rate such as '100pps' or '10Mbps'", "unknown unit");
        yield return C("RateWithoutUnit", Flow + "{from: h1, to: h2, rate: 100}\n", 12, 30, "rate needs a unit");
        yield return C("ZeroRate", Flow + "{from: h1, to: h2, rate: 0pps}\n", 12, 30, "greater than 0");
        yield return C("SizeOutOfRange", Flow + "{from: h1, to: h2, size: 9001}\n", 12, 30, "'size' must be between 64 and 9000", "'9001'");
        yield return C("SizeTooSmall", Flow + "{from: h1, to: h2, size: 63}\n", 12, 30, "'size' must be between 64 and 9000");
        yield return C("SizeNotInteger", Flow + "{from: h1, to: h2, size: 1.5e3}\n", 12, 30, "expected an integer (frame bytes) for 'size'");
        yield return C("PortOnIcmp", Flow + "{from: h1, to: h2, kind: icmp, port: 80}\n", 12, 36, "'port' applies to udp and tcp flows only");
        yield return C("PortOutOfRange", Flow + "{from: h1, to: h2, port: 70000}\n", 12, 30, "'port' must be between 1 and 65535");
        yield return C("StopNotAfterStart", Flow + "{from: h1, to: h2, start: 2s, stop: 2s}\n", 12, 41, "'stop' (2s) must be after 'start' (2s)");
        yield return C("BadKindWithHint", Flow + "{from: h1, to: h2, kind: upd}\n", 12, 30, "expected udp, tcp or icmp", "did you mean 'udp'?");
        yield return C("FlowToItself", Flow + "{from: h1, to: h1}\n", 12, 20, "a flow from 'h1' to itself");
        yield return C("HostListedTwice", Flow + "{from: [h1, h1], to: h2}\n", 12, 17, "host 'h1' is listed twice in 'from'", "first at line 12:13");
        yield return C("DuplicateFlowId", Flow + "{id: x, from: h1, to: h2}\n  - {id: x, from: h2, to: h1}\n", 13, 10, "duplicate flow id 'x'", "first at line 12:10");
        yield return C("MissingFrom", Flow + "{to: h2}\n", 12, 5, "flow is missing required key 'from'");
        yield return C("TrafficNotSequence", "traffic: {from: h1}\n", 11, 10, "expected a sequence of flow mappings for 'traffic'");
        yield return C("FlowNotMapping", Flow + "h1 -> h2\n", 12, 5, "expected a mapping (flow such as {from: h1, to: h2}) in 'traffic'");
        yield return C("NegativeStart", Flow + "{from: h1, to: h2, start: -1s}\n", 12, 31, "'start' must be 0 or more", "'-1s'");
        yield return C("TimeWithoutUnit", Flow + "{from: h1, to: h2, start: 2}\n", 12, 31, "'start' needs a unit");
        yield return C("TimeBadUnit", Flow + "{from: h1, to: h2, stop: 2 days}\n", 12, 30, "expected a time such as '2s'", "'2 days'");
        yield return C("FlowIdWithSpace", Flow + "{id: \"a b\", from: h1, to: h2}\n", 12, 10, "flow id 'a b' contains ' '");
        yield return C("StarInsideList", Flow + "{from: [\"*\"], to: h2}\n", 12, 13, "'*' means every host and stands alone");

        // scenario
        yield return C("UnknownLinkWithHint", Events + "{at: 1s, link: s1-s9, state: down}\n", 13, 22, "unknown link 's1-s9'", "did you mean 's1-s2'?");
        yield return C("NoLinkBetweenSwitches", Events + "{at: 1s, link: s1-s3, state: down}\n", 13, 22, "no link joins switches 's1' and 's3'");
        yield return C("AmbiguousParallelLinks", Events + "{at: 1s, link: s2-s1, state: down}\n", 13, 22, "link 's2-s1' is ambiguous: 2 links join those switches (s1-s2, s1-s2#2)");
        yield return C("SilentWithUp", Events + "{at: 1s, link: s1-s2, state: up, silent: true}\n", 13, 40, "'silent: true' applies only to 'state: down'");
        yield return C("SilentNotBoolean", Events + "{at: 1s, link: s1-s2, state: down, silent: yes}\n", 13, 50, "expected true or false for 'silent'");
        yield return C("BadStateWithHint", Events + "{at: 1s, link: s1-s2, state: dwn}\n", 13, 36, "expected 'up' or 'down' for 'state'", "did you mean 'down'?");
        yield return C("MissingState", Events + "{at: 1s, switch: s1}\n", 13, 7, "switch event is missing required key 'state'");
        yield return C("EventOutOfOrder", Events + "{at: 2s, switch: s1, state: down}\n    - {at: 1s, switch: s1, state: up}\n", 14, 12, "event at 1s is before the previous event at 2s (line 13)");
        yield return C("NegativeAt", Events + "{at: -1s, switch: s1, state: down}\n", 13, 12, "'at' must be 0 or more");
        yield return C("EventAtDuration", "scenario:\n  duration: 5s\n  events:\n    - {at: 5s, switch: s1, state: down}\n", 14, 12, "event at 5s is at or after the scenario's duration 5s");
        yield return C("EventPastDuration", "scenario:\n  duration: 5s\n  events:\n    - {at: 1500ms, switch: s1, state: down}\n    - {at: 6s, switch: s1, state: up}\n", 15, 12, "event at 6s is at or after the scenario's duration 5s");
        yield return C("TwoActions", Events + "{at: 1s, link: s1-s2, switch: s1, state: down}\n", 13, 29, "an event has one action, found 'link' and 'switch'");
        yield return C("MissingAt", Events + "{switch: s1, state: down}\n", 13, 7, "switch event is missing required key 'at'");
        yield return C("NoAction", Events + "{at: 1s, state: down}\n", 13, 7, "event has no action; expected one of the keys link, switch, nfv, flap, random-link-failures, expect");
        yield return C("MisspeltAction", Events + "{at: 1s, lnk: s1-s2, state: down}\n", 13, 16, "unknown key 'lnk' in event", "did you mean 'link'?");
        yield return C("KeyOfAnotherAction", Events + "{at: 1s, flap: s1-s2, period: 1s, count: 2, state: down}\n", 13, 51, "unknown key 'state' in flap event", "expected one of: at, flap, period, count");
        yield return C("UnknownSwitchWithHint", Events + "{at: 1s, switch: sw3, state: down}\n", 13, 24, "unknown switch 'sw3'", "did you mean 's3'?");
        yield return C("HostAsSwitch", Events + "{at: 1s, switch: h1, state: down}\n", 13, 24, "'h1' is a host; 'switch' events name switches");
        yield return C("TooManyRandomFailures", Events + "{at: 1s, random-link-failures: 5}\n", 13, 38, "cannot fail 5 random links: the topology has 4 links");
        yield return C("ZeroRandomFailures", Events + "{at: 1s, random-link-failures: 0}\n", 13, 38, "'random-link-failures' must be at least 1");
        yield return C("FlapCountZero", Events + "{at: 1s, flap: s1-s2, period: 200ms, count: 0}\n", 13, 51, "'count' must be between 1 and 1000000");
        yield return C("FlapZeroPeriod", Events + "{at: 1s, flap: s1-s2, period: 0s, count: 2}\n", 13, 37, "'period' must be greater than 0");
        yield return C("FlapMissingPeriod", Events + "{at: 1s, flap: s1-s2, count: 2}\n", 13, 7, "flap event is missing required key 'period'");
        yield return C("ExpectUnknownHostWithHint", Events + "{at: 1s, expect: h1 reaches hh2}\n", 13, 35, "unknown host 'hh2'", "did you mean 'h2'?");
        yield return C("ExpectSwitch", Events + "{at: 1s, expect: s1 cannot reach h2}\n", 13, 24, "'s1' is a switch; 'expect' names hosts");
        yield return C("ExpectBadSentence", Events + "{at: 1s, expect: h1 sees h2}\n", 13, 24, "expected 'A reaches B', 'A cannot reach B' or 'connected pairs reach'", "'h1 sees h2'");
        yield return C("ExpectSameHost", Events + "{at: 1s, expect: h2 reaches h2}\n", 13, 35, "compares host 'h2' with itself");
        yield return C("UnknownScenarioKeyWithHint", "scenario:\n  evnets: []\n", 12, 3, "unknown key 'evnets' in scenario", "did you mean 'events'?");
        yield return C("ZeroDuration", "scenario:\n  duration: 0s\n", 12, 13, "'duration' must be greater than 0");
        yield return C("SeedNotInteger", "scenario:\n  seed: abc\n", 12, 9, "expected an integer (random seed) for 'seed'");
        yield return C("SeedTooLarge", "scenario:\n  seed: 3000000000\n", 12, 9, "'seed' must be between -2147483648 and 2147483647");
        yield return C("EventNotMapping", Events + "link s1-s2 down\n", 13, 7, "expected a mapping (event such as {at: 2s, link: s1-s2, state: down}) in 'events'");
        yield return C("ScenarioNotMapping", "scenario: [fail s1]\n", 11, 11, "expected a mapping for 'scenario'", "found a sequence");
        yield return C("EventsNotSequence", "scenario:\n  events: {at: 1s}\n", 12, 11, "expected a sequence of event mappings for 'events'");
    }

    [TestCaseSource(nameof(Cases))]
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

    [Test]
    public void Traffic_and_scenario_errors_are_reported_even_when_the_network_is_broken()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var t = Topology.Yaml.TopologyYamlLoader.LoadText(
            "switches: [{id: s1}]\nlinks: [{endpoints: [s1, s9]}]\ntraffic: [{from: h1, to: h2, size: 1}]\nscenario:\n  events:\n    - {at: 2s, switch: s1, state: down}\n    - {at: 1s, expect: h1 reaches h2}\n",
            "bad.yaml", bag);
        Assert.That(t, Is.Null);
        var text = Render(bag);
        Assert.That(text, Does.Contain("bad.yaml:2:26: error: link end refers to unknown switch 's9'"));
        Assert.That(text, Does.Contain("bad.yaml:3:36: error: 'size' must be between 64 and 9000"));
        Assert.That(text, Does.Contain("bad.yaml:7:12: error: event at 1s is before the previous event at 2s (line 6)"));
    }
}
