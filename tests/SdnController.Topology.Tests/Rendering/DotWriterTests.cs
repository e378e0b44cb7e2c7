using System.Globalization;
using System.Text.RegularExpressions;
using SdnController.Topology.Rendering;
using static SdnController.Topology.Tests.Rendering.RenderFixtures;

namespace SdnController.Topology.Tests.Rendering;

public class DotWriterTests
{
    private static readonly Regex NodeLine = new(@"^  ""(?<id>[^""]+)"" \[shape=(?<shape>\w+), (?<rest>.*)\];$", RegexOptions.Multiline);
    private static readonly Regex EdgeLine = new(@"^  ""(?<a>[^""]+)"" -- ""(?<b>[^""]+)"" \[(?<rest>.*)\];$", RegexOptions.Multiline);

    /// <summary>Well-formed enough for Graphviz: one graph block, balanced quotes on every line, no raw line breaks inside strings.</summary>
    private static void AssertWellFormed(string dot)
    {
        var lines = dot.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("graph \"").And.EndWith(" {"));
        Assert.That(lines[^1], Is.EqualTo("}"));
        foreach (var line in lines)
        {
            var unescaped = Regex.Replace(line, @"\\.", "");
            Assert.That(unescaped.Count(c => c == '"') % 2, Is.Zero, line);
        }
    }

    [Test]
    public void Switches_hosts_and_links_with_labels()
    {
        var t = Cities();
        var dot = DotWriter.ToText(t);
        AssertWellFormed(dot);
        var nodes = NodeLine.Matches(dot).ToDictionary(m => m.Groups["id"].Value, m => (Shape: m.Groups["shape"].Value, Attrs: m.Groups["rest"].Value));
        foreach (var s in t.Switches) Assert.That(nodes[s.Id].Shape, Is.EqualTo("box"));
        foreach (var h in t.Hosts) Assert.That(nodes[h.Id].Shape, Is.EqualTo("ellipse"));
        Assert.That(nodes["sea"].Attrs, Does.Contain("label=\"Seattle\\n(sea)\""));
        var edges = EdgeLine.Matches(dot).Select(m => m.Groups["rest"].Value).ToList();
        Assert.That(edges, Has.Count.EqualTo(t.Links.Count + t.Hosts.Count));
        Assert.That(edges.Single(e => e.Contains("id=\"sea-den\"")), Does.Contain("label=\"10 Gb/s\\n"));
        Assert.That(edges.Count(e => e.Contains("id=\"den-mia")), Is.EqualTo(2), "parallel links stay separate edges");
    }

    [Test]
    public void Geographic_positions_are_pinned_with_y_up()
    {
        var dot = DotWriter.ToText(Cities());
        var pos = NodeLine.Matches(dot).ToDictionary(m => m.Groups["id"].Value, m =>
        {
            var p = Regex.Match(m.Groups["rest"].Value, @"pos=""(?<x>[-\d.]+),(?<y>[-\d.]+)!""");
            Assert.That(p.Success, $"{m.Groups["id"].Value} has no pinned pos");
            return (X: double.Parse(p.Groups["x"].Value, CultureInfo.InvariantCulture), Y: double.Parse(p.Groups["y"].Value, CultureInfo.InvariantCulture));
        });
        Assert.That(pos["sea"].X, Is.LessThan(pos["bos"].X));
        Assert.That(pos["sea"].Y, Is.GreaterThan(pos["mia"].Y), "DOT's y axis points up: north has the larger y");
        Assert.That(pos.ContainsKey("h1"));
    }

    [Test]
    public void No_positions_without_coordinates()
    {
        var dot = DotWriter.ToText(Ring(5));
        AssertWellFormed(dot);
        Assert.That(dot, Does.Not.Contain("pos="));
        Assert.That(dot, Does.Contain("overlap=false"));
    }

    [Test]
    public void Odd_labels_are_escaped()
    {
        var dot = DotWriter.ToText(Ring(3, oddLabel: "A&B <x> \"quoted\" back\\slash\nline"));
        AssertWellFormed(dot);
        Assert.That(dot, Does.Contain("label=\"A&B <x> \\\"quoted\\\" back\\\\slash\\nline\\n(s0)\""));
        Assert.That(DotWriter.Quote("ends with \\"), Is.EqualTo("\"ends with \\\\\""));
    }

    [Test]
    public void Highlights_failed_links_and_path()
    {
        var options = new DotOptions { FailedLinks = new HashSet<string> { "den-mia" }, HighlightPath = new[] { "sea", "den", "mia" } };
        var dot = DotWriter.ToText(Cities(), options);
        var edges = EdgeLine.Matches(dot).Select(m => m.Groups["rest"].Value).ToList();
        Assert.That(edges.Single(e => e.StartsWith("id=\"den-mia\"")), Does.Contain("style=dashed").And.Contain("#d62728"));
        Assert.That(edges.Single(e => e.StartsWith("id=\"den-mia-2\"")), Does.Contain("penwidth=3"));
        Assert.That(edges.Single(e => e.StartsWith("id=\"sea-den\"")), Does.Contain("penwidth=3"));
        Assert.That(edges.Single(e => e.StartsWith("id=\"mia-bos\"")), Does.Not.Contain("penwidth"));
        Assert.That(NodeLine.Matches(dot).Single(m => m.Groups["id"].Value == "den").Groups["rest"].Value, Does.Contain("penwidth=2.5"));
        Assert.Throws<ArgumentException>(() => DotWriter.ToText(Cities(), new DotOptions { HighlightPath = new[] { "sea", "nowhere" } }));
    }

    [Test]
    public void Output_is_deterministic()
    {
        Assert.That(DotWriter.ToText(Cities()), Is.EqualTo(DotWriter.ToText(Cities())));
    }
}
