namespace SdnController.Nfv.Functions;

/// <summary>Packets into, out of and dropped by one function or one of its rules.</summary>
public sealed class PacketCounters
{
    public long In;
    public long Out;
    public long Dropped;

    public override string ToString() => $"in {In}, out {Out}, dropped {Dropped}";
}

/// <summary>
/// A function's counters: the whole function, and each of its rules (named as the function lists them:
/// firewall rules and "default", NAT "snat" and its forwards, backends, rate rules, signatures).
/// Replaced on reconfiguration when the rules change; the totals carry on.
/// </summary>
public sealed class NfvCounters
{
    public NfvCounters(IReadOnlyList<string> ruleNames)
    {
        RuleNames = ruleNames;
        Rules = new PacketCounters[ruleNames.Count];
        for (var i = 0; i < Rules.Length; i++) Rules[i] = new PacketCounters();
    }

    public PacketCounters Total { get; } = new();
    public IReadOnlyList<string> RuleNames { get; }
    public PacketCounters[] Rules { get; }

    internal NfvCounters WithRules(IReadOnlyList<string> ruleNames)
    {
        var next = new NfvCounters(ruleNames);
        next.Total.In = Total.In;
        next.Total.Out = Total.Out;
        next.Total.Dropped = Total.Dropped;
        return next;
    }

    /// <summary>Counts one frame's verdict, against the deciding rule when there is one.</summary>
    internal void Count(in NfvVerdict verdict)
    {
        var drop = verdict.Action == NfvAction.Drop;
        Total.In++;
        if (drop) Total.Dropped++;
        else Total.Out++;
        if ((uint)verdict.Rule >= (uint)Rules.Length) return;
        var r = Rules[verdict.Rule];
        r.In++;
        if (drop) r.Dropped++;
        else r.Out++;
    }
}
