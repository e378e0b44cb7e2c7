using Akka.Actor;
using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Tests.Flows.Support;

namespace SdnController.Controller.Tests.Flows;

/// <summary>A switch that is down confirms nothing: updates must not wait for it (it resyncs when it returns).</summary>
[TestFixture]
public class DisconnectedSwitchTests
{
    private static readonly Topology.Model.Topology Ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");
    private static readonly FlowSpec Web = new("web", "h1", "h4", 6, 40000, 80, Bidirectional: true); // s1 s2 s3 s4

    [Test]
    public void Update_skips_a_disconnected_switch_and_reports_it_unconfirmed()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Ready();
        bed.Manager.Tell(new InstallFlows(ImmutableArray.Create(Web)));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);

        bed.Manager.Tell(new SwitchConnectionChanged("s2", false, TimeSpan.Zero));
        bed.Change(null, bed.Link("s3", "s4", up: false));
        var e = bed.Observer.WaitFor<RerouteCompleted>();

        Assert.That(e.UnconfirmedSwitches, Is.EquivalentTo(new[] { "s2" }));
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.That(bed.Desired("s2").Rules, Is.Empty, "the desired state already lacks the old rules: the resync removes them");
    }

    [Test]
    public void A_switch_going_down_mid_update_stops_the_wait()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Ready();
        bed.Manager.Tell(new InstallFlows(ImmutableArray.Create(Web)));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);

        bed.Silent["s5"] = true; // s5 never answers
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Expect("s5");
        bed.Switches["s1"].ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // phase 2 waits for s5
        Assert.That(bed.Observer.Count<RerouteCompleted>(), Is.Zero, "waiting for s5");
        bed.Manager.Tell(new SwitchConnectionChanged("s5", false, TimeSpan.Zero));
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(e.UnconfirmedSwitches, Is.EquivalentTo(new[] { "s5" }));
    }
}
