namespace SdnController.Verification.Walking;

/// <summary>
/// One hop of a walk: the packet entered <see cref="Switch"/> on <see cref="InPort"/> and was sent out of
/// <see cref="OutPort"/> (-1 when it went nowhere). <see cref="Rule"/> is the dump line of the rule it hit (0: none).
/// </summary>
public readonly record struct WalkStep(string Switch, int InPort, int OutPort, int Rule)
{
    public override string ToString() => OutPort >= 0 ? $"{Switch}:{InPort}>{OutPort}" : $"{Switch}:{InPort}>x";
}
