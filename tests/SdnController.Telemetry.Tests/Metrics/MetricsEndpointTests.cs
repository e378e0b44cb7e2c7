using SdnController.Testing;
using System.Diagnostics.Metrics;
using SdnController.Telemetry.Metrics;

namespace SdnController.Telemetry.Tests.Metrics;

public class MetricsEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };


    [Test]
    public async Task Serves_the_named_meters_in_Prometheus_text_format_on_loopback()
    {
        var meterName = "SdnController.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var reroutes = meter.CreateHistogram<double>("sdn.reroute.duration", "ms");
        var rules = meter.CreateCounter<long>("sdn.rules.installed", "{rule}");
        var links = 5;
        meter.CreateObservableGauge("sdn.link.count", () => new Measurement<int>(links, new KeyValuePair<string, object?>("sdn.link.state", "up")), "{link}");
        using var other = new Meter("SdnController.Tests.NotServed");
        other.CreateCounter<long>("sdn.not.served").Add(3);

        var port = LoopbackPorts.Free();
        using var endpoint = MetricsEndpoint.Start([meterName], port);
        Assert.That(endpoint.Url.ToString(), Is.EqualTo($"http://127.0.0.1:{port}/metrics"));
        reroutes.Record(12.5, new KeyValuePair<string, object?>("sdn.change.kind", "link.failure"));
        reroutes.Record(30, new KeyValuePair<string, object?>("sdn.change.kind", "link.failure"));
        rules.Add(7, new KeyValuePair<string, object?>("sdn.update.kind", "reroute"));

        var text = await Http.GetStringAsync(endpoint.Url);
        Assert.That(text, Does.Contain("# TYPE sdn_reroute_duration_milliseconds histogram"));
        Assert.That(text, Does.Match(@"sdn_reroute_duration_milliseconds_count\{[^}]*sdn_change_kind=""link.failure""[^}]*\} 2\b"));
        Assert.That(text, Does.Match(@"sdn_reroute_duration_milliseconds_sum\{[^}]*\} 42.5\b"));
        Assert.That(text, Does.Match(@"sdn_rules_installed_total\{[^}]*sdn_update_kind=""reroute""[^}]*\} 7\b"));
        Assert.That(text, Does.Match(@"sdn_link_count\{[^}]*sdn_link_state=""up""[^}]*\} 5\b"));
        Assert.That(text, Does.Contain("service_name=\"sdnctl\""), "resource as target_info");
        Assert.That(text, Does.Not.Contain("sdn_not_served"));
    }

    [Test]
    public void A_port_in_use_is_a_clear_error()
    {
        var taken = LoopbackPorts.Occupy(out var port);
        try
        {
            var e = Assert.Throws<MetricsEndpointException>(() => MetricsEndpoint.Start(["x"], port))!;
            Assert.That(e.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("in use"));
        }
        finally
        {
            taken.Stop();
        }
    }

    [TestCase(0)]
    [TestCase(70000)]
    public void A_port_out_of_range_is_rejected(int port) =>
        Assert.That(() => MetricsEndpoint.Start(["x"], port), Throws.TypeOf<MetricsEndpointException>().With.Message.Contains("between 1 and 65535"));

    [Test]
    public void A_host_that_is_no_address_is_rejected() =>
        Assert.That(() => MetricsEndpoint.Start(["x"], LoopbackPorts.Free(), "example"), Throws.TypeOf<MetricsEndpointException>().With.Message.Contains("'example'"));
}
