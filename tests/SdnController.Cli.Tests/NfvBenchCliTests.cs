using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary><c>bench nfv</c> at a tiny size: the JSON's shape and that every workload passed its packets, never a timing.</summary>
public class NfvBenchCliTests
{
    [Test]
    public void PrintsEveryFunctionAndTheChain()
    {
        var r = CliRunner.Run("bench", "nfv", "--packets", "2000", "--repeats", "1", "--flows", "16", "--network-packets", "0", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var functions = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("functions").EnumerateArray().ToArray();
        Assert.That(functions.Select(f => f.GetProperty("name").GetString()), Is.EqualTo(new[] { "firewall", "nat", "load-balancer", "rate-limiter", "ids", "chain" }));
        Assert.That(JsonDocument.Parse(r.Stdout).RootElement.GetProperty("network").GetArrayLength(), Is.Zero, "--network-packets 0 skips that run");
        foreach (var f in functions)
        {
            Assert.That(f.GetProperty("packets").GetInt64(), Is.EqualTo(2000));
            Assert.That(f.GetProperty("dropped").GetInt64(), Is.Zero);
            Assert.That(f.GetProperty("packets_per_second").GetDouble(), Is.GreaterThan(0));
        }
    }

    [Test]
    public void PrintsTheChainThroughTheVirtualNetworkWithEveryPacketThroughItsThreeFunctions()
    {
        var r = CliRunner.Run("bench", "nfv", "--packets", "500", "--repeats", "1", "--flows", "4", "--network-packets", "400", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.That(root.GetProperty("functions").GetArrayLength(), Is.EqualTo(6));
        var n = root.GetProperty("network").EnumerateArray().Single();
        Assert.That(n.GetProperty("name").GetString(), Is.EqualTo("network-chain"));
        Assert.That(n.GetProperty("sent").GetInt64(), Is.EqualTo(400), "40000 pps for 10 ms of virtual time");
        Assert.That(n.GetProperty("delivered").GetInt64(), Is.EqualTo(400), "a steady flow within every link's capacity loses nothing");
        Assert.That(n.GetProperty("through_chain").GetInt64(), Is.EqualTo(400), "every delivered packet crossed fw1, ids1, rl1 in order");
        Assert.That(n.GetProperty("packets").GetInt64(), Is.EqualTo(400));
        Assert.That(n.GetProperty("dropped").GetInt64(), Is.Zero);
        Assert.That(n.GetProperty("packets_per_second").GetDouble(), Is.GreaterThan(0));

        var text = CliRunner.Run("bench", "nfv", "--packets", "500", "--repeats", "1", "--flows", "4", "--network-packets", "400");
        Assert.That(text.ExitCode, Is.EqualTo(0), text.Stderr);
        Assert.That(text.Stdout, Does.Contain("network-chain").And.Contain("400 sent, 400 delivered, 400 through fw1 → ids1 → rl1"));
    }

    [Test]
    public void RejectsANegativeNetworkPacketCount()
    {
        var r = CliRunner.Run("bench", "nfv", "--network-packets", "-1");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Stderr, Does.Contain("--network-packets must be 0 or more"));
    }

    [Test]
    public void RejectsABadSize()
    {
        var r = CliRunner.Run("bench", "nfv", "--size", "10");
        Assert.That(r.ExitCode, Is.Not.EqualTo(0));
        Assert.That(r.Stderr, Does.Contain("--size must be between 64 and 9000"));
    }
}
