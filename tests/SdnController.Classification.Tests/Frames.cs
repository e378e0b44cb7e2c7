using SdnController.Classification.Decoding;
using SdnController.Classification.Reporting;

namespace SdnController.Classification.Tests;

/// <summary>Feeds frames to a classifier, 1 ms apart, and returns its report.</summary>
internal static class Frames
{
    public static ClassificationReport Classify(params byte[][] frames) => Classify(new Classifier(), frames);

    public static ClassificationReport Classify(Classifier classifier, params byte[][] frames)
    {
        var t = 1_000_000L;
        foreach (var f in frames) classifier.Process(f, LinkType.Ethernet, t += 1000);
        return classifier.Report();
    }

    public static FlowSummary Single(params byte[][] frames)
    {
        var report = Classify(frames);
        Assert.That(report.Flows, Has.Count.EqualTo(1), "expected one flow");
        return report.Flows[0];
    }
}
