using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo.Graphml;

/// <summary>
/// Reads GraphML into a <see cref="ZooGraph"/>: <c>&lt;key&gt;</c> declarations (with defaults), graph-level
/// data, nodes and edges. Only the first <c>&lt;graph&gt;</c> is read; nested graphs, hyperedges and ports have
/// no meaning for a switch graph and are skipped with a warning. Elements are matched by local name, so
/// files with or without the GraphML namespace both read.
/// </summary>
internal sealed partial class GraphmlReader
{
    private readonly XmlReader _r;
    private readonly IXmlLineInfo _lines;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, GraphmlKey> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _undeclaredWarned = new(StringComparer.Ordinal);
    private readonly ZooGraph _graph = new();
    private bool _sawGraph;

    private GraphmlReader(XmlReader r, string file, DiagnosticBag diagnostics)
    {
        _r = r;
        _lines = (IXmlLineInfo)r;
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Null when the text is not well-formed XML or not GraphML; the reason is in the bag.</summary>
    public static ZooGraph? Read(string text, string file, DiagnosticBag diagnostics)
    {
        var settings = new XmlReaderSettings
        {
            // A DOCTYPE is skipped, never expanded: no entity bombs, no external fetches.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), settings);
            return new GraphmlReader(xml, file, diagnostics).ReadDocument();
        }
        catch (XmlException ex)
        {
            diagnostics.Error(new SourceLocation(file, Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition)),
                $"not well-formed XML: {TrailingPosition().Replace(ex.Message, "")}");
            return null;
        }
    }

    // XmlException messages end in " Line 3, position 7."; the location already says that.
    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();

    private ZooGraph? ReadDocument()
    {
        _r.MoveToContent();
        if (_r.NodeType != XmlNodeType.Element || _r.LocalName != "graphml")
        {
            _diagnostics.Error(ElementAt(), $"expected the root element <graphml>, found <{_r.Name}>");
            return null;
        }
        var rootAt = ElementAt();
        if (!_r.IsEmptyElement)
        {
            var depth = _r.Depth;
            while (NextChildElement(depth))
            {
                switch (_r.LocalName)
                {
                    case "key": ReadKey(); break;
                    case "graph": ReadGraph(); break;
                    case "data": ReadData(_graph.Attributes, "graphml"); break;
                }
            }
        }
        // Drain the rest so a malformed tail is still reported.
        while (_r.Read()) { }
        if (!_sawGraph)
        {
            _diagnostics.Error(rootAt, "<graphml> contains no <graph> element");
            return null;
        }
        ApplyDefaults();
        return _graph;
    }

    private void ReadKey()
    {
        var at = ElementAt();
        var id = _r.GetAttribute("id");
        var name = _r.GetAttribute("attr.name");
        var domain = _r.GetAttribute("for") ?? "all";
        if (string.IsNullOrEmpty(id))
        {
            _diagnostics.Error(at, "<key> has no 'id' attribute");
            SkipElement();
            return;
        }
        ZooValue? defaultValue = null;
        if (!_r.IsEmptyElement)
        {
            var depth = _r.Depth;
            while (NextChildElement(depth))
            {
                if (_r.LocalName != "default") continue;
                var defaultAt = ElementAt();
                defaultValue = new ZooValue(ReadText(out _), defaultAt);
            }
        }
        // yEd-style keys (yfiles.type) have no attr.name; their id is the only name there is.
        var key = new GraphmlKey(id, string.IsNullOrEmpty(name) ? id : name, domain, at) { Default = defaultValue };
        if (_keys.TryGetValue(id, out var first))
            _diagnostics.Warning(at, $"key '{id}' is declared again (first at line {first.At.Line}:{first.At.Column}); the later declaration is used");
        _keys[id] = key;
    }

    private void ReadGraph()
    {
        if (_sawGraph)
        {
            _diagnostics.Warning(ElementAt(), "only the first <graph> is read; this one is ignored");
            SkipElement();
            return;
        }
        _sawGraph = true;
        if (_r.IsEmptyElement) return;
        var depth = _r.Depth;
        while (NextChildElement(depth))
        {
            switch (_r.LocalName)
            {
                case "data": ReadData(_graph.Attributes, "graph"); break;
                case "node": ReadNode(); break;
                case "edge": ReadEdge(); break;
                case "hyperedge":
                    _diagnostics.Warning(ElementAt(), "<hyperedge> elements are not supported; ignored");
                    SkipElement();
                    break;
            }
        }
    }

    private void ReadNode()
    {
        var at = ElementAt();
        var id = _r.GetAttribute("id");
        if (id is null)
        {
            _diagnostics.Error(at, "<node> has no 'id' attribute");
            SkipElement();
            return;
        }
        var node = new ZooNode(id, at);
        if (!_r.IsEmptyElement)
        {
            var depth = _r.Depth;
            while (NextChildElement(depth))
            {
                if (_r.LocalName == "data") ReadData(node.Data, "node");
                else if (_r.LocalName == "graph")
                {
                    _diagnostics.Warning(ElementAt(), $"nested graph in node '{id}' is not supported; ignored");
                    SkipElement();
                }
            }
        }
        _graph.Nodes.Add(node);
    }

    private void ReadEdge()
    {
        var at = ElementAt();
        var source = ReadEndAttribute("source", out var sourceAt);
        var target = ReadEndAttribute("target", out var targetAt);
        var id = _r.GetAttribute("id");
        if (source is null || target is null)
        {
            var missing = source is null ? "source" : "target";
            _diagnostics.Error(at, $"<edge> has no '{missing}' attribute");
            SkipElement();
            return;
        }
        var edge = new ZooEdge(source, sourceAt!, target, targetAt!, at);
        if (id is not null) edge.Data["id"] = new ZooValue(id, at);
        if (!_r.IsEmptyElement)
        {
            var depth = _r.Depth;
            while (NextChildElement(depth))
                if (_r.LocalName == "data") ReadData(edge.Data, "edge");
        }
        _graph.Edges.Add(edge);
    }

    /// <summary>Reads an attribute of the current element with the location of the attribute itself.</summary>
    private string? ReadEndAttribute(string name, out SourceLocation? at)
    {
        at = null;
        if (!_r.MoveToAttribute(name)) return null;
        at = new SourceLocation(_file, _lines.LineNumber, _lines.LinePosition);
        var value = _r.Value;
        _r.MoveToElement();
        return value;
    }

    private void ReadData(Dictionary<string, ZooValue> into, string element)
    {
        var at = ElementAt();
        var keyId = _r.GetAttribute("key");
        var text = ReadText(out var hasElements);
        if (keyId is null)
        {
            _diagnostics.Warning(at, "<data> has no 'key' attribute; ignored");
            return;
        }
        // Structured content (yEd graphics and the like) is not an attribute value.
        if (hasElements) return;
        string name;
        if (_keys.TryGetValue(keyId, out var key)) name = key.Name;
        else
        {
            name = keyId;
            if (_undeclaredWarned.Add(keyId))
                _diagnostics.Warning(at, $"<data> refers to key '{keyId}', which no <key> declares; kept under that name");
        }
        into[name] = new ZooValue(text, at);
    }

    private void ApplyDefaults()
    {
        foreach (var key in _keys.Values)
        {
            if (key.Default is not { } value) continue;
            if (key.AppliesTo("graph")) _graph.Attributes.TryAdd(key.Name, value);
            if (key.AppliesTo("node"))
                foreach (var n in _graph.Nodes) n.Data.TryAdd(key.Name, value);
            if (key.AppliesTo("edge"))
                foreach (var e in _graph.Edges) e.Data.TryAdd(key.Name, value);
        }
    }

    /// <summary>
    /// Moves to the next element directly inside the element at <paramref name="parentDepth"/>; false at its
    /// end tag. Anything deeper that the caller did not read is walked over.
    /// </summary>
    private bool NextChildElement(int parentDepth)
    {
        while (_r.Read())
        {
            if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == parentDepth) return false;
            if (_r.NodeType == XmlNodeType.Element && _r.Depth == parentDepth + 1) return true;
        }
        return false;
    }

    /// <summary>The text directly inside the current element, leaving the reader on its end tag.</summary>
    private string ReadText(out bool hasElements)
    {
        hasElements = false;
        if (_r.IsEmptyElement) return "";
        var depth = _r.Depth;
        var sb = new StringBuilder();
        while (_r.Read())
        {
            if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth) break;
            if (_r.Depth != depth + 1) continue;
            switch (_r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    sb.Append(_r.Value);
                    break;
                case XmlNodeType.Element:
                    hasElements = true;
                    break;
            }
        }
        return sb.ToString();
    }

    private void SkipElement()
    {
        if (_r.IsEmptyElement) return;
        var depth = _r.Depth;
        while (_r.Read() && !(_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth)) { }
    }

    // XmlReader reports an element at its name; the '<' before it is where an editor should jump.
    private SourceLocation ElementAt() => new(_file, _lines.LineNumber, Math.Max(1, _lines.LinePosition - 1));
}
