namespace SdnController.Topology.Diagnostics;

/// <summary>Lets a loader tell whether *it* reported errors when the bag is shared across several files.</summary>
public static class DiagnosticBagExtensions
{
    public static int ErrorCount(this DiagnosticBag bag)
    {
        var n = 0;
        var items = bag.Items;
        for (var i = 0; i < items.Count; i++)
            if (items[i].Severity == Severity.Error) n++;
        return n;
    }
}
