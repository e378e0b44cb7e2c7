using SdnController.Topology.Model.Nfv;
using SdnController.Verification.Dump;

namespace SdnController.Verification.Walking;

/// <summary>
/// The forwarding state the walk reads: the dump's switches, which ports lead to network functions (from the
/// topology's wiring, as the dump does not list them), and which links are taken down on top of the dump.
/// </summary>
public sealed class DataPlane
{
    private readonly Dictionary<string, DumpSwitch> _switches = new();
    private readonly Dictionary<(string, int), NfvInstance> _functions = new();
    private readonly HashSet<string> _downLinks;

    public FlowDump Dump { get; }

    public DataPlane(FlowDump dump, IReadOnlyList<NfvInstance> functions, IEnumerable<string> downLinks)
    {
        Dump = dump;
        foreach (var s in dump.Switches) _switches[s.Id] = s;
        foreach (var f in functions) _functions[(f.Attachment.Node, f.Attachment.Port)] = f;
        _downLinks = new HashSet<string>(downLinks);
    }

    public DumpSwitch? Switch(string id) => _switches.TryGetValue(id, out var s) ? s : null;

    public NfvInstance? FunctionAt(string sw, int port) => _functions.TryGetValue((sw, port), out var f) ? f : null;

    public bool IsLinkForcedDown(string? link) => link is not null && _downLinks.Contains(link);

    /// <summary>The carrier a fast-failover group watches: a link taken down by <c>--down</c> is a loud failure.</summary>
    public bool IsWatchLive(DumpSwitch sw, int port) =>
        port < 0 || (sw.Ports.TryGetValue(port, out var p) && p.Up && !IsLinkForcedDown(p.Link));

    /// <summary>Does a frame sent out of this port arrive somewhere? False for silent failures too.</summary>
    public bool Carries(DumpPort p) => p.Up && (p.Link is null || (p.LinkUp && !IsLinkForcedDown(p.Link)));
}
