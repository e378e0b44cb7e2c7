using SdnController.Paths.Algorithms;

namespace SdnController.Paths.Protection;

/// <summary>
/// The backup of one hop of a primary path: the path from the hop's switch to the primary's destination
/// that packets take when the hop's link (Hop-th link of the primary) fails, or none with the reason.
/// </summary>
public sealed class HopBackup
{
    private HopBackup(int hop, BackupKind kind, bool coversSwitch, GraphPath? path, string? reason)
    {
        Hop = hop;
        Kind = kind;
        CoversSwitch = coversSwitch;
        Path = path;
        Reason = reason;
    }

    public static HopBackup Of(int hop, BackupKind kind, bool coversSwitch, GraphPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (kind == BackupKind.None) throw new ArgumentException("a backup path has a kind other than None", nameof(kind));
        return new HopBackup(hop, kind, coversSwitch, path, null);
    }

    public static HopBackup Unprotected(int hop, string reason) => new(hop, BackupKind.None, false, null, reason);

    /// <summary>Index of the protected link on the primary (it joins primary nodes Hop and Hop + 1).</summary>
    public int Hop { get; }
    public BackupKind Kind { get; }
    /// <summary>True when the backup also avoids the primary's next switch, so it survives that switch failing.</summary>
    public bool CoversSwitch { get; }
    /// <summary>From the hop's switch to the primary's last switch; null when <see cref="Kind"/> is None.</summary>
    public GraphPath? Path { get; }
    /// <summary>Why the hop has no backup; null when it has one.</summary>
    public string? Reason { get; }
    public bool IsProtected => Path is not null;

    public override string ToString() => Path is { } p ? $"hop {Hop}: {Kind}{(CoversSwitch ? "+switch" : "")} {p}" : $"hop {Hop}: none ({Reason})";
}
