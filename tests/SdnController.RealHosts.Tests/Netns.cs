using System.Diagnostics;

namespace SdnController.RealHosts.Tests;

/// <summary>Runs programs inside the namespaces a test created (`ip netns exec NS ...`), and looks at what exists.</summary>
internal static class Netns
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Exec(string ns, TimeSpan timeout, params string[] command)
    {
        using var p = Start(ns, command);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        return new Result(p.HasExited ? p.ExitCode : -1, stdout.Result, stderr.Result);
    }

    public static Process Start(string ns, params string[] command)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("netns");
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(ns);
        foreach (var c in command) psi.ArgumentList.Add(c);
        return Process.Start(psi)!;
    }

    public static bool NamespaceExists(string ns) => File.Exists(Path.Combine("/run/netns", ns));
    public static bool InterfaceExists(string name) => Directory.Exists(Path.Combine("/sys/class/net", name));
}
