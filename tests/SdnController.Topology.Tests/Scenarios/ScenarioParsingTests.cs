using SdnController.Topology.Scenarios;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

public class ScenarioParsingTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Test]
    public void Every_event_form_is_read_in_order()
    {
        var t = LoadValid("""
            scenario:
              name: core-failure
              duration: 8s
              seed: 42
              events:
                - {at: 1s, flap: s2-s3, period: 200ms, count: 5}
                - {at: 2s, link: s1-s2, state: down}
                - {at: 2s, link: "s1-s2#2", state: down, silent: true}
                - {at: 3s, switch: s3, state: down}
                - {at: 4s, random-link-failures: 3, seed: 9, restore-after: 1s}
                - {at: 4s, random-link-failures: 1}
                - {at: 5s, link: s1-s2, state: up, silent: false}
                - {at: 5s, switch: s3, state: up}
                - {at: 7s, expect: h1 reaches h3}
                - {at: 7s, expect: "h1   cannot reach   h2"}
                - {at: 7.5s, expect: connected pairs reach}

            """);
        var s = t.Scenario!;
        Assert.That((s.Name, s.Duration, s.Seed), Is.EqualTo(("core-failure", (TimeSpan?)S(8), (int?)42)));
        Assert.That(s.Source, Is.EqualTo(new Diagnostics.SourceLocation("test.yaml", 12, 3)));
        Assert.That(s.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[]
        {
            new LinkFlapEvent(S(1), "s2-s3", TimeSpan.FromMilliseconds(200), 5),
            new LinkStateEvent(S(2), "s1-s2", false),
            new LinkStateEvent(S(2), "s1-s2#2", false) { Silent = true },
            new SwitchStateEvent(S(3), "s3", false),
            new RandomLinkFailuresEvent(S(4), 3, 9) { RestoreAfter = S(1), SeedStated = true },
            new RandomLinkFailuresEvent(S(4), 1, 42),
            new LinkStateEvent(S(5), "s1-s2", true),
            new SwitchStateEvent(S(5), "s3", true),
            new ExpectEvent(S(7), ExpectKind.Reaches, "h1", "h3"),
            new ExpectEvent(S(7), ExpectKind.CannotReach, "h1", "h2"),
            new ExpectEvent(S(7.5), ExpectKind.ConnectedPairsReach, null, null),
        }));
        Assert.That(s.Events[0].Source, Is.EqualTo(new Diagnostics.SourceLocation("test.yaml", 16, 7)));
    }

    [TestCase("s2-s3", "s2-s3")]
    [TestCase("s3-s2", "s2-s3")]
    [TestCase("s3-core-1", "s3-core-1")]
    [TestCase("core-1-s3", "s3-core-1")]
    [TestCase("s1-s2", "s1-s2")]
    [TestCase("s1-s2#2", "s1-s2#2")]
    public void Links_are_named_by_id_or_by_their_two_switches_in_either_order(string written, string linkId)
    {
        var t = LoadValid($"scenario:\n  events:\n    - {{at: 0s, link: \"{written}\", state: down}}\n    - {{at: 0s, flap: \"{written}\", period: 1s, count: 1}}\n");
        Assert.That(t.Scenario!.Events.Select(e => e switch
        {
            LinkStateEvent l => l.LinkId,
            LinkFlapEvent f => f.LinkId,
            _ => "?",
        }), Is.EqualTo(new[] { linkId, linkId }));
    }

    [Test]
    public void Random_failures_default_to_seed_1_without_a_scenario_seed()
    {
        var t = LoadValid("scenario:\n  events:\n    - {at: 0s, random-link-failures: 4}\n");
        Assert.That(NoSource(t.Scenario!.Events.Single()), Is.EqualTo(new RandomLinkFailuresEvent(TimeSpan.Zero, 4, 1)));
        Assert.That(t.Scenario.Duration, Is.Null);
        Assert.That(t.Scenario.Name, Is.Null);
    }

    [Test]
    public void Events_may_share_a_time_and_an_empty_event_list_is_a_scenario()
    {
        var t = LoadValid("scenario:\n  name: idle\n  events: []\n");
        Assert.That(t.Scenario, Is.EqualTo(new Scenario(t.Scenario!.Events) { Name = "idle", Source = t.Scenario.Source }));
        Assert.That(t.Scenario.Events, Is.Empty);
    }
}
