using System.Diagnostics;

namespace SdnController.Cli.Tests;

/// <summary>Runs the real <c>sdnctl</c> (built next to the tests) as a separate process, as users and scripts do.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunWithEnvironment(new Dictionary<string, string>(), args);

    /// <summary>Like <see cref="Run"/>, with <paramref name="stdin"/> as the process's redirected standard input (then closed).</summary>
    public static Result RunWithInput(string stdin, params string[] args) => Start(new Dictionary<string, string>(), stdin, args);

    /// <summary>Like <see cref="Run"/>, with extra environment variables for the process.</summary>
    public static Result RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) => Start(environment, null, args);

    private static Result Start(IReadOnlyDictionary<string, string> environment, string? stdin, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "sdnctl.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = SdnController.Testing.SharedData.RepositoryRoot,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"sdnctl {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Path of a file under the repository (e.g. "topologies/ring-6.yaml").</summary>
    public static string Repo(string relative) => Path.Combine(SdnController.Testing.SharedData.RepositoryRoot, relative);
}
