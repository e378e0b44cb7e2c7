using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Analysis;

public class ComponentLabelsTests
{
    // 0 - 1 - 2   3 - 4, with a parallel pair of links between 0 and 1.
    private static readonly CompactGraph G = CompactGraph.Create(5, new[] { (0, 1, 1.0), (0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0) });

    [Test]
    public void Components_are_numbered_by_lowest_node()
    {
        var c = ComponentLabels.Of(G);
        Assert.That(c.Label, Is.EqualTo(new[] { 0, 0, 0, 1, 1 }));
        Assert.That(c.Sizes, Is.EqualTo(new[] { 3, 2 }));
    }

    [Test]
    public void Failed_links_split_components_only_when_no_parallel_link_remains()
    {
        var failed = new LinkSet(G.LinkCount);
        failed.Add(0);
        Assert.That(ComponentLabels.Of(G, failed).Label, Is.EqualTo(new[] { 0, 0, 0, 1, 1 }), "link 1 still joins 0 and 1");
        failed.Add(1);
        failed.Add(3);
        var c = ComponentLabels.Of(G, failed);
        Assert.That(c.Label, Is.EqualTo(new[] { 0, 1, 1, 2, 3 }));
        Assert.That(c.Sizes, Is.EqualTo(new[] { 1, 2, 1, 1 }));
    }
}
