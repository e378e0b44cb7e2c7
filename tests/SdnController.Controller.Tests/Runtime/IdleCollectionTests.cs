using SdnController.Controller.Runtime;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Controller.Tests.Runtime;

/// <summary>
/// The idle collection runs once the delay passed with no work in between, never when work arrived first,
/// and once per quiet period however often it was re-armed.
/// </summary>
public class IdleCollectionTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(10);

    [Test]
    public void Collects_once_after_a_quiet_delay()
    {
        using var loop = EventLoop.CreateVirtual();
        var idle = new IdleCollection(loop.Clock, Delay);
        var fired = new List<bool>();
        idle.Arm(t => fired.Add(idle.Fire(t)));
        loop.RunUntil(TimeSpan.FromMilliseconds(9));
        Assert.That(idle.Collections, Is.Zero, "not before the delay");
        loop.RunUntil(TimeSpan.FromMilliseconds(50));
        Assert.That(idle.Collections, Is.EqualTo(1));
        Assert.That(fired, Is.EqualTo(new[] { true }));
    }

    [Test]
    public void Work_arriving_first_cancels_it()
    {
        using var loop = EventLoop.CreateVirtual();
        var idle = new IdleCollection(loop.Clock, Delay);
        var deliveries = new List<long>();
        idle.Arm(deliveries.Add);
        loop.RunUntil(TimeSpan.FromMilliseconds(5));
        idle.Cancel();
        loop.RunUntil(TimeSpan.FromMilliseconds(50));
        Assert.That(deliveries, Is.Empty, "the scheduled delivery was cancelled");
        Assert.That(idle.Collections, Is.Zero);
    }

    [Test]
    public void A_token_delivered_after_new_work_does_not_collect()
    {
        // The delivery can already be in the owner's mailbox when work arrives (the actor sees it later).
        using var loop = EventLoop.CreateVirtual();
        var idle = new IdleCollection(loop.Clock, Delay);
        var deliveries = new List<long>();
        idle.Arm(deliveries.Add);
        loop.RunUntil(TimeSpan.FromMilliseconds(20));
        Assert.That(deliveries, Has.Count.EqualTo(1));
        idle.Cancel();
        Assert.That(idle.Fire(deliveries[0]), Is.False);
        Assert.That(idle.Collections, Is.Zero);
    }

    [Test]
    public void Re_arming_collects_once_for_the_last_quiet_period()
    {
        using var loop = EventLoop.CreateVirtual();
        var idle = new IdleCollection(loop.Clock, Delay);
        for (var i = 0; i < 3; i++)
        {
            idle.Arm(t => idle.Fire(t));
            loop.RunUntil(loop.Now + TimeSpan.FromMilliseconds(4));
        }
        loop.RunUntil(TimeSpan.FromMilliseconds(100));
        Assert.That(idle.Collections, Is.EqualTo(1));
    }

    [Test]
    public void Zero_delay_turns_it_off()
    {
        using var loop = EventLoop.CreateVirtual();
        var idle = new IdleCollection(loop.Clock, TimeSpan.Zero);
        idle.Arm(t => idle.Fire(t));
        loop.RunUntil(TimeSpan.FromMilliseconds(100));
        Assert.That(idle.Enabled, Is.False);
        Assert.That(idle.Collections, Is.Zero);
    }
}
