using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary><c>bench nfv</c> at a tiny size: the JSON's shape and that every workload passed its packets, never a timing.</summary>
public class NfvBenchCliTests
{
    [Test]
    public void PrintsEveryFunctionAndTheChain()
    {
        var r = CliRunner.Run("bench", "nfv", "--packets", "2000", "--repeats", "1", "--flows", "16", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var functions = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("functions").EnumerateArray().ToArray();
        Assert.That(functions.Select(f => f.GetProperty("name").GetString()), Is.EqualTo(new[] { "firewall", "nat", "load-balancer", "rate-limiter", "ids", "chain" }));
        foreach (var f in functions)
        {
            Assert.That(f.GetProperty("packets").GetInt64(), Is.EqualTo(2000));
            Assert.That(f.GetProperty("dropped").GetInt64(), Is.Zero);
            Assert.That(f.GetProperty("packets_per_second").GetDouble(), Is.GreaterThan(0));
        }
    }

    [Test]
    public void RejectsABadSize()
    {
        var r = CliRunner.Run("bench", "nfv", "--size", "10");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Stderr, Does.Contain("--size must be between 64 and 9000"));
    }
}
