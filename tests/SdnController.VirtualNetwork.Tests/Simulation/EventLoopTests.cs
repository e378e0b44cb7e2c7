using System.Diagnostics;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.VirtualNetwork.Tests.Simulation;

public class EventLoopTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond));

    [Test]
    public void Timed_events_run_by_time_then_insertion_order_and_set_now()
    {
        using var loop = EventLoop.CreateVirtual();
        var trace = new List<string>();
        loop.ScheduleAt(Ms(5), () => trace.Add($"a@{loop.Now.TotalMilliseconds}"));
        loop.ScheduleAt(Ms(1), () => trace.Add($"b@{loop.Now.TotalMilliseconds}"));
        loop.ScheduleAt(Ms(5), () => trace.Add($"c@{loop.Now.TotalMilliseconds}"));
        loop.ScheduleAt(Ms(1), () => trace.Add($"d@{loop.Now.TotalMilliseconds}"));
        loop.RunUntil(Ms(10));
        Assert.That(trace, Is.EqualTo(new[] { "b@1", "d@1", "a@5", "c@5" }));
        Assert.That(loop.Now, Is.EqualTo(Ms(10)));
        Assert.That(loop.EventsProcessed, Is.EqualTo(4));
    }

    [Test]
    public void Posted_work_runs_before_the_next_timed_event_even_at_the_same_time()
    {
        using var loop = EventLoop.CreateVirtual();
        var trace = new List<string>();
        loop.ScheduleAt(Ms(1), () =>
        {
            trace.Add("t1");
            loop.Post(() => trace.Add("p1"));
            loop.Post(() => trace.Add("p2"));
            loop.Clock.Schedule(TimeSpan.Zero, () => trace.Add("t1-zero"));
        });
        loop.ScheduleAt(Ms(1), () => trace.Add("t2"));
        loop.Post(() => trace.Add("p0"));
        loop.RunUntil(Ms(2));
        Assert.That(trace, Is.EqualTo(new[] { "p0", "t1", "p1", "p2", "t2", "t1-zero" }));
    }

    [Test]
    public void Cancelled_work_does_not_run_and_cancel_after_running_is_harmless()
    {
        using var loop = EventLoop.CreateVirtual();
        var ran = new List<int>();
        var a = loop.ScheduleAt(Ms(1), () => ran.Add(1));
        var b = loop.Clock.Schedule(Ms(2), () => ran.Add(2));
        loop.ScheduleAt(Ms(3), () => ran.Add(3));
        b.Cancel();
        loop.RunUntil(Ms(1.5));
        a.Cancel();
        loop.RunUntil(Ms(5));
        Assert.That(ran, Is.EqualTo(new[] { 1, 3 }));
    }

    [Test]
    public void RunUntil_stops_at_end_and_later_events_wait()
    {
        using var loop = EventLoop.CreateVirtual();
        var ran = new List<double>();
        foreach (var t in new[] { 1.0, 2.0, 3.0 }) loop.ScheduleAt(Ms(t), () => ran.Add(loop.Now.TotalMilliseconds));
        loop.RunUntil(Ms(2));
        Assert.That(ran, Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(loop.Now, Is.EqualTo(Ms(2)));
        loop.RunUntil(Ms(10));
        Assert.That(ran, Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
    }

    [Test]
    public void RunUntilIdle_returns_at_the_last_event_when_nothing_is_left()
    {
        using var loop = EventLoop.CreateVirtual();
        var count = 0;
        loop.ScheduleAt(Ms(3), () => { count++; loop.Clock.Schedule(Ms(4), () => count++); });
        loop.RunUntilIdle(TimeSpan.FromSeconds(60));
        Assert.That(count, Is.EqualTo(2));
        Assert.That(loop.Now, Is.EqualTo(Ms(7)));

        loop.ScheduleAt(Ms(100), () => count++);
        loop.RunUntilIdle(Ms(50));
        Assert.That(count, Is.EqualTo(2), "an event after the limit must not run");
        Assert.That(loop.Now, Is.EqualTo(Ms(50)));
    }

    [Test]
    public void Same_schedule_gives_the_same_trace()
    {
        static List<(long, int)> Run()
        {
            using var loop = EventLoop.CreateVirtual();
            var random = new Random(42);
            var trace = new List<(long, int)>();
            void Spawn(int id, int depth)
            {
                trace.Add((loop.Now.Ticks, id));
                if (depth == 0) return;
                for (var k = 0; k < 3; k++)
                {
                    var child = id * 4 + k;
                    loop.Clock.Schedule(TimeSpan.FromTicks(random.Next(0, 5)), () => Spawn(child, depth - 1));
                }
            }
            loop.Post(() => Spawn(1, 5));
            loop.RunUntilIdle(TimeSpan.FromSeconds(1));
            return trace;
        }
        var first = Run();
        Assert.That(first, Has.Count.EqualTo(364));
        Assert.That(Run(), Is.EqualTo(first));
    }

    [Test]
    public void Synchronization_context_is_the_loops_while_running_and_routes_posts_from_other_threads()
    {
        using var loop = EventLoop.CreateVirtual();
        SynchronizationContext? seen = null;
        int? workerThreadRanOn = null;
        var loopThread = Environment.CurrentManagedThreadId;
        loop.ScheduleAt(Ms(1), () =>
        {
            seen = SynchronizationContext.Current;
            var ctx = SynchronizationContext.Current!;
            var t = new Thread(() => ctx.Post(_ => workerThreadRanOn = Environment.CurrentManagedThreadId, null));
            t.Start();
            t.Join();
        });
        loop.RunUntil(Ms(2));
        Assert.That(seen, Is.SameAs(loop.SynchronizationContext));
        Assert.That(workerThreadRanOn, Is.EqualTo(loopThread));
        Assert.That(SynchronizationContext.Current, Is.Not.SameAs(loop.SynchronizationContext));
    }

    [Test]
    public void Nested_run_is_refused()
    {
        using var loop = EventLoop.CreateVirtual();
        Exception? error = null;
        loop.Post(() => error = Assert.Catch(() => loop.RunUntil(Ms(1))));
        loop.RunUntil(Ms(1));
        Assert.That(error, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void Real_time_waits_for_the_wall_clock_and_wakes_for_posts_from_other_threads()
    {
        using var loop = EventLoop.CreateRealTime();
        Assert.That(loop.Clock.IsVirtual, Is.False);
        TimeSpan? firedWall = null;
        TimeSpan? postedWall = null;
        var sw = Stopwatch.StartNew();
        // Wide margins: the machines that run the suite are shared, and a thread may wait tens of ms for a core.
        loop.ScheduleAt(Ms(500), () => firedWall = sw.Elapsed);
        var poster = new Thread(() =>
        {
            Thread.Sleep(20);
            loop.Post(() => postedWall = sw.Elapsed);
        });
        poster.Start();
        loop.RunUntil(Ms(600));
        poster.Join();
        var total = sw.Elapsed;
        Assert.That(firedWall, Is.Not.Null.And.GreaterThanOrEqualTo(Ms(499)));
        Assert.That(postedWall, Is.Not.Null.And.LessThan(Ms(400)), "a post must wake the loop before the timed event is due");
        Assert.That(total, Is.GreaterThanOrEqualTo(Ms(599)).And.LessThan(Ms(3000)));
        Assert.That(loop.Now, Is.EqualTo(Ms(600)));
    }
}
