namespace SdnController.Cli.Tests;

/// <summary>Argument garbage found by tools/fuzz's CLI campaign: a message and exit code 2, never a stack trace.</summary>
[TestFixture]
public class BadArgumentCliTests
{
    // Regression (tools/fuzz, cli argv seed 1 cases 26 and 127): the --hosts-per-switch validator read a value that
    // had not converted and threw, printing "Unhandled exception" and a stack trace.
    [TestCase("2147483648")]
    [TestCase("ｈ１")]
    [TestCase("-1")]
    public void A_bad_hosts_per_switch_value_is_a_usage_error(string value)
    {
        var r = CliRunner.Run("validate", "topologies/ring-6.yaml", "--hosts-per-switch", value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.StartWith("sdnctl: error: "));
        Assert.That(r.Stderr, Does.Contain("--hosts-per-switch"));
        Assert.That(r.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
    }
}
