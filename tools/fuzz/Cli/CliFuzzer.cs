using System.Diagnostics;
using System.Text;
using SdnController.Fuzz.Common;

namespace SdnController.Fuzz.Cli;

/// <summary>
/// The CLI campaign: scripts of garbage lines into <c>sdnctl shell TOPO</c> (stdin) and random argv into
/// <c>sdnctl</c>, each a real process in a scratch folder holding a copy of topologies/ (so nothing the garbage
/// names as an output file lands in the repository). Every run must end within the limit with exit code 0, 1 or 2
/// and no stack trace on either stream.
/// </summary>
public sealed class CliFuzzer
{
    private static readonly int[] DefinedExitCodes = [0, 1, 2];
    private readonly string _sdnctl;
    private readonly string _outDir;

    public CliFuzzer(string sdnctlDll, string outDir)
    {
        _sdnctl = sdnctlDll;
        _outDir = outDir;
    }

    public int LinesPerShell { get; init; } = 50;
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>sdnctl.dll built next to this tool (the tool references the CLI project).</summary>
    public static string DefaultSdnctl() => Path.Combine(AppContext.BaseDirectory, "sdnctl.dll");

    public string ShellScript(int seed, long run)
    {
        var rng = FuzzRng.For(seed, run, stream: 1);
        var sb = new StringBuilder();
        for (var i = 0; i < LinesPerShell; i++) sb.Append(CliGarbage.ShellLine(rng)).Append('\n');
        return sb.ToString();
    }

    public string[] ArgvCase(int seed, long run) => CliGarbage.Argv(FuzzRng.For(seed, run, stream: 2));

    public CliFuzzReport Run(int seed, long shellLines, int argvRuns, Action<string>? progress = null)
    {
        if (!File.Exists(_sdnctl)) throw new FileNotFoundException($"sdnctl.dll not found at {_sdnctl}; build src/SdnController.Cli first");
        var report = new CliFuzzReport();
        var total = Stopwatch.StartNew();
        var scratch = Path.Combine(Path.GetTempPath(), $"sdnfuzz-cli-{Environment.ProcessId}");
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "topologies"), Path.Combine(scratch, "topologies"));
        try
        {
            var shellRuns = (shellLines + LinesPerShell - 1) / LinesPerShell;
            for (long r = 0; r < shellRuns; r++)
            {
                var script = ShellScript(seed, r);
                var result = Start(scratch, script, ["shell", "topologies/ring-6.yaml"]);
                report.ShellRuns++;
                report.ShellLines += LinesPerShell;
                Judge(report, seed, r, "shell", result, Encoding.UTF8.GetBytes(script), ".txt");
                progress?.Invoke($"cli: shell run {r + 1}/{shellRuns} exit {result.ExitCode}");
            }
            for (long r = 0; r < argvRuns; r++)
            {
                var argv = ArgvCase(seed, r);
                var result = Start(scratch, "", argv);
                report.ArgvRuns++;
                Judge(report, seed, r, "argv", result, Encoding.UTF8.GetBytes(string.Join('\n', argv)), ".argv");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        report.Elapsed = total.Elapsed;
        return report;
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    private void Judge(CliFuzzReport report, int seed, long run, string what, ProcessResult r, byte[] input, string ext)
    {
        report.ExitCodes[r.ExitCode] = report.ExitCodes.GetValueOrDefault(r.ExitCode) + 1;
        string? problem = null;
        if (r.TimedOut)
        {
            report.Hangs++;
            problem = $"did not finish in {Limit.TotalSeconds:0} s";
        }
        else if (HasStackTrace(r.Stderr) || HasStackTrace(r.Stdout))
        {
            report.StackTraces++;
            problem = "stack trace: " + Excerpt(HasStackTrace(r.Stderr) ? r.Stderr : r.Stdout);
        }
        else if (Array.IndexOf(DefinedExitCodes, r.ExitCode) < 0)
            problem = $"undefined exit code {r.ExitCode}: {Excerpt(r.Stderr)}";
        else if (r.ExitCode != 0 && r.Stderr.Trim().Length == 0)
            problem = $"exit code {r.ExitCode} without a message on stderr";
        if (problem is null) return;
        var path = Reproducer.Save(_outDir, "cli-" + what, seed, run, ext, input);
        report.Failures.Add(new Failure("cli-" + what, seed, run, problem, path));
    }

    private static bool HasStackTrace(string s) => s.Contains("   at ", StringComparison.Ordinal) || s.Contains("Exception", StringComparison.Ordinal);

    private static string Excerpt(string s)
    {
        var i = Math.Max(0, Math.Max(s.IndexOf("Exception", StringComparison.Ordinal), s.IndexOf("   at ", StringComparison.Ordinal)) - 200);
        return s.Substring(i, Math.Min(600, s.Length - i));
    }

    private ProcessResult Start(string workDir, string stdin, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        psi.ArgumentList.Add(_sdnctl);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input (e.g. an argv error): what it printed is what counts.
        }
        if (!p.WaitForExit(Limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new ProcessResult(-1, stdout.Result, stderr.Result, true);
        }
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result, false);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
