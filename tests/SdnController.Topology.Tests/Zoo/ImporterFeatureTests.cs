using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

/// <summary>Format features the Zoo files use little or not at all, on small inline inputs.</summary>
[TestFixture]
public class ImporterFeatureTests
{
    private static readonly ZooImportOptions NoHosts = new();

    private static Model.Topology LoadGraphml(string text, DiagnosticBag d)
    {
        var t = GraphmlImporter.LoadText(text, "t.graphml", NoHosts, d);
        Assert.That(t, Is.Not.Null, string.Join("\n", d.Items));
        return t!;
    }

    private static Model.Topology LoadGml(string text, DiagnosticBag d)
    {
        var t = GmlImporter.LoadText(text, "t.gml", NoHosts, d);
        Assert.That(t, Is.Not.Null, string.Join("\n", d.Items));
        return t!;
    }

    [Test]
    public void Graphml_key_defaults_apply_where_data_is_absent_and_for_all_reaches_every_element()
    {
        const string text = """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="c" for="node" attr.name="Country" attr.type="string"><default>Nowhere</default></key>
              <key id="s" for="edge" attr.name="LinkSpeed"><default>10</default></key>
              <key id="u" for="edge" attr.name="LinkSpeedUnits"><default>m</default></key>
              <key id="x" attr.name="Tag"><default>any</default></key>
              <graph id="G" edgedefault="undirected">
                <node id="a"><data key="c">Here</data></node>
                <node id="b"/>
                <edge source="a" target="b"/>
                <edge id="fast" source="b" target="a"><data key="s">2.5</data><data key="u">G</data></edge>
              </graph>
            </graphml>
            """;
        var d = new DiagnosticBag();
        var t = LoadGraphml(text, d);
        Assert.That(d.Items, Is.Empty);
        Assert.That(t.Switches.Select(s => s.Id), Is.EqualTo(new[] { "a", "b" }), "non-numeric ids stay as written");
        Assert.That(t.FindSwitch("a")!.Attributes["Country"], Is.EqualTo("Here"));
        Assert.That(t.FindSwitch("b")!.Attributes["Country"], Is.EqualTo("Nowhere"));
        Assert.That(t.FindSwitch("b")!.Attributes["Tag"], Is.EqualTo("any"));
        Assert.That(t.Links.Select(l => l.BandwidthBps), Is.EqualTo(new[] { 10e6, 2.5e9 }), "lowercase units read too");
        Assert.That(t.Links[1].Attributes["id"], Is.EqualTo("fast"));
        Assert.That(t.Links[1].Id, Is.EqualTo("b-a"), "the builder names links; the file's edge id is an attribute");
        Assert.That(t.Attributes["Tag"], Is.EqualTo("any"));
        Assert.That(t.Name, Is.EqualTo("t"), "no Network or label: the file stem");
    }

    [Test]
    public void Graphml_structured_data_undeclared_keys_extra_graphs_and_hyperedges_are_handled()
    {
        const string text = """
            <graphml>
              <key id="g" for="node" yfiles.type="nodegraphics"/>
              <graph>
                <data key="nope">v</data>
                <node id="1"><data key="g"><shape kind="box"/></data></node>
                <node id="2"><graph><node id="inner"/></graph></node>
                <hyperedge><endpoint node="1"/></hyperedge>
                <edge source="1" target="2"/>
              </graph>
              <graph><node id="9"/></graph>
            </graphml>
            """;
        var d = new DiagnosticBag();
        var t = LoadGraphml(text, d);
        Assert.That(t.Switches.Select(s => s.Id), Is.EqualTo(new[] { "n1", "n2" }));
        Assert.That(t.FindSwitch("n1")!.Attributes, Is.Empty, "graphics are not attribute values");
        Assert.That(t.Attributes["nope"], Is.EqualTo("v"));
        Assert.That(d.Items.Select(x => x.ToString()), Is.EqualTo(new[]
        {
            "t.graphml:4:5: warning: <data> refers to key 'nope', which no <key> declares; kept under that name",
            "t.graphml:6:18: warning: nested graph in node '2' is not supported; ignored",
            "t.graphml:7:5: warning: <hyperedge> elements are not supported; ignored",
            "t.graphml:10:3: warning: only the first <graph> is read; this one is ignored",
        }));
    }

    [Test]
    public void Gml_strings_decode_entities_and_comments_and_drawing_lists_are_skipped()
    {
        const string text = """
            # written by hand
            Creator "test"
            graph [
              Network "A &quot;T&quot; &amp; B &#38; &#x41; &bogus; & done"
              node [ id 0 label "x" graphics [ x 1.5 y -2e3 ] Latitude 10 Longitude 20 ]
              node [ id "hub" label "first" label "second" ]  # a string id stays as written
              edge [ source 0 target "hub" LinkSpeed "155" LinkSpeedUnits "M" weight 1.5e0 ]
            ]
            """;
        var d = new DiagnosticBag();
        var t = LoadGml(text, d);
        Assert.That(d.Items, Is.Empty);
        Assert.That(t.Name, Is.EqualTo("A \"T\" & B & A &bogus; & done"));
        Assert.That(t.Switches.Select(s => s.Id), Is.EqualTo(new[] { "n0", "hub" }));
        Assert.That(t.FindSwitch("n0")!.Location, Is.EqualTo(new GeoCoordinate(10, 20)));
        Assert.That(t.FindSwitch("n0")!.Attributes.ContainsKey("graphics"), Is.False);
        Assert.That(t.FindSwitch("hub")!.Label, Is.EqualTo("second"), "a repeated key keeps its last value");
        Assert.That(t.Links.Single().BandwidthBps, Is.EqualTo(155e6));
        Assert.That(t.Links.Single().Attributes["weight"], Is.EqualTo("1.5e0"));
    }

    [Test]
    public void Bad_coordinates_and_link_speeds_are_warnings_and_the_defaults_apply()
    {
        const string text = """
            graph [
              node [ id 0 Latitude 95 Longitude 20 ]
              node [ id 1 Latitude 10 ]
              node [ id 2 Latitude "north" Longitude 1 ]
              edge [ source 0 target 1 LinkSpeed "fast" LinkSpeedUnits "G" ]
              edge [ source 1 target 2 LinkSpeed "10" LinkSpeedUnits "P" ]
              edge [ source 2 target 0 LinkSpeed "10" ]
            ]
            """;
        var d = new DiagnosticBag();
        var t = LoadGml(text, d);
        Assert.That(t.Switches.Select(s => s.Location), Has.All.Null);
        Assert.That(t.Links.Select(l => l.BandwidthBps), Has.All.EqualTo(LinkDefaults.Standard.BandwidthBps));
        Assert.That(t.Links.Select(l => l.LatencySource), Has.All.EqualTo(LatencySource.Default));
        Assert.That(d.Items.Select(x => x.ToString()), Is.EqualTo(new[]
        {
            "t.gml:2:24: warning: Latitude '95' of node '0' is not a number in -90..90; the node gets no location",
            "t.gml:3:24: warning: node '1' has Latitude but no Longitude; it gets no location",
            "t.gml:4:24: warning: Latitude 'north' of node '2' is not a number in -90..90; the node gets no location",
            "t.gml:5:38: warning: LinkSpeed 'fast' is not a positive number; the default bandwidth applies",
            "t.gml:6:38: warning: LinkSpeedUnits 'P' is not one of K, M, G, T; the default bandwidth applies",
            "t.gml:7:38: warning: LinkSpeed '10' has no LinkSpeedUnits; the default bandwidth applies",
        }));
    }

    [Test]
    public void Gml_and_graphml_of_the_same_small_graph_keep_file_order_and_parallel_links()
    {
        const string gml = "graph [ node [ id 3 ] node [ id 1 ] edge [ source 3 target 1 ] edge [ source 1 target 3 ] edge [ source 3 target 1 ] edge [ source 3 target 3 ] ]";
        const string graphml = """
            <graphml><graph>
            <node id="3"/><node id="1"/>
            <edge source="3" target="1"/><edge source="1" target="3"/><edge source="3" target="1"/><edge source="3" target="3"/>
            </graph></graphml>
            """;
        foreach (var t in new[] { LoadGml(gml, new DiagnosticBag()), LoadGraphml(graphml, new DiagnosticBag()) })
        {
            Assert.That(t.Switches.Select(s => s.Id), Is.EqualTo(new[] { "n3", "n1" }));
            Assert.That(t.Links.Select(l => $"{l.Id} {l.A}-{l.B}"), Is.EqualTo(new[]
            {
                "n3-n1 n3:1-n1:1", "n1-n3 n1:2-n3:2", "n3-n1#2 n3:3-n1:3", "n3-n3 n3:4-n3:5",
            }));
        }
    }
}
