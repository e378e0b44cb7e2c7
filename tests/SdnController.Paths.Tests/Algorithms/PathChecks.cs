using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

internal static class PathChecks
{
    /// <summary>Asserts that links/nodes form a walk s → t over working links and returns its cost.</summary>
    public static double AssertValid(CompactGraph g, int s, int t, int[] nodes, int[] links, LinkSet? failed)
    {
        Assert.That(nodes, Has.Length.EqualTo(links.Length + 1));
        Assert.That(nodes[0], Is.EqualTo(s));
        Assert.That(nodes[^1], Is.EqualTo(t));
        double cost = 0;
        for (var i = 0; i < links.Length; i++)
        {
            var l = links[i];
            Assert.That(failed is null || !failed.Contains(l), $"path uses failed link {l}");
            var ends = (g.LinkA[l], g.LinkB[l]);
            Assert.That(ends == (nodes[i], nodes[i + 1]) || ends == (nodes[i + 1], nodes[i]), $"link {l} does not join {nodes[i]} and {nodes[i + 1]}");
            Assert.That(nodes[i], Is.Not.EqualTo(nodes[i + 1]));
            cost += g.Weight[l];
        }
        return cost;
    }

    public static void AssertSimple(int[] nodes) => Assert.That(nodes.Distinct().Count(), Is.EqualTo(nodes.Length), "path repeats a node");

    public static void AssertSameCost(double expected, double actual, string what)
    {
        if (double.IsPositiveInfinity(expected)) Assert.That(actual, Is.EqualTo(expected), what);
        else Assert.That(actual, Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))), what);
    }
}
