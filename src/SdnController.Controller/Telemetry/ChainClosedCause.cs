namespace SdnController.Controller.Telemetry;

/// <summary>
/// Why a chained flow fails closed, as a few fixed names: the <c>sdn.nfv.chain.reason</c> tag of the
/// <c>sdn.nfv.chain.closed</c> metric and span. The full text (which function, standby or not) stays in the
/// alert's reason and the span's <c>sdn.nfv.chain.detail</c>, never in a metric tag.
/// </summary>
public static class ChainClosedCause
{
    /// <summary>A function of the chain is down and no standby is usable.</summary>
    public const string FunctionDown = "function-down";
    /// <summary>No working links reach a function (or its standby) from the previous waypoint.</summary>
    public const string FunctionUnreachable = "function-unreachable";
    /// <summary>A function's attachment switch is not in the controller's view.</summary>
    public const string FunctionUnattached = "function-unattached";
    /// <summary>The last function cannot reach the destination host.</summary>
    public const string DestinationUnreachable = "destination-unreachable";
    /// <summary>The chain names an instance the topology does not have.</summary>
    public const string UnknownFunction = "unknown-function";
    /// <summary>More functions than the chain tags have segments for.</summary>
    public const string TooLong = "too-long";
}
