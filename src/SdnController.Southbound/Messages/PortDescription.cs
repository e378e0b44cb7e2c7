using SdnController.Southbound.Matching;

namespace SdnController.Southbound.Messages;

/// <summary>A switch port as the switch reports it. LinkUp is the carrier state the port sees.</summary>
public sealed record PortDescription(int PortNo, MacAddress HardwareAddress, string Name, bool LinkUp)
{
    /// <summary>Bits per second of the attached link (0 when unknown).</summary>
    public double SpeedBps { get; init; }
}
