using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Tests.Links;

public class LinkDirectionTests
{
    private sealed class Recorder(EventLoop loop) : IFrameSink, IDropObserver
    {
        public List<(long Id, TimeSpan At)> Delivered { get; } = new();
        public List<(long Id, DropReason Reason, string Where)> Drops { get; } = new();
        public void Deliver(Packet packet) => Delivered.Add((packet.Id, loop.Now));
        public void Dropped(Packet packet, DropReason reason, string where) => Drops.Add((packet.Id, reason, where));
    }

    private static (EventLoop Loop, VirtualLink Link, Recorder Rec) Make(double bandwidthBps, TimeSpan latency, int capacity = 1000, double loss = 0, int seed = 1)
    {
        var loop = EventLoop.CreateVirtual();
        var rec = new Recorder(loop);
        var link = new VirtualLink("l1", "s1:1", "s2:1", loop, new LinkParameters(latency, bandwidthBps, capacity, loss), new Random(seed), rec);
        link.AToB.Connect(rec);
        link.BToA.Connect(rec);
        return (loop, link, rec);
    }

    private static Packet Frame(long id, int bytes) => new(id, new byte[bytes], TimeSpan.Zero);

    [Test]
    public void Arrival_is_queueing_plus_serialisation_plus_latency_exactly()
    {
        // 1000-byte frames at 1 Mbit/s take 8 ms on the wire; 2 ms propagation.
        var (loop, link, rec) = Make(1e6, TimeSpan.FromMilliseconds(2));
        using var _ = loop;
        loop.Post(() => { for (var i = 0; i < 3; i++) link.AToB.Send(Frame(i, 1000)); });
        loop.ScheduleAt(TimeSpan.FromMilliseconds(40), () => link.AToB.Send(Frame(3, 125)));
        loop.RunUntilIdle(TimeSpan.FromSeconds(1));
        Assert.That(rec.Delivered, Is.EqualTo(new[]
        {
            (0L, TimeSpan.FromMilliseconds(10)),
            (1L, TimeSpan.FromMilliseconds(18)),
            (2L, TimeSpan.FromMilliseconds(26)),
            (3L, TimeSpan.FromMilliseconds(43)),   // idle transmitter: 1 ms serialisation + 2 ms
        }));
        Assert.That(link.AToB.SerialisationTime(1500), Is.EqualTo(TimeSpan.FromMilliseconds(12)));
        Assert.That(link.AToB.FramesDelivered, Is.EqualTo(4));
        Assert.That(link.AToB.BytesDelivered, Is.EqualTo(3125));
        Assert.That(link.BToA.FramesOffered, Is.Zero, "directions are independent");
    }

    [Test]
    public void Directions_serialise_independently()
    {
        var (loop, link, rec) = Make(1e6, TimeSpan.FromMilliseconds(1));
        using var _ = loop;
        loop.Post(() => { link.AToB.Send(Frame(0, 1000)); link.BToA.Send(Frame(1, 1000)); });
        loop.RunUntilIdle(TimeSpan.FromSeconds(1));
        Assert.That(rec.Delivered.Select(d => d.At), Is.EqualTo(new[] { TimeSpan.FromMilliseconds(9), TimeSpan.FromMilliseconds(9) }));
    }

    [Test]
    public void Full_queue_drops_and_drains_again()
    {
        var (loop, link, rec) = Make(1e6, TimeSpan.FromMilliseconds(1), capacity: 2);
        using var _ = loop;
        loop.Post(() => { for (var i = 0; i < 5; i++) link.AToB.Send(Frame(i, 1000)); });
        // At 8 ms frame 0 has left the transmitter, so one slot is free again.
        loop.ScheduleAt(TimeSpan.FromMilliseconds(8), () => link.AToB.Send(Frame(5, 1000)));
        loop.RunUntilIdle(TimeSpan.FromSeconds(1));
        Assert.That(rec.Delivered.Select(d => d.Id), Is.EqualTo(new[] { 0L, 1L, 5L }));
        Assert.That(rec.Drops.Select(d => (d.Id, d.Reason)), Is.EqualTo(new[] { (2L, DropReason.QueueFull), (3L, DropReason.QueueFull), (4L, DropReason.QueueFull) }));
        Assert.That(link.AToB.DroppedQueueFull, Is.EqualTo(3));
        Assert.That(link.AToB.MaxQueueLength, Is.EqualTo(2));
        Assert.That(rec.Drops[0].Where, Is.EqualTo("l1:s1:1>s2:1"));
    }

    [Test]
    public void Seeded_loss_is_reproducible_and_near_the_rate()
    {
        static List<long> LostIds(int seed)
        {
            var (loop, link, rec) = Make(1e9, TimeSpan.FromMilliseconds(1), loss: 0.3, seed: seed);
            using var _ = loop;
            loop.Post(() => { for (var i = 0; i < 1000; i++) link.AToB.Send(Frame(i, 100)); });
            loop.RunUntilIdle(TimeSpan.FromSeconds(1));
            Assert.That(rec.Drops.All(d => d.Reason == DropReason.LinkLoss));
            Assert.That(rec.Delivered.Count + rec.Drops.Count, Is.EqualTo(1000));
            return rec.Drops.Select(d => d.Id).ToList();
        }
        var first = LostIds(7);
        Assert.That(first.Count, Is.InRange(240, 360));
        Assert.That(LostIds(7), Is.EqualTo(first));
        Assert.That(LostIds(8), Is.Not.EqualTo(first));
    }

    [Test]
    public void Stopping_loses_frames_on_the_wire_and_refuses_new_ones_until_started()
    {
        var (loop, link, rec) = Make(1e6, TimeSpan.FromMilliseconds(2));
        using var _ = loop;
        loop.Post(() => { for (var i = 0; i < 3; i++) link.AToB.Send(Frame(i, 1000)); });
        loop.ScheduleAt(TimeSpan.FromMilliseconds(12), () => link.Stop(DropReason.PortDown));
        loop.ScheduleAt(TimeSpan.FromMilliseconds(13), () => link.AToB.Send(Frame(3, 1000)));
        loop.ScheduleAt(TimeSpan.FromMilliseconds(20), () => { link.Start(); link.AToB.Send(Frame(4, 1000)); });
        loop.RunUntilIdle(TimeSpan.FromSeconds(1));
        Assert.That(rec.Delivered, Is.EqualTo(new[] { (0L, TimeSpan.FromMilliseconds(10)), (4L, TimeSpan.FromMilliseconds(30)) }));
        Assert.That(rec.Drops.Select(d => d.Id), Is.EqualTo(new[] { 1L, 2L, 3L }));
        Assert.That(rec.Drops.All(d => d.Reason == DropReason.PortDown));
        Assert.That(link.AToB.DroppedDown, Is.EqualTo(3));
    }

    [Test]
    public void Many_frames_in_flight_match_a_reference_queue_model()
    {
        // Long latency keeps dozens of frames on the wire, so the in-flight ring grows and wraps around.
        var rng = new Random(5);
        var latency = TimeSpan.FromMilliseconds(30);
        var (loop, link, rec) = Make(1e6, latency, capacity: 6);
        using var _ = loop;
        var ticksPerBit = TimeSpan.TicksPerSecond / 1e6;
        var expectedDelivered = new List<(long, TimeSpan)>();
        var expectedDropped = new List<long>();
        var expectedQueue = new List<int>();
        var queueSeen = new List<int>();
        var finishes = new Queue<long>();
        long busy = 0, t = 0;
        for (var i = 0; i < 400; i++)
        {
            t += rng.Next(0, 3) * TimeSpan.TicksPerMillisecond + rng.Next(1000);
            var bytes = 64 + rng.Next(1400);
            var id = (long)i;
            // Reference: frames not yet fully serialised occupy the queue.
            while (finishes.Count > 0 && finishes.Peek() <= t) finishes.Dequeue();
            if (finishes.Count >= 6) expectedDropped.Add(id);
            else
            {
                var finish = Math.Max(t, busy) + (long)Math.Round(bytes * 8 * ticksPerBit);
                busy = finish;
                finishes.Enqueue(finish);
                expectedDelivered.Add((id, TimeSpan.FromTicks(finish) + latency));
            }
            expectedQueue.Add(finishes.Count);
            loop.ScheduleAt(TimeSpan.FromTicks(t), () =>
            {
                link.AToB.Send(Frame(id, bytes));
                queueSeen.Add(link.AToB.QueueLength);
            });
        }
        loop.RunUntilIdle(TimeSpan.FromSeconds(10));
        Assert.That(rec.Delivered, Is.EqualTo(expectedDelivered));
        Assert.That(rec.Drops.Select(d => d.Id), Is.EqualTo(expectedDropped));
        Assert.That(queueSeen, Is.EqualTo(expectedQueue));
        Assert.That(link.AToB.MaxQueueLength, Is.EqualTo(expectedQueue.Max()));
        Assert.That(expectedDropped, Is.Not.Empty, "the model must exercise a full queue");
        Assert.That(link.AToB.FramesOffered, Is.EqualTo(400));
    }

    [Test]
    public void Bad_parameters_are_reported_with_the_link_id()
    {
        using var loop = EventLoop.CreateVirtual();
        var rec = new Recorder(loop);
        var e = Assert.Throws<ArgumentException>(() =>
            _ = new VirtualLink("core-1", "a", "b", loop, new LinkParameters(TimeSpan.Zero, 0, 10, 0), new Random(1), rec));
        Assert.That(e!.Message, Does.Contain("core-1").And.Contain("bandwidth"));
    }
}
