namespace SdnController.Paths.Algorithms;

/// <summary>Two disjoint paths between the same endpoints; <see cref="Primary"/> is the smaller under <see cref="GraphPath.Compare"/>.</summary>
public sealed class DisjointPair
{
    public DisjointPair(GraphPath primary, GraphPath backup)
    {
        Primary = primary;
        Backup = backup;
    }

    public GraphPath Primary { get; }
    public GraphPath Backup { get; }
    public double TotalCost => Primary.Cost + Backup.Cost;
}
