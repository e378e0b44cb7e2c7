namespace SdnController.Topology.Rendering;

/// <summary>
/// Highlight options resolved to link and switch indices, with every unknown id reported at once.
/// A path step between switches joined by several links uses the lowest-index link that has not
/// failed (or the lowest-index one if all have).
/// </summary>
internal sealed class Highlights
{
    private Highlights(bool[] failed, bool[] pathLink, bool[] pathSwitch)
    {
        FailedLink = failed;
        PathLink = pathLink;
        PathSwitch = pathSwitch;
    }

    public bool[] FailedLink { get; }
    public bool[] PathLink { get; }
    public bool[] PathSwitch { get; }

    /// <exception cref="ArgumentException">An id is unknown or a path step has no link; the message lists every problem.</exception>
    public static Highlights Resolve(Model.Topology t, HighlightOptions? options)
    {
        var failed = new bool[t.Links.Count];
        var pathLink = new bool[t.Links.Count];
        var pathSwitch = new bool[t.Switches.Count];
        var errors = new List<string>();
        if (options?.FailedLinks is { } failedIds)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var l = 0; l < t.Links.Count; l++) index[t.Links[l].Id] = l;
            foreach (var id in failedIds.OrderBy(s => s, StringComparer.Ordinal))
            {
                if (index.TryGetValue(id, out var l)) failed[l] = true;
                else errors.Add($"failed link '{id}' is not a link of topology '{t.Name}'");
            }
        }
        if (options?.HighlightPath is { } path)
        {
            for (var k = 0; k < path.Count; k++)
            {
                var s = t.IndexOfSwitch(path[k]);
                if (s < 0) { errors.Add($"path switch '{path[k]}' is not a switch of topology '{t.Name}'"); continue; }
                pathSwitch[s] = true;
                if (k == 0 || t.IndexOfSwitch(path[k - 1]) < 0) continue;
                var chosen = -1;
                for (var l = 0; l < t.Links.Count; l++)
                {
                    if (!t.Links[l].Connects(path[k - 1], path[k]) || path[k - 1] == path[k]) continue;
                    if (chosen < 0 || (failed[chosen] && !failed[l])) chosen = l;
                    if (!failed[chosen]) break;
                }
                if (chosen < 0) errors.Add($"path step {path[k - 1]} → {path[k]} has no link");
                else pathLink[chosen] = true;
            }
        }
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        return new Highlights(failed, pathLink, pathSwitch);
    }
}
