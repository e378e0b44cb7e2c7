using System.Globalization;

namespace SdnController.RealHosts;

/// <summary>
/// The Linux names a real host gets: network namespace <c>sdn-h1</c> and, in the root namespace, the veth
/// end the virtual switch opens, also <c>sdn-h1</c> (inside the namespace the other end is <c>eth0</c>).
/// Deterministic, so a run after a crash finds (and removes) what the crashed run left, and the prefix marks
/// them as this tool's.
/// </summary>
public readonly record struct RealHostNames(string HostId, string Namespace, string Veth)
{
    public const string DefaultPrefix = "sdn-";
    /// <summary>The interface inside the namespace.</summary>
    public const string InnerInterface = "eth0";
    /// <summary>Linux interface names have at most 15 characters (IFNAMSIZ - 1).</summary>
    public const int MaxInterfaceName = 15;

    public static RealHostNames For(string hostId, string prefix = DefaultPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostId);
        CheckPrefix(prefix);
        // Host ids that are not plain file/interface names (or too long for an interface) get a stable hash instead.
        var plain = IsPlain(hostId);
        var hash = Fnv1a(hostId).ToString("x8", CultureInfo.InvariantCulture);
        var ns = plain ? prefix + hostId : prefix + hash;
        var veth = plain && prefix.Length + hostId.Length <= MaxInterfaceName ? prefix + hostId : prefix + hash;
        if (veth.Length > MaxInterfaceName) veth = veth[..MaxInterfaceName];
        return new RealHostNames(hostId, ns, veth);
    }

    /// <summary>A prefix short enough to leave room for a hash in an interface name, made of name characters.</summary>
    public static void CheckPrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > 6 || !IsPlain(prefix))
            throw new ArgumentException($"real host name prefix '{prefix}' must be 1 to 6 characters of letters, digits, '-', '_' or '.'");
    }

    private static bool IsPlain(string s)
    {
        if (s is "." or "..") return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        return true;
    }

    private static uint Fnv1a(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h ^= c;
            h *= 16777619u;
        }
        return h;
    }
}
