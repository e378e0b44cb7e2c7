using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>An installed rule with its counters. Identity inside the table is (priority, match).</summary>
public sealed class FlowEntry
{
    internal FlowEntry(FlowRule rule, TimeSpan installedAt, long sequence, Subtable subtable, FlowKey key)
    {
        Rule = rule;
        Priority = rule.Priority;
        InstalledAt = installedAt;
        LastUsed = installedAt;
        Sequence = sequence;
        Subtable = subtable;
        Key = key;
    }

    public FlowRule Rule { get; internal set; }

    /// <summary>
    /// The configuration version the rule carries (recorded per hop, see <see cref="Packets.HopRule"/>): the VLAN
    /// id it matches, else the VLAN id it pushes, else 0 (a rule of an untagged configuration). Computed when
    /// asked, not kept: a large fabric holds half a million entries and only traffic packets ask.
    /// </summary>
    public int Version => VersionOf(Rule);
    public ulong Packets { get; private set; }
    public ulong Bytes { get; private set; }
    public TimeSpan InstalledAt { get; }
    /// <summary>When a packet last hit the entry (the install time until then); drives the idle timeout.</summary>
    public TimeSpan LastUsed { get; private set; }

    /// <summary>Cached from Rule so the lookup loop reads a field, not a record property chain.</summary>
    internal readonly int Priority;
    /// <summary>Install order: among equal priorities the earlier entry wins.</summary>
    internal readonly long Sequence;
    internal readonly Subtable Subtable;
    internal readonly FlowKey Key;
    /// <summary>The next entry with the same masked key in its subtable (worse priority); usually null.</summary>
    internal FlowEntry? NextSameKey;

    internal static int VersionOf(FlowRule rule)
    {
        if (rule.Match.Vlan is { Untagged: false } vlan) return vlan.VlanId;
        if (rule.Actions.IsDefaultOrEmpty) return 0;
        foreach (var a in rule.Actions)
            if (a is PushVlanAction push) return push.VlanId;
        return 0;
    }

    internal bool HasTimeout => Rule.IdleTimeout > TimeSpan.Zero || Rule.HardTimeout > TimeSpan.Zero;

    internal void Hit(int bytes, TimeSpan now)
    {
        Packets++;
        Bytes += (ulong)bytes;
        LastUsed = now;
    }

    /// <summary>The earliest moment a timeout fires, or null when the entry never expires.</summary>
    internal TimeSpan? Deadline
    {
        get
        {
            TimeSpan? deadline = null;
            if (Rule.IdleTimeout > TimeSpan.Zero) deadline = LastUsed + Rule.IdleTimeout;
            if (Rule.HardTimeout > TimeSpan.Zero)
            {
                var hard = InstalledAt + Rule.HardTimeout;
                if (deadline is null || hard < deadline) deadline = hard;
            }
            return deadline;
        }
    }

    public override string ToString() => $"{Rule} n_packets={Packets},n_bytes={Bytes}";
}
