using SdnController.Controller;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Interactive;

public sealed record SessionOptions
{
    /// <summary>Seeds link loss (as `sdnctl run --seed`).</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Null = what the topology's <c>controller:</c> section asks for (<see cref="ControllerOptions.For"/>), as `sdnctl run`.</summary>
    public ControllerOptions? Controller { get; init; }
    public NetworkOptions Network { get; init; } = new();
    /// <summary>How long (network time) the controller may take to connect and install the declared flows.</summary>
    public TimeSpan SetupLimit { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long an echo request waits for its reply (plus the slowest path's round trip).</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Time between the echo requests of `ping -c N`, as Linux ping.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a command waits for the controller to react to a change or confirm rules.</summary>
    public TimeSpan ReactionLimit { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The controller counts as done when it reported nothing for this long.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Most echo requests in flight at once during `pingall` (ping ids are 15 bits).</summary>
    public int MaxPingsInFlight { get; init; } = 4096;
}
