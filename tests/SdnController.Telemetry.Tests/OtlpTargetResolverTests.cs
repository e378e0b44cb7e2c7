using SdnController.Telemetry.Tracing;

namespace SdnController.Telemetry.Tests;

[TestFixture]
public class OtlpTargetResolverTests
{
    internal static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = vars.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    private static readonly Func<string, string?> NoEnv = _ => null;

    [Test]
    public void Nothing_configured_means_no_otlp_export()
    {
        Assert.That(OtlpTargetResolver.Resolve(null, null, NoEnv), Is.Null);
    }

    [Test]
    public void Grpc_is_the_default_and_its_endpoint_is_used_as_given()
    {
        var t = OtlpTargetResolver.Resolve("http://localhost:4317", null, NoEnv)!;
        Assert.That(t.Protocol, Is.EqualTo(OtlpProtocol.Grpc));
        Assert.That(t.Endpoint.ToString(), Is.EqualTo("http://localhost:4317/"));
        Assert.That(t.Origin, Is.EqualTo("--otlp-endpoint"));
    }

    [TestCase("http://localhost:4318", "http://localhost:4318/v1/traces")]
    [TestCase("http://localhost:4318/", "http://localhost:4318/v1/traces")]
    [TestCase("https://collector.example:443/otlp", "https://collector.example/otlp/v1/traces")]
    [TestCase("http://localhost:4318/v1/traces", "http://localhost:4318/v1/traces")]
    public void Http_protobuf_flag_is_a_base_endpoint_that_gets_v1_traces(string flag, string expected)
    {
        var t = OtlpTargetResolver.Resolve(flag, "http/protobuf", NoEnv)!;
        Assert.That(t.Protocol, Is.EqualTo(OtlpProtocol.HttpProtobuf));
        Assert.That(t.Endpoint.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Generic_environment_endpoint_gets_the_signal_path_and_the_traces_one_is_verbatim()
    {
        var generic = OtlpTargetResolver.Resolve(null, null, Env((OtlpTargetResolver.EndpointVariable, "http://c:4318/base"), (OtlpTargetResolver.ProtocolVariable, "http/protobuf")))!;
        Assert.That(generic.Endpoint.ToString(), Is.EqualTo("http://c:4318/base/v1/traces"));
        Assert.That(generic.Origin, Is.EqualTo(OtlpTargetResolver.EndpointVariable));

        var specific = OtlpTargetResolver.Resolve(null, null, Env(
            (OtlpTargetResolver.EndpointVariable, "http://generic:4318"),
            (OtlpTargetResolver.TracesEndpointVariable, "http://traces:9999/custom"),
            (OtlpTargetResolver.ProtocolVariable, "http/protobuf")))!;
        Assert.That(specific.Endpoint.ToString(), Is.EqualTo("http://traces:9999/custom"), "the signal-specific variable wins and is not altered");
    }

    [Test]
    public void Flags_win_over_the_environment_and_traces_protocol_over_the_generic_one()
    {
        var env = Env((OtlpTargetResolver.EndpointVariable, "http://env:4318"), (OtlpTargetResolver.ProtocolVariable, "http/protobuf"),
            (OtlpTargetResolver.TracesProtocolVariable, "grpc"));
        Assert.That(OtlpTargetResolver.Resolve(null, null, env)!.Protocol, Is.EqualTo(OtlpProtocol.Grpc));
        var t = OtlpTargetResolver.Resolve("http://flag:4318", "http/protobuf", env)!;
        Assert.That(t.Endpoint.ToString(), Is.EqualTo("http://flag:4318/v1/traces"));
        Assert.That(t.Protocol, Is.EqualTo(OtlpProtocol.HttpProtobuf));
    }

    [Test]
    public void Empty_environment_variables_count_as_unset()
    {
        Assert.That(OtlpTargetResolver.Resolve(null, null, Env((OtlpTargetResolver.EndpointVariable, ""))), Is.Null);
    }

    [TestCase("localhost:4317")]
    [TestCase("ftp://host/x")]
    [TestCase("not a url")]
    public void Bad_endpoint_is_a_configuration_error_naming_the_option(string url)
    {
        var e = Assert.Throws<TelemetryConfigurationException>(() => OtlpTargetResolver.Resolve(url, null, NoEnv))!;
        Assert.That(e.Message, Does.StartWith("--otlp-endpoint must be an http:// or https:// URL"));
        Assert.That(e.Message, Does.Contain(url));
    }

    [Test]
    public void Bad_protocols_and_a_protocol_without_endpoint_are_errors()
    {
        var e = Assert.Throws<TelemetryConfigurationException>(() => OtlpTargetResolver.Resolve("http://h:1", "http/json", NoEnv))!;
        Assert.That(e.Message, Does.Contain("cannot send http/json"));
        e = Assert.Throws<TelemetryConfigurationException>(() => OtlpTargetResolver.Resolve(null, null,
            Env((OtlpTargetResolver.EndpointVariable, "http://h:1"), (OtlpTargetResolver.ProtocolVariable, "udp"))))!;
        Assert.That(e.Message, Does.StartWith(OtlpTargetResolver.ProtocolVariable));
        e = Assert.Throws<TelemetryConfigurationException>(() => OtlpTargetResolver.Resolve(null, "grpc", NoEnv))!;
        Assert.That(e.Message, Does.Contain("needs an endpoint"));
    }
}
