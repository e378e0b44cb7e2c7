namespace SdnController.Topology.Zoo;

/// <summary>Choices the Zoo files cannot state themselves.</summary>
public sealed record ZooImportOptions
{
    /// <summary>Hosts generated on every switch (0: none). See <see cref="Building.GeneratedHosts"/>.</summary>
    public int HostsPerSwitch { get; init; }

    public static readonly ZooImportOptions Default = new();
}
