namespace SdnController.Controller.Planning;

public enum FlowDirection { Forward = 0, Reverse = 1 }

/// <summary>
/// Cookie of a flow direction's rules: <c>(flowNumber &lt;&lt; 1) | direction</c>, flowNumber ≥ 1.
/// Every rule of one flow direction carries the same cookie on every switch, so a switch dump can be
/// mapped back to flows. Flow cookies stay below 2^56, clear of the top byte where the switch actor
/// keeps its reserved cookies (0xC0…); flow numbers are capped accordingly.
/// </summary>
public static class FlowCookie
{
    public const long MaxFlowNumber = (1L << 55) - 1;

    public static ulong Of(long flowNumber, FlowDirection direction)
    {
        if (flowNumber < 1 || flowNumber > MaxFlowNumber)
            throw new ArgumentOutOfRangeException(nameof(flowNumber), flowNumber, $"flow numbers run 1..{MaxFlowNumber}");
        return ((ulong)flowNumber << 1) | (ulong)direction;
    }

    /// <summary>True for a cookie this scheme can produce (so not a switch-actor base rule).</summary>
    public static bool IsFlowCookie(ulong cookie) => cookie >> 56 == 0 && cookie >> 1 != 0;

    public static long FlowNumberOf(ulong cookie) => (long)(cookie >> 1);
    public static FlowDirection DirectionOf(ulong cookie) => (FlowDirection)(cookie & 1);
}
