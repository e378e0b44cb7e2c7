using SdnController.Telemetry.Tracing;

namespace SdnController.Telemetry.Tests;

[TestFixture]
public class OtlpTimeoutResolverTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) => OtlpTargetResolverTests.Env(vars);

    [Test]
    public void Unset_means_the_specifications_ten_seconds()
    {
        Assert.That(OtlpTimeoutResolver.Resolve(Env()), Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(new TracingOptions { Sources = [] }.ExportTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Milliseconds_and_the_traces_variable_wins_over_the_generic_one()
    {
        Assert.That(OtlpTimeoutResolver.Resolve(Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"))), Is.EqualTo(TimeSpan.FromMilliseconds(2500)));
        Assert.That(OtlpTimeoutResolver.Resolve(Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"), ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", " 30000 "))),
            Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(OtlpTimeoutResolver.Resolve(Env(("OTEL_EXPORTER_OTLP_TIMEOUT", "700"), ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", " "))),
            Is.EqualTo(TimeSpan.FromMilliseconds(700)), "an empty variable counts as unset");
    }

    [TestCase("OTEL_EXPORTER_OTLP_TIMEOUT", "0")]
    [TestCase("OTEL_EXPORTER_OTLP_TIMEOUT", "-5")]
    [TestCase("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "10s")]
    [TestCase("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "1.5")]
    [TestCase("OTEL_EXPORTER_OTLP_TIMEOUT", "99999999999")]
    public void Anything_but_positive_whole_milliseconds_is_an_error_naming_the_variable(string name, string value)
    {
        var e = Assert.Throws<TelemetryConfigurationException>(() => OtlpTimeoutResolver.Resolve(Env((name, value))))!;
        Assert.That(e.Message, Does.StartWith($"{name} must be a whole number of milliseconds").And.EndWith($"found '{value}'"));
    }
}
