using static SdnController.Topology.Rendering.UnitText;

namespace SdnController.Topology.Rendering;

/// <summary>
/// Draws a topology as one self-contained SVG file: geographic when switches have coordinates,
/// otherwise circular (rings) or force-directed; parallel links as separate curves, switches as
/// labelled circles, hosts as small squares beside their switch, a title and a legend. Every
/// element carries a &lt;title&gt; tooltip and a data- attribute with its id.
/// </summary>
public static class SvgWriter
{
    private const string LinkColour = "#7a7a7a";
    private const string FailedColour = "#d62728";
    private const string PathColour = "#1f5fbf";
    private const string SwitchFill = "#2ca02c";
    private const string HostFill = "#ff9f1c";

    public static void Write(Model.Topology t, TextWriter w, SvgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(w);
        options ??= new SvgOptions();
        if (!(options.Width >= 200 && options.Height >= 150) || !double.IsFinite(options.Width) || !double.IsFinite(options.Height))
            throw new ArgumentException($"canvas {options.Width}×{options.Height} is too small; use at least 200×150", nameof(options));
        var highlights = Highlights.Resolve(t, options);

        var n = t.Switches.Count;
        var radius = n > 300 ? 2.5 : n > 100 ? 4 : n > 30 ? 6 : 8;
        var font = n > 300 ? 5 : n > 100 ? 7 : 11;
        var showLabels = options.SwitchLabels ?? n <= 300;
        const double margin = 30, titleHeight = 50, legendHeight = 40;
        var labelRoom = showLabels ? 60 : 0; // keep labels of the rightmost switches on the canvas
        var hostDistance = radius * 2.5 + 6;
        var inset = options.ShowHosts && t.Hosts.Count > 0 ? hostDistance + radius : 0; // room for hosts around edge switches
        var area = new PlotArea(margin + inset, titleHeight + margin / 2 + inset,
            Math.Max(10, options.Width - 2 * margin - labelRoom - 2 * inset), Math.Max(10, options.Height - titleHeight - legendHeight - margin - 2 * inset));
        var layout = TopologyLayout.Compute(t, area, hostDistance);

        w.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        w.WriteLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Coord(options.Width)}\" height=\"{Coord(options.Height)}\" viewBox=\"0 0 {Coord(options.Width)} {Coord(options.Height)}\" font-family=\"Helvetica, Arial, sans-serif\">");
        var title = options.Title ?? t.Name;
        w.WriteLine($"<title>{XmlText.Escape(title)}</title>");
        w.WriteLine("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        w.WriteLine($"<text x=\"{Coord(margin)}\" y=\"28\" font-size=\"20\" font-weight=\"bold\">{XmlText.Escape(title)}</text>");
        var layoutName = layout.Kind switch
        {
            LayoutKind.Geographic => "geographic",
            LayoutKind.Circular => "ring",
            _ => "force-directed",
        };
        var subtitle = $"{n} switches · {t.Links.Count} links · {t.Hosts.Count} hosts · {layoutName} layout";
        if (layout.SideStripCount > 0)
            subtitle += layout.SideStripCount == 1 ? " · 1 switch without position at right" : $" · {layout.SideStripCount} switches without position at right";
        w.WriteLine($"<text x=\"{Coord(margin)}\" y=\"44\" font-size=\"11\" fill=\"#555555\">{XmlText.Escape(subtitle)}</text>");

        WriteLinks(t, w, layout, highlights, radius);
        if (options.ShowHosts) WriteHosts(t, w, layout, radius);
        WriteSwitches(t, w, layout, highlights, radius, font, showLabels);
        WriteLegend(w, margin, options.Height - legendHeight / 2 - 4, options.ShowHosts && t.Hosts.Count > 0, highlights);
        w.WriteLine("</svg>");
    }

    public static string ToText(Model.Topology t, SvgOptions? options = null)
    {
        var w = new StringWriter { NewLine = "\n" };
        Write(t, w, options);
        return w.ToString();
    }

    private static void WriteLinks(Model.Topology t, TextWriter w, TopologyLayout layout, Highlights highlights, double radius)
    {
        // Parallel links: the k links of a switch pair bend symmetrically, so each stays visible.
        var groups = new Dictionary<(int, int), List<int>>();
        for (var l = 0; l < t.Links.Count; l++)
        {
            int a = t.IndexOfSwitch(t.Links[l].A.Node), b = t.IndexOfSwitch(t.Links[l].B.Node);
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<int>();
            list.Add(l);
        }
        var spacing = Math.Max(6, radius * 2.5);
        w.WriteLine("<g id=\"links\" fill=\"none\" stroke-linecap=\"round\">");
        // Failed and path links last, so they are drawn on top.
        foreach (var pass in new[] { 0, 1 })
        {
            foreach (var (key, members) in groups)
            {
                for (var k = 0; k < members.Count; k++)
                {
                    var l = members[k];
                    var emphasised = highlights.FailedLink[l] || highlights.PathLink[l];
                    if (emphasised != (pass == 1)) continue;
                    var link = t.Links[l];
                    var stroke = highlights.FailedLink[l] ? FailedColour : highlights.PathLink[l] ? PathColour : LinkColour;
                    var width = highlights.PathLink[l] ? 3.5 : 1.2;
                    var dash = highlights.FailedLink[l] ? " stroke-dasharray=\"6 4\"" : "";
                    var (x1, y1) = (layout.X[key.Item1], layout.Y[key.Item1]);
                    var (x2, y2) = (layout.X[key.Item2], layout.Y[key.Item2]);
                    string tag, geometry;
                    if (key.Item1 == key.Item2)
                    {
                        var r = radius * 1.6 + 2 * k;
                        tag = "circle";
                        geometry = $"cx=\"{Coord(x1)}\" cy=\"{Coord(y1 - r)}\" r=\"{Coord(r)}\"";
                    }
                    else
                    {
                        var offset = (k - (members.Count - 1) / 2.0) * spacing;
                        if (offset == 0)
                        {
                            tag = "line";
                            geometry = $"x1=\"{Coord(x1)}\" y1=\"{Coord(y1)}\" x2=\"{Coord(x2)}\" y2=\"{Coord(y2)}\"";
                        }
                        else
                        {
                            var len = Math.Max(1e-9, Math.Sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)));
                            // The curve's peak is half way to its control point, so place it at twice the offset.
                            var cx = (x1 + x2) / 2 - (y2 - y1) / len * offset * 2;
                            var cy = (y1 + y2) / 2 + (x2 - x1) / len * offset * 2;
                            tag = "path";
                            geometry = $"d=\"M {Coord(x1)} {Coord(y1)} Q {Coord(cx)} {Coord(cy)} {Coord(x2)} {Coord(y2)}\"";
                        }
                    }
                    var tip = $"{link.Id}: {link.A} – {link.B}, {Bandwidth(link.BandwidthBps)}, {Latency(link.LatencyMs)}";
                    if (highlights.FailedLink[l]) tip += " (failed)";
                    w.WriteLine($"<{tag} {geometry} data-link=\"{XmlText.Escape(link.Id)}\" stroke=\"{stroke}\" stroke-width=\"{Coord(width)}\"{dash}><title>{XmlText.Escape(tip)}</title></{tag}>");
                }
            }
        }
        w.WriteLine("</g>");
    }

    private static void WriteHosts(Model.Topology t, TextWriter w, TopologyLayout layout, double radius)
    {
        if (t.Hosts.Count == 0) return;
        var side = Math.Max(3, radius * 1.2);
        w.WriteLine("<g id=\"hosts\">");
        for (var i = 0; i < t.Hosts.Count; i++)
        {
            var h = t.Hosts[i];
            var s = t.IndexOfSwitch(h.Attachment.Node);
            var (x, y) = (layout.HostX[i], layout.HostY[i]);
            var tip = h.IPv4 is { } ip ? $"{h.Id} at {h.Attachment}, {ip}" : $"{h.Id} at {h.Attachment}";
            w.WriteLine($"<g data-host=\"{XmlText.Escape(h.Id)}\"><title>{XmlText.Escape(tip)}</title>" +
                        $"<line x1=\"{Coord(layout.X[s])}\" y1=\"{Coord(layout.Y[s])}\" x2=\"{Coord(x)}\" y2=\"{Coord(y)}\" stroke=\"{HostFill}\" stroke-width=\"0.8\"/>" +
                        $"<rect x=\"{Coord(x - side / 2)}\" y=\"{Coord(y - side / 2)}\" width=\"{Coord(side)}\" height=\"{Coord(side)}\" fill=\"{HostFill}\" stroke=\"#333333\" stroke-width=\"0.5\"/></g>");
        }
        w.WriteLine("</g>");
    }

    private static void WriteSwitches(Model.Topology t, TextWriter w, TopologyLayout layout, Highlights highlights, double radius, double font, bool labels)
    {
        w.WriteLine($"<g id=\"switches\" font-size=\"{Coord(font)}\">");
        for (var i = 0; i < t.Switches.Count; i++)
        {
            var s = t.Switches[i];
            var (x, y) = (layout.X[i], layout.Y[i]);
            var onPath = highlights.PathSwitch[i];
            var tip = s.DisplayName == s.Id ? s.Id : $"{s.DisplayName} ({s.Id})";
            if (s.Location is { } at) tip += $" @ {Number(at.Latitude)}, {Number(at.Longitude)}";
            w.Write($"<g data-switch=\"{XmlText.Escape(s.Id)}\"><title>{XmlText.Escape(tip)}</title>");
            w.Write($"<circle cx=\"{Coord(x)}\" cy=\"{Coord(y)}\" r=\"{Coord(onPath ? radius * 1.3 : radius)}\" fill=\"{SwitchFill}\" stroke=\"{(onPath ? PathColour : "#1b5e20")}\" stroke-width=\"{(onPath ? "2" : "0.8")}\"/>");
            if (labels)
                w.Write($"<text x=\"{Coord(x + radius + 2)}\" y=\"{Coord(y - radius - 1)}\">{XmlText.Escape(s.DisplayName)}</text>");
            w.WriteLine("</g>");
        }
        w.WriteLine("</g>");
    }

    private static void WriteLegend(TextWriter w, double x, double y, bool hosts, Highlights highlights)
    {
        w.WriteLine($"<g id=\"legend\" font-size=\"11\" transform=\"translate({Coord(x)} {Coord(y)})\">");
        var cursor = 0.0;
        void Item(string symbol, string text)
        {
            w.WriteLine($"<g transform=\"translate({Coord(cursor)} 0)\">{symbol}<text x=\"30\" y=\"4\">{XmlText.Escape(text)}</text></g>");
            cursor += 30 + text.Length * 6.5 + 20;
        }
        Item($"<circle cx=\"12\" cy=\"0\" r=\"6\" fill=\"{SwitchFill}\" stroke=\"#1b5e20\"/>", "switch");
        if (hosts) Item($"<rect x=\"8\" y=\"-4\" width=\"8\" height=\"8\" fill=\"{HostFill}\" stroke=\"#333333\" stroke-width=\"0.5\"/>", "host");
        Item($"<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"{LinkColour}\" stroke-width=\"1.2\"/>", "link");
        if (Array.IndexOf(highlights.FailedLink, true) >= 0)
            Item($"<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"{FailedColour}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>", "failed link");
        if (Array.IndexOf(highlights.PathSwitch, true) >= 0)
            Item($"<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"{PathColour}\" stroke-width=\"3.5\"/>", "path");
        w.WriteLine("</g>");
    }
}
