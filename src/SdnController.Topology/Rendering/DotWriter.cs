namespace SdnController.Topology.Rendering;

/// <summary>
/// Writes a topology as a Graphviz graph: switches as boxes, hosts as ellipses, every link an edge
/// (parallel links stay separate). When switches have coordinates every node gets a pinned
/// <c>pos="x,y!"</c> in points, so <c>neato -n</c> keeps the geography; otherwise Graphviz lays it out.
/// </summary>
public static class DotWriter
{
    public static void Write(Model.Topology t, TextWriter w, DotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(w);
        options ??= new DotOptions();
        var highlights = Highlights.Resolve(t, options);
        TopologyLayout? layout = null;
        if (GeographicLayout.Applies(t))
        {
            const double margin = 36; // half an inch
            layout = TopologyLayout.Compute(t, new PlotArea(margin, margin, options.Width - 2 * margin, options.Height - 2 * margin), hostDistance: 18);
        }

        w.Write("graph ");
        w.Write(Quote(t.Name));
        w.WriteLine(" {");
        w.Write("  graph [label=");
        w.Write(Quote(t.Description is { Length: > 0 } d ? $"{t.Name}\n{d}" : t.Name));
        w.WriteLine(layout is null ? ", labelloc=t, overlap=false, splines=true];" : ", labelloc=t, splines=true];");
        w.WriteLine("  node [fontname=\"Helvetica\", fontsize=10];");
        w.WriteLine("  edge [fontname=\"Helvetica\", fontsize=8];");

        for (var i = 0; i < t.Switches.Count; i++)
        {
            var s = t.Switches[i];
            var label = string.IsNullOrEmpty(s.Label) || s.Label == s.Id ? s.Id : $"{s.Label}\n({s.Id})";
            w.Write($"  {Quote(s.Id)} [shape=box, label={Quote(label)}");
            if (highlights.PathSwitch[i]) w.Write(", penwidth=2.5, color=\"#1f5fbf\"");
            if (layout is not null) w.Write($", pos={Pos(layout.X[i], layout.Y[i], options.Height)}");
            w.WriteLine("];");
        }
        for (var i = 0; i < t.Hosts.Count; i++)
        {
            var h = t.Hosts[i];
            var label = h.IPv4 is { } ip ? $"{h.Id}\n{ip}" : h.Id;
            w.Write($"  {Quote(h.Id)} [shape=ellipse, fontsize=8, label={Quote(label)}");
            if (layout is not null) w.Write($", pos={Pos(layout.HostX[i], layout.HostY[i], options.Height)}");
            w.WriteLine("];");
        }

        for (var l = 0; l < t.Links.Count; l++)
        {
            var link = t.Links[l];
            w.Write($"  {Quote(link.A.Node)} -- {Quote(link.B.Node)} [id={Quote(link.Id)}");
            w.Write($", tooltip={Quote($"{link.Id}: {link.A} – {link.B}")}");
            if (options.LinkLabels)
                w.Write($", label={Quote($"{UnitText.Bandwidth(link.BandwidthBps)}\n{UnitText.Latency(link.LatencyMs)}")}");
            if (highlights.FailedLink[l]) w.Write(", color=\"#d62728\", style=dashed, fontcolor=\"#d62728\"");
            if (highlights.PathLink[l]) w.Write(highlights.FailedLink[l] ? ", penwidth=3" : ", penwidth=3, color=\"#1f5fbf\"");
            w.WriteLine("];");
        }
        foreach (var h in t.Hosts)
            w.WriteLine($"  {Quote(h.Id)} -- {Quote(h.Attachment.Node)} [style=dotted, tooltip={Quote($"{h.Id} at {h.Attachment}")}];");
        w.WriteLine("}");
    }

    public static string ToText(Model.Topology t, DotOptions? options = null)
    {
        var w = new StringWriter { NewLine = "\n" };
        Write(t, w, options);
        return w.ToString();
    }

    /// <summary>
    /// A DOT double-quoted string. Quotes and backslashes are escaped (a trailing backslash would
    /// otherwise swallow the closing quote); line breaks become the <c>\n</c> label escape.
    /// </summary>
    public static string Quote(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Pinned position in points; DOT's y axis points up, the layout's down.</summary>
    private static string Pos(double x, double y, double height) =>
        $"\"{UnitText.Coord(x)},{UnitText.Coord(height - y)}!\"";
}
