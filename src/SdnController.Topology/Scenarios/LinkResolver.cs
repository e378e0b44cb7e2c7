using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Turns what an event names as a link into the topology's link id: the id itself, or "x-y" for the
/// one link between switches x and y, in either order. An id always wins, so with parallel links
/// "s1-s2" is the link of that id and only "s2-s1" is ambiguous.
/// </summary>
internal static class LinkResolver
{
    /// <summary>The link id, or null after reporting an error at <paramref name="s"/>.</summary>
    public static string? Resolve(YScalar s, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var name = s.Value.Trim();
        if (!refs.IsChecked || refs.IsLink(name)) return name;

        // Switch ids may contain '-' themselves ("core-1"), so try every split into two switch ids.
        var matches = new List<Link>();
        string? pairA = null, pairB = null;
        for (var dash = name.IndexOf('-'); dash > 0; dash = name.IndexOf('-', dash + 1))
        {
            var a = name[..dash];
            var b = name[(dash + 1)..];
            if (!refs.IsSwitch(a) || !refs.IsSwitch(b)) continue;
            pairA ??= a;
            pairB ??= b;
            foreach (var link in refs.Topology!.Links)
                if (link.Connects(a, b) && !matches.Contains(link)) matches.Add(link);
        }
        switch (matches.Count)
        {
            case 1:
                return matches[0].Id;
            case > 1:
                diagnostics.Error(s.Location,
                    $"link '{name}' is ambiguous: {matches.Count} links join those switches ({string.Join(", ", matches.Select(l => l.Id))}); name one by its id");
                return null;
        }
        if (pairA is not null)
            diagnostics.Error(s.Location, $"no link joins switches '{pairA}' and '{pairB}'");
        else
            diagnostics.Error(s.Location, $"unknown link '{name}'{DidYouMean.Hint(name, refs.LinkIds)}; name a link by its id or as 'switch-switch'");
        return null;
    }
}
