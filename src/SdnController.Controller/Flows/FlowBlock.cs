using System.Collections.Immutable;
using SdnController.Controller.Nfv;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Flows;

/// <summary>
/// One IDS block in force: the flow it drops, the drop rules' slots in the desired rule table (released when the
/// block ends), and its expiry timer when the IDS gave it a lifetime.
/// </summary>
internal sealed class FlowBlock(long id, ulong cookie, BlockFlow source, TimeSpan since, TimeSpan? expiresAt)
{
    public long Id { get; } = id;
    public ulong Cookie { get; } = cookie;
    public BlockFlow Source { get; } = source;
    public TimeSpan Since { get; } = since;
    public TimeSpan? ExpiresAt { get; } = expiresAt;
    public List<RuleSlot> Slots { get; } = new(2);
    public ImmutableArray<string> Switches { get; set; } = ImmutableArray<string>.Empty;
    public IScheduledWork? Timer { get; set; }
}
