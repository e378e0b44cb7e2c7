using SdnController.Controller;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios;

public sealed record RunOptions
{
    /// <summary>Virtual time (deterministic, fast) or real time (interactive).</summary>
    public bool VirtualTime { get; init; } = true;
    /// <summary>Run length after the network is ready; null = the scenario's duration, else <see cref="DefaultDuration"/>.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Null = the scenario's seed, else 1.</summary>
    public int? Seed { get; init; }
    /// <summary>Null = what the topology's <c>controller:</c> section asks for (<see cref="ControllerOptions.For"/>).</summary>
    public ControllerOptions? Controller { get; init; }
    public NetworkOptions Network { get; init; } = new();
    /// <summary>After traffic stops, how long the run goes on so packets in flight arrive.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>How long (run time) the controller may take to connect and install the declared flows.</summary>
    public TimeSpan SetupLimit { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long a ping of an `expect` check waits for its reply.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Most host pairs a `connected pairs reach` check pings (a seeded sample beyond that).</summary>
    public int MaxExpectPairs { get; init; } = 400;
    /// <summary>Links to write a pcap for (`--capture`); null = no tap at all.</summary>
    public Capture.LinkCaptureRequest? Capture { get; init; }

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);
}
