using System.Runtime;
using SdnController.Controller.Runtime;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Controller.Tests.Runtime;

/// <summary>The start-up hold is a real no-GC region: begun once, never nested, ended on request, skipped when small.</summary>
[TestFixture]
[NonParallelizable] // the region is process-wide
public class StartupCollectionHoldTests
{
    [TearDown]
    public void EndAnyHold() => StartupCollectionHold.End();

    [Test]
    public void A_small_start_up_is_not_held()
    {
        Assert.That(StartupCollectionHold.TryBegin(StartupCollectionHold.MinimumBytes - 1), Is.False);
        Assert.That(StartupCollectionHold.IsHeld, Is.False);
        Assert.That(GCSettings.LatencyMode, Is.Not.EqualTo(GCLatencyMode.NoGCRegion));
    }

    [Test]
    public void A_large_start_up_holds_collections_until_ended()
    {
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 < StartupCollectionHold.MinimumBytes)
            Assert.Ignore("the process may not use enough memory for a hold");
        var collections = GC.CollectionCount(0);
        Assert.That(StartupCollectionHold.TryBegin(StartupCollectionHold.MinimumBytes), Is.True);
        var afterBegin = GC.CollectionCount(0);   // beginning a region collects once
        Assert.That(StartupCollectionHold.IsHeld, Is.True);
        Assert.That(GCSettings.LatencyMode, Is.EqualTo(GCLatencyMode.NoGCRegion));
        Assert.That(StartupCollectionHold.TryBegin(StartupCollectionHold.MinimumBytes), Is.False, "one hold at a time");

        // 64 MiB of short-lived garbage: many gen-0 budgets' worth, and no collection while held.
        for (var i = 0; i < 1024; i++) GC.KeepAlive(new byte[64 << 10]);
        Assert.That(GC.CollectionCount(0), Is.EqualTo(afterBegin), "no collection inside the hold");
        Assert.That(afterBegin, Is.GreaterThanOrEqualTo(collections));

        StartupCollectionHold.End();
        Assert.That(StartupCollectionHold.IsHeld, Is.False);
        Assert.That(GCSettings.LatencyMode, Is.Not.EqualTo(GCLatencyMode.NoGCRegion));
        StartupCollectionHold.End();   // ending twice is harmless
    }

    [Test]
    public void The_estimate_grows_with_the_network()
    {
        var small = StartupCollectionHold.EstimateBytes(FatTreeGenerator.Create(4).Build(new DiagnosticBag())!);
        var large = StartupCollectionHold.EstimateBytes(FatTreeGenerator.Create(40).Build(new DiagnosticBag())!);
        Assert.That(small, Is.LessThan(StartupCollectionHold.MinimumBytes), "fat-tree k=4 (20 switches) is not held");
        Assert.That(large, Is.GreaterThan(StartupCollectionHold.MinimumBytes), "fat-tree k=40 (2,000 switches, 32,000 links) is");
    }
}
