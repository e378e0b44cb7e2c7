namespace SdnController.Controller.Switches;

/// <summary>Timer message: apply the logged confirmations (see <see cref="ConfirmedRules"/>).</summary>
internal sealed class FlushConfirmedRules
{
    public static readonly FlushConfirmedRules Instance = new();
}
