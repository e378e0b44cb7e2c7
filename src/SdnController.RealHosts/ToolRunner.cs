using System.Diagnostics;

namespace SdnController.RealHosts;

/// <summary>Runs the system tools real hosts need (ip, ethtool, sh) with argument lists, never through a shell string.</summary>
internal static class ToolRunner
{
    public readonly record struct Result(int ExitCode, string Stdout, string Stderr)
    {
        public bool Ok => ExitCode == 0;
    }

    public static Result Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process? p;
        try
        {
            p = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(127, "", $"{file}: {e.Message}");
        }
        if (p is null) return new Result(127, "", $"{file}: could not start");
        using (p)
        {
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(15_000))
            {
                p.Kill(entireProcessTree: true);
                return new Result(124, stdout.Result, $"{file} {string.Join(' ', args)}: no answer in 15 s");
            }
            return new Result(p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary><c>ip ARGS</c>; a failure is a <see cref="RealHostException"/> naming the command and ip's own message.</summary>
    public static string Ip(params string[] args)
    {
        var r = Run("ip", args);
        if (!r.Ok) throw new RealHostException($"'ip {string.Join(' ', args)}' failed: {r.Stderr.Trim()}");
        return r.Stdout;
    }

    /// <summary><c>ip ARGS</c> for cleanup: failures (already gone) are ignored.</summary>
    public static bool TryIp(params string[] args) => Run("ip", args).Ok;
}
