using SdnController.Controller.Planning;
using SdnController.Controller.Routing;

namespace SdnController.Controller.Flows;

/// <summary>
/// Chooses per flow between the ordered update and the version-tagged two-phase update (Reitblatt et al.,
/// "Abstractions for Network Update", SIGCOMM 2012): the ordered one when it is provably per-packet
/// consistent, the two-phase one otherwise.
/// </summary>
/// <remarks>
/// <para><b>Safety condition.</b> Call a switch on both the old and the new path <i>changed</i> for a flow
/// direction when its output for that direction differs between the two paths. The ordered update is
/// per-packet consistent when, in each direction, <b>at most one switch is changed</b> (or either path is
/// absent).</para>
/// <para>Why: paths are simple and both start at the same ingress switch (the source host's), so walking
/// the new path from the ingress, every switch up to the first changed one, d, forwards as on the old path
/// — the two paths share that prefix. With d the only changed switch, every switch after d on the new path
/// is either new to the flow (its rule is an add, installed and confirmed by a barrier in phase 1, before
/// d's replace in phase 2) or on the old path with the same output (its rule serves both versions
/// unchanged). So a packet that meets d before the replace follows the old path entirely (its rules stay
/// until phase 3, after the drain; no old-path switch's rule changed except d's, which it met before the
/// change), and one that meets d after it follows the new path entirely. With two changed switches (a
/// detour that rejoins and leaves the old path again, or one through shared switches in another order)
/// their replaces land in the same phase, and a packet can meet one switch before its change and another
/// after: it mixes the versions and can loop.</para>
/// <para>The condition depends only on the two paths, so it costs one scan of them per moved flow, and it
/// holds for every single link or switch failure under unique shortest paths (the new path can only differ
/// from the old one in the segment around the failure); it fails for changes of several links at once and
/// for ties broken differently.</para>
/// </remarks>
public static class UpdateMethodChooser
{
    /// <summary>The method a flow moving from <paramref name="old"/> to <paramref name="next"/> needs.</summary>
    public static UpdateMethod Choose(FlowPath? old, FlowPath? next, bool bidirectional)
    {
        if (old is null || next is null) return UpdateMethod.Ordered;
        var positions = old.Length <= 128 ? stackalloc int[old.Length] : new int[old.Length];
        return MethodFor(ChangedSwitches(old, next, bidirectional, positions));
    }

    /// <summary>The method for a flow whose move changes this many switches on both paths (in its worse direction).</summary>
    public static UpdateMethod MethodFor(int changedSwitches) => changedSwitches <= 1 ? UpdateMethod.Ordered : UpdateMethod.TwoPhase;

    /// <summary>
    /// The number of changed switches (on both paths, output differs) of the worse direction. Fills
    /// <paramref name="positionsInNext"/>[k] with the old path's k-th switch's position on the new path, or -1,
    /// so the caller can release the old rules without searching again.
    /// </summary>
    public static int ChangedSwitches(FlowPath old, FlowPath next, bool bidirectional, Span<int> positionsInNext)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(next);
        int forward = 0, reverse = 0;
        var nextSwitches = next.Switches.AsSpan();
        for (var k = 0; k < old.Length; k++)
        {
            var j = positionsInNext[k] = nextSwitches.IndexOf(old.Switches[k]);
            if (j < 0) continue;
            int oldIn = old.InPorts[k], oldOut = old.OutPorts[k], newIn = next.InPorts[j], newOut = next.OutPorts[j];
            if (RulePlanner.OutputPort(oldIn, oldOut) != RulePlanner.OutputPort(newIn, newOut)) forward++;
            if (bidirectional && RulePlanner.OutputPort(oldOut, oldIn) != RulePlanner.OutputPort(newOut, newIn)) reverse++;
        }
        return Math.Max(forward, reverse);
    }
}
