using SdnController.Testing;

namespace SdnController.Topology.Tests;

/// <summary>The CPU clock the "is fast" bounds use: it must count work and not waiting.</summary>
[TestFixture]
public class ThreadCpuTimeTests
{
    [Test]
    public void Counts_work_but_not_time_spent_off_the_cpu()
    {
        Assume.That(OperatingSystem.IsLinux(), "the thread CPU clock is read on Linux; elsewhere it is the wall clock");
        var work = ThreadCpuTime.StartNew();
        var x = 1UL;
        for (var i = 0; i < 50_000_000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        Assert.That(x, Is.Not.Zero);
        Assert.That(work.Elapsed, Is.GreaterThan(TimeSpan.Zero), "a busy loop uses CPU time");

        var idle = ThreadCpuTime.StartNew();
        Thread.Sleep(300);
        Assert.That(idle.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(150)), "sleeping uses none");
    }
}
