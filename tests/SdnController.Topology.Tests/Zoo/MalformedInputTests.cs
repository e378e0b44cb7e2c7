using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

/// <summary>Broken files give errors at the exact spot, never an exception.</summary>
[TestFixture]
public class MalformedInputTests
{
    private static readonly ZooImportOptions NoHosts = new();

    public static IEnumerable<TestCaseData> GraphmlCases()
    {
        yield return new TestCaseData("hello", "x.graphml:1:1: error: not well-formed XML: Data at the root level is invalid.")
            .SetName("graphml: not XML");
        yield return new TestCaseData("", "x.graphml:1:1: error: not well-formed XML: Root element is missing.")
            .SetName("graphml: empty file");
        yield return new TestCaseData("<?xml version=\"1.0\"?>\n<graph/>", "x.graphml:2:1: error: expected the root element <graphml>, found <graph>")
            .SetName("graphml: wrong root element");
        yield return new TestCaseData("<graphml>\n</graphml>", "x.graphml:1:1: error: <graphml> contains no <graph> element")
            .SetName("graphml: no graph");
        yield return new TestCaseData("<graphml>\n  <graph>\n    <node/>\n  </graph>\n</graphml>", "x.graphml:3:5: error: <node> has no 'id' attribute")
            .SetName("graphml: node without id");
        yield return new TestCaseData("<graphml><graph>\n<node id=\"1\"/>\n<edge source=\"1\" target=\"7\"/>\n</graph></graphml>",
                "x.graphml:3:18: error: edge target '7' is not the id of any node (did you mean '1'?)")
            .SetName("graphml: edge to an unknown node");
        yield return new TestCaseData("<graphml><graph>\n<node id=\"1\"/>\n  <edge source=\"1\"/>\n</graph></graphml>", "x.graphml:3:3: error: <edge> has no 'target' attribute")
            .SetName("graphml: edge without target");
        yield return new TestCaseData("<graphml><graph>\n<node id=\"1\"/>\n<node id=\"1\"/>\n</graph></graphml>", "x.graphml:3:1: error: duplicate node id '1' (first at line 2:1)")
            .SetName("graphml: duplicate node id");
        yield return new TestCaseData("<graphml>\n  <graph>\n    <node id=\"1\">\n  </graph>\n</graphml>",
                "x.graphml:4:5: error: not well-formed XML: The 'node' start tag on line 3 position 6 does not match the end tag of 'graph'.")
            .SetName("graphml: mismatched end tag");
        yield return new TestCaseData("<graphml>\n<graph>\n<node id=\"1\">", "x.graphml:3:14: error: not well-formed XML: Unexpected end of file has occurred. The following elements are not closed: node, graph, graphml.")
            .SetName("graphml: truncated file");
        yield return new TestCaseData("<!DOCTYPE graphml [<!ENTITY e \"x\">]>\n<graphml>&e;</graphml>", "x.graphml:2:11: error: not well-formed XML: Reference to undeclared entity 'e'.")
            .SetName("graphml: DTD entities are not expanded");
    }

    public static IEnumerable<TestCaseData> GmlCases()
    {
        yield return new TestCaseData("graph [\n  node [ id 1 ]\n", "x.gml:1:7: error: '[' of 'graph' is never closed (the file ends first)")
            .SetName("gml: unclosed [");
        yield return new TestCaseData("graph [\n  node [ id 1\n", "x.gml:2:8: error: '[' of 'node' is never closed (the file ends first)")
            .SetName("gml: unclosed inner [");
        yield return new TestCaseData("graph [\n  node [ label \"x\" ]\n]", "x.gml:2:3: error: node has no 'id'")
            .SetName("gml: node without id");
        yield return new TestCaseData("graph [\n  node [ id 1 ]\n  edge [ source 1 target 2 ]\n]", "x.gml:3:26: error: edge target '2' is not the id of any node (did you mean '1'?)")
            .SetName("gml: edge to an unknown node");
        yield return new TestCaseData("graph [\n  node [ id 1 ]\n  edge [ target 1 ]\n]", "x.gml:3:3: error: edge has no 'source'")
            .SetName("gml: edge without source");
        yield return new TestCaseData("graph [\n  node [ id 1 ]\n  node [ id 1 ]\n]", "x.gml:3:3: error: duplicate node id '1' (first at line 2:3)")
            .SetName("gml: duplicate node id");
        yield return new TestCaseData("graph [\n  label \"abc\n]\n", "x.gml:2:9: error: string is never closed (no '\"' before the end of the file)")
            .SetName("gml: unterminated string");
        yield return new TestCaseData("graph [ ]\n]", "x.gml:2:1: error: ']' closes no open '['")
            .SetName("gml: stray ]");
        yield return new TestCaseData("graph [ label ]", "x.gml:1:15: error: expected a value (number, \"string\" or [ list ]) after key 'label', found ']'")
            .SetName("gml: key without value");
        yield return new TestCaseData("graph [\n  label", "x.gml:2:8: error: expected a value (number, \"string\" or [ list ]) after key 'label', found end of file")
            .SetName("gml: key at end of file");
        yield return new TestCaseData("graph [ 12 ]", "x.gml:1:9: error: expected a key, found number 12")
            .SetName("gml: value where a key belongs");
        yield return new TestCaseData("graph [\n\tx @ ]", "x.gml:2:4: error: unexpected character '@'")
            .SetName("gml: unexpected character");
        yield return new TestCaseData("graph [ x 1.2.3 ]", "x.gml:1:11: error: malformed number '1.2.3'")
            .SetName("gml: malformed number");
        yield return new TestCaseData("Creator \"me\"", "x.gml:1:1: error: no 'graph [ ... ]' found")
            .SetName("gml: no graph");
        yield return new TestCaseData("graph 3", "x.gml:1:7: error: expected 'graph [ ... ]', found number 3")
            .SetName("gml: graph is not a list");
        yield return new TestCaseData("graph [ node 4 ]", "x.gml:1:14: error: expected 'node [ ... ]', found number 4")
            .SetName("gml: node is not a list");
        yield return new TestCaseData("<graphml/>", "x.gml:1:1: error: unexpected character '<'")
            .SetName("gml: XML given as GML");
    }

    [TestCaseSource(nameof(GraphmlCases))]
    public void Graphml(string text, string expected) =>
        AssertSingleError(d => GraphmlImporter.LoadText(text, "x.graphml", NoHosts, d), expected);

    [TestCaseSource(nameof(GmlCases))]
    public void Gml(string text, string expected) =>
        AssertSingleError(d => GmlImporter.LoadText(text, "x.gml", NoHosts, d), expected);

    private static void AssertSingleError(Func<DiagnosticBag, Model.Topology?> load, string expected)
    {
        var d = new DiagnosticBag();
        Model.Topology? t = null;
        Assert.DoesNotThrow(() => t = load(d));
        Assert.That(t, Is.Null);
        Assert.That(d.Items.Select(x => x.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        const string text = "graph [\n  node [ id 1 ]\n  node [ label \"no id\" ]\n  edge [ source 1 target 5 ]\n  edge [ source 9 target 1 ]\n]";
        var d = new DiagnosticBag();
        Assert.That(GmlImporter.LoadText(text, "x.gml", NoHosts, d), Is.Null);
        Assert.That(d.Items.Select(x => x.Location!.ToString()), Is.EqualTo(new[] { "x.gml:3:3", "x.gml:4:26", "x.gml:5:17" }));
    }

    [Test]
    public void A_negative_host_count_is_an_error_not_an_exception()
    {
        var d = new DiagnosticBag();
        var t = GmlImporter.LoadText("graph [ node [ id 1 ] ]", "x.gml", new ZooImportOptions { HostsPerSwitch = -2 }, d);
        Assert.That(t, Is.Null);
        Assert.That(d.Items.Single().ToString(), Is.EqualTo("error: x.gml: hosts per switch must be 0 or more, found -2"));
    }

    [Test]
    public void A_missing_file_is_an_error_naming_it()
    {
        var d = new DiagnosticBag();
        Assert.That(GraphmlImporter.Load("/nonexistent/zoo.graphml", NoHosts, d), Is.Null);
        Assert.That(d.Items.Single().Message, Does.StartWith("cannot read '/nonexistent/zoo.graphml'"));
        // Worded as for a YAML file: all formats read their file the same way.
        Assert.That(d.Items.Single().Message, Does.EndWith(": no such file"));
    }
}
