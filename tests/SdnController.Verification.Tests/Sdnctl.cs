using System.Collections.Concurrent;
using System.Diagnostics;
using SdnController.Testing;

namespace SdnController.Verification.Tests;

/// <summary>Runs the real sdnctl built next to the tests; caches the dumps of real runs for the whole test run.</summary>
public static class Sdnctl
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly ConcurrentDictionary<string, Lazy<string>> Dumps = new();

    public static string Repo(string relative) => Path.Combine(SharedData.RepositoryRoot, relative);

    public static Result Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sdnctl.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"sdnctl {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The flow dump at the end of <c>sdnctl run TOPO [--scenario S]</c>, made once per test run.</summary>
    public static string DumpOf(string topology, string? scenario = null) =>
        Dumps.GetOrAdd(topology + "|" + scenario, _ => new Lazy<string>(() =>
        {
            var dump = Path.Combine(Path.GetTempPath(), $"sdnctl-verify-{Guid.NewGuid():N}.json");
            var args = new List<string> { "run", Repo(topology), "--dump-flows", dump };
            if (scenario is not null) args.AddRange(["--scenario", Repo(scenario)]);
            var r = Run(args.ToArray());
            Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
            return dump;
        })).Value;
}
