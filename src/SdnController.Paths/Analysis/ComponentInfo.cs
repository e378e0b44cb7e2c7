namespace SdnController.Paths.Analysis;

/// <summary>One connected part of the switch graph: its switches (topology order) and hosts attached to them.</summary>
public sealed record ComponentInfo(IReadOnlyList<string> SwitchIds, int HostCount)
{
    public int Size => SwitchIds.Count;
}
