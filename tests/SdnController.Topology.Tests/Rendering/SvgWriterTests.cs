using System.Globalization;
using System.Xml;
using SdnController.Testing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;
using SdnController.Topology.Rendering;
using static SdnController.Topology.Tests.Rendering.RenderFixtures;

namespace SdnController.Topology.Tests.Rendering;

public class SvgWriterTests
{
    private static XmlDocument Parse(string svg)
    {
        var doc = new XmlDocument();
        doc.LoadXml(svg);
        return doc;
    }

    private static XmlNamespaceManager Ns(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("s", "http://www.w3.org/2000/svg");
        return ns;
    }

    private static (double X, double Y) SwitchAt(XmlDocument doc, string id)
    {
        var g = doc.SelectSingleNode($"//s:g[@data-switch='{id}']/s:circle", Ns(doc)) as XmlElement;
        Assert.That(g, Is.Not.Null, $"switch {id} missing");
        return (double.Parse(g!.GetAttribute("cx"), CultureInfo.InvariantCulture), double.Parse(g.GetAttribute("cy"), CultureInfo.InvariantCulture));
    }

    [Test]
    public void Geographic_layout_keeps_west_left_and_north_up()
    {
        var doc = Parse(SvgWriter.ToText(Cities()));
        var sea = SwitchAt(doc, "sea");
        var mia = SwitchAt(doc, "mia");
        var den = SwitchAt(doc, "den");
        var bos = SwitchAt(doc, "bos");
        Assert.That(sea.X, Is.LessThan(den.X));
        Assert.That(den.X, Is.LessThan(mia.X));
        Assert.That(mia.X, Is.LessThan(bos.X));
        Assert.That(sea.Y, Is.LessThan(mia.Y), "Seattle is north of Miami");
        Assert.That(bos.Y, Is.LessThan(mia.Y), "Boston is north of Miami");
        // The hyperedge switch sits between its two neighbours; the unconnected one on the side strip, right of everything.
        var hyper = SwitchAt(doc, "hyper");
        Assert.That(hyper.X, Is.EqualTo((bos.X + den.X) / 2).Within(0.02));
        var lost = SwitchAt(doc, "lost");
        Assert.That(lost.X, Is.GreaterThan(bos.X));
        Assert.That(doc.DocumentElement!.InnerText, Does.Contain("geographic layout"));
    }

    [Test]
    public void Network_across_the_date_line_stays_together()
    {
        var b = new Topology.Building.TopologyBuilder("pacific");
        b.AddSwitch(new Topology.Building.SwitchSpec("west") { Location = new Model.GeoCoordinate(-17, 170) });
        b.AddSwitch(new Topology.Building.SwitchSpec("mid") { Location = new Model.GeoCoordinate(-18, 179) });
        b.AddSwitch(new Topology.Building.SwitchSpec("east") { Location = new Model.GeoCoordinate(-17, -175) });
        b.AddLink(new Topology.Building.LinkSpec(P("west"), P("mid")));
        b.AddLink(new Topology.Building.LinkSpec(P("mid"), P("east")));
        var doc = Parse(SvgWriter.ToText(Done(b)));
        var (west, mid, east) = (SwitchAt(doc, "west"), SwitchAt(doc, "mid"), SwitchAt(doc, "east"));
        Assert.That(west.X, Is.LessThan(mid.X));
        Assert.That(mid.X, Is.LessThan(east.X), "179°E is west of 175°W across the date line");
        Assert.That(mid.Y, Is.GreaterThan(west.Y), "18°S is south of 17°S");
    }

    [Test]
    public void Every_switch_host_and_link_appears_and_parallel_links_curve()
    {
        var t = Cities();
        var doc = Parse(SvgWriter.ToText(t));
        var ns = Ns(doc);
        foreach (var s in t.Switches) SwitchAt(doc, s.Id);
        foreach (var h in t.Hosts) Assert.That(doc.SelectSingleNode($"//s:g[@data-host='{h.Id}']/s:rect", ns), Is.Not.Null, h.Id);
        foreach (var l in t.Links) Assert.That(doc.SelectSingleNode($"//*[@data-link='{l.Id}']", ns), Is.Not.Null, l.Id);
        // The two Denver–Miami links bend to opposite sides: both are curves, with different control points.
        var a = (XmlElement)doc.SelectSingleNode("//*[@data-link='den-mia']", ns)!;
        var b = (XmlElement)doc.SelectSingleNode("//*[@data-link='den-mia-2']", ns)!;
        Assert.That((a.LocalName, b.LocalName), Is.EqualTo(("path", "path")));
        Assert.That(a.GetAttribute("d"), Is.Not.EqualTo(b.GetAttribute("d")));
        Assert.That(doc.SelectSingleNode("//*[@data-link='sea-den']", ns)!.LocalName, Is.EqualTo("line"));
        Assert.That(doc.SelectSingleNode("//s:g[@id='legend']", ns), Is.Not.Null);
    }

    [Test]
    public void Odd_labels_are_escaped()
    {
        var t = Ring(4, oddLabel: "A&B <x> \"q\" 'a'\u0001");
        var svg = SvgWriter.ToText(t, new SvgOptions { Title = "T & <T>" });
        var doc = Parse(svg);
        Assert.That(svg, Does.Not.Contain("A&B"));
        var text = doc.SelectSingleNode("//s:g[@data-switch='s0']/s:text", Ns(doc))!.InnerText;
        Assert.That(text, Is.EqualTo("A&B <x> \"q\" 'a'\uFFFD"));
        Assert.That(doc.SelectSingleNode("/s:svg/s:title", Ns(doc))!.InnerText, Is.EqualTo("T & <T>"));
    }

    [Test]
    public void Ring_without_coordinates_is_drawn_as_a_circle()
    {
        var doc = Parse(SvgWriter.ToText(Ring(8)));
        var points = Enumerable.Range(0, 8).Select(i => SwitchAt(doc, "s" + i)).ToArray();
        var cx = points.Average(p => p.X);
        var cy = points.Average(p => p.Y);
        var radii = points.Select(p => Math.Sqrt((p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy))).ToArray();
        Assert.That(radii.Max() - radii.Min(), Is.LessThan(0.1));
        Assert.That(points[0].Y, Is.LessThan(cy), "first switch at the top");
        Assert.That(doc.DocumentElement!.InnerText, Does.Contain("ring layout"));
    }

    [Test]
    public void Output_is_deterministic()
    {
        var mesh = RandomMesh(60, 30, seed: 3);
        Assert.That(SvgWriter.ToText(mesh), Is.EqualTo(SvgWriter.ToText(RandomMesh(60, 30, seed: 3))));
        Assert.That(SvgWriter.ToText(Cities()), Is.EqualTo(SvgWriter.ToText(Cities())));
        Assert.That(Parse(SvgWriter.ToText(mesh)).DocumentElement!.InnerText, Does.Contain("force-directed layout"));
    }

    [Test]
    public void Force_directed_layout_separates_switches_and_stays_on_canvas()
    {
        var t = RandomMesh(40, 10, seed: 11);
        var options = new SvgOptions();
        var doc = Parse(SvgWriter.ToText(t, options));
        var points = t.Switches.Select(s => SwitchAt(doc, s.Id)).ToArray();
        foreach (var p in points)
        {
            Assert.That(p.X, Is.InRange(0, options.Width));
            Assert.That(p.Y, Is.InRange(0, options.Height));
        }
        var closest = double.MaxValue;
        for (var i = 0; i < points.Length; i++)
            for (var j = i + 1; j < points.Length; j++)
                closest = Math.Min(closest, Math.Sqrt(Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2)));
        Assert.That(closest, Is.GreaterThan(5), "no two switches drawn on top of each other");
    }

    [Test]
    public void Failed_links_and_path_are_highlighted()
    {
        var t = Cities();
        var options = new SvgOptions { FailedLinks = new HashSet<string> { "den-mia" }, HighlightPath = new[] { "sea", "den", "mia" } };
        var doc = Parse(SvgWriter.ToText(t, options));
        var ns = Ns(doc);
        var failed = (XmlElement)doc.SelectSingleNode("//*[@data-link='den-mia']", ns)!;
        Assert.That(failed.GetAttribute("stroke-dasharray"), Is.Not.Empty);
        // The path avoids the failed twin and takes den-mia-2.
        Assert.That(((XmlElement)doc.SelectSingleNode("//*[@data-link='den-mia-2']", ns)!).GetAttribute("stroke-width"), Is.EqualTo("3.5"));
        Assert.That(((XmlElement)doc.SelectSingleNode("//*[@data-link='sea-den']", ns)!).GetAttribute("stroke-width"), Is.EqualTo("3.5"));
        Assert.That(((XmlElement)doc.SelectSingleNode("//*[@data-link='mia-bos']", ns)!).GetAttribute("stroke-width"), Is.EqualTo("1.2"));
        Assert.That(doc.SelectSingleNode("//s:g[@id='legend']", ns)!.InnerText, Does.Contain("failed link").And.Contain("path"));
    }

    [Test]
    public void Unknown_highlight_ids_are_reported_together()
    {
        var options = new SvgOptions { FailedLinks = new HashSet<string> { "nope" }, HighlightPath = new[] { "sea", "bos", "ghost" } };
        var ex = Assert.Throws<ArgumentException>(() => SvgWriter.ToText(Cities(), options));
        Assert.That(ex!.Message, Does.Contain("failed link 'nope'").And.Contain("sea → bos has no link").And.Contain("'ghost'"));
    }

    [Test]
    public void Kdl_renders_quickly_and_parses()
    {
        var zoo = SharedData.RequireDirectory("topologyzoo");
        var bag = new DiagnosticBag();
        var t = TopologyFileLoader.Load(Path.Combine(zoo, "gml", "Kdl.gml"), new ZooImportOptions(), bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        var clock = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        var svg = SvgWriter.ToText(t!);
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(3));
        var doc = Parse(svg);
        Assert.That(doc.SelectNodes("//s:g[@data-switch]", Ns(doc))!.Count, Is.EqualTo(754));
        Assert.That(doc.SelectNodes("//*[@data-link]", Ns(doc))!.Count, Is.EqualTo(899));
    }

    [Test]
    public void Large_network_without_coordinates_is_laid_out_in_time()
    {
        var t = RandomMesh(754, 145, seed: 1);
        var clock = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        var doc = Parse(SvgWriter.ToText(t));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
        Assert.That(doc.SelectNodes("//s:g[@data-switch]", Ns(doc))!.Count, Is.EqualTo(754));
    }
}
