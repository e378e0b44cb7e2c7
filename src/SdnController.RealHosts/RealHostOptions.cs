namespace SdnController.RealHosts;

public sealed record RealHostOptions
{
    /// <summary>Start of every namespace and veth name (<c>sdn-h1</c>); 1 to 6 name characters.</summary>
    public string Prefix { get; init; } = RealHostNames.DefaultPrefix;
    /// <summary>Where the records of which namespaces this tool created live (see <see cref="OwnershipRecords"/>).</summary>
    public string RecordsDirectory { get; init; } = OwnershipRecords.DefaultDirectory;
}
