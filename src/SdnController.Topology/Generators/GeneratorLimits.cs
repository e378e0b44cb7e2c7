namespace SdnController.Topology.Generators;

/// <summary>
/// Parameter checks shared by the generators. Bad parameters throw <see cref="ArgumentException"/>
/// whose message is a complete sentence fragment the CLI prints as an error line, so no parameter
/// name suffix is attached.
/// </summary>
internal static class GeneratorLimits
{
    /// <summary>Well past any network the controller handles, but stops a typo (k=4000) before it eats the memory.</summary>
    public const long MaxSwitches = 1_000_000;
    public const long MaxLinks = 10_000_000;

    public static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }

    public static void CheckSize(string what, long switches, long links, long hosts)
    {
        Require(switches <= MaxSwitches, $"{what} would have {switches} switches; at most {MaxSwitches} are supported");
        Require(links <= MaxLinks, $"{what} would have {links} links; at most {MaxLinks} are supported");
        HostNumbering.CheckCapacity(hosts, what);
    }
}
