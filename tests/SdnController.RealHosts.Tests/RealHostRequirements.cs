namespace SdnController.RealHosts.Tests;

/// <summary>Real-host tests need root, `ip netns` and the programs they run; otherwise they are skipped, saying why.</summary>
internal static class RealHostRequirements
{
    public static void Require(params string[] programs)
    {
        if (RealHostSet.Unavailable() is { } why) Assert.Ignore($"real-host test skipped: {why}");
        foreach (var p in programs)
            if (FindOnPath(p) is null) Assert.Ignore($"real-host test skipped: '{p}' is not installed (tools/setup.sh installs it)");
    }

    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
            if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }
}
