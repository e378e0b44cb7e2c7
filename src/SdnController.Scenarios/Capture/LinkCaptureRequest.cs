using SdnController.Topology.Diagnostics;

namespace SdnController.Scenarios.Capture;

/// <summary>
/// What `sdnctl run --capture` asks for: the links to tap — switch-to-switch links by their topology id, a host's
/// access link by the host id, or <see cref="All"/> for every one of them — and the directory the pcaps go to.
/// </summary>
public sealed record LinkCaptureRequest(IReadOnlyList<string> Links, string Directory)
{
    /// <summary>The word that selects every switch-to-switch and host access link.</summary>
    public const string All = "all";
    /// <summary>Where the files go when no directory is given.</summary>
    public const string DefaultDirectory = "out/capture";
    /// <summary>More files than this would be open at once: refused rather than running out of file handles.</summary>
    public const int MaxLinks = 1000;

    /// <summary>"l1,l2" (spaces ignored, repeats collapsed) into a request; null with <paramref name="error"/> set when empty.</summary>
    public static LinkCaptureRequest? Parse(string spec, string? directory, out string? error)
    {
        var ids = new List<string>();
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (!ids.Contains(part, StringComparer.Ordinal)) ids.Add(part);
        error = ids.Count == 0 ? "--capture needs at least one link id (or 'all')" : null;
        return error is null ? new LinkCaptureRequest(ids, directory ?? DefaultDirectory) : null;
    }

    /// <summary>
    /// The link ids to tap, in topology order (switch links, then host access links), or null with
    /// <paramref name="error"/> saying which id is unknown and what the nearest known one is.
    /// </summary>
    public IReadOnlyList<string>? Resolve(Topology.Model.Topology topology, out string? error)
    {
        error = null;
        var known = new List<string>(topology.Links.Count + topology.Hosts.Count);
        foreach (var l in topology.Links) known.Add(l.Id);
        foreach (var h in topology.Hosts) known.Add(h.Id);
        var knownSet = new HashSet<string>(known, StringComparer.Ordinal);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in Links)
        {
            if (id == All)
            {
                selected.UnionWith(known);
                continue;
            }
            if (!knownSet.Contains(id))
            {
                error = $"--capture: unknown link '{id}'{DidYouMean.Hint(id, known)}; links are named by their topology id " +
                        $"(switch links: {Sample(topology.Links.Select(l => l.Id))}), a host's access link by the host id, or 'all'";
                return null;
            }
            selected.Add(id);
        }
        if (selected.Count > MaxLinks)
        {
            error = $"--capture would write {selected.Count} files; at most {MaxLinks} links can be captured in one run";
            return null;
        }
        var ordered = new List<string>(selected.Count);
        foreach (var id in known) if (selected.Contains(id)) ordered.Add(id);
        return ordered;
    }

    private static string Sample(IEnumerable<string> ids)
    {
        var list = ids.Take(6).ToList();
        if (list.Count == 0) return "none";
        return string.Join(", ", list) + (ids.Skip(6).Any() ? ", ..." : "");
    }
}
