namespace SdnController.Controller.Nfv;

/// <summary>How the controller manages network function instances (<see cref="FunctionActor"/>).</summary>
public sealed record NfvOptions
{
    /// <summary>
    /// A push with no <c>FunctionConfigured</c> after this long is sent again (a request to a hung instance, or
    /// its reply, is lost). Doubled after each timeout of the same push, up to <see cref="MaxConfigureTimeout"/>.
    /// </summary>
    public TimeSpan ConfigureTimeout { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan MaxConfigureTimeout { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A counters request with no reply after this long is reported as unavailable.</summary>
    public TimeSpan CountersTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
}
