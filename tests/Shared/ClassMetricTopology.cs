namespace SdnController.Testing;

/// <summary>
/// A topology where hop and latency routing disagree between h1 (on a) and h2 (on b): the direct link a-b is
/// one hop but 10 ms; a-c-b is two hops of 1 ms; a-f-b two hops of 5 ms; a-d-e-b three hops of 1 ms. So by
/// latency h1-h2 takes a-c-b (then a-d-e-b once a-c is down), by hop a-b (then a-f-b once a-b is down).
/// The controller routes by hop; class <c>voice</c> by latency; class <c>bulk</c> states no metric.
/// </summary>
public static class ClassMetricTopology
{
    /// <summary>The topology YAML without traffic or scenario; append those sections as needed.</summary>
    public const string Yaml = """
        name: class-metric
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        switches: [{id: a}, {id: b}, {id: c}, {id: d}, {id: e}, {id: f}]
        hosts:
          - {id: h1, mac: "00:00:00:00:00:01", ipv4: 10.0.0.1/8, attach: a}
          - {id: h2, mac: "00:00:00:00:00:02", ipv4: 10.0.0.2/8, attach: b}
        links:
          - {endpoints: [a, b], latency: 10ms}
          - {endpoints: [a, c]}
          - {endpoints: [c, b]}
          - {endpoints: [a, f], latency: 5ms}
          - {endpoints: [f, b], latency: 5ms}
          - {endpoints: [a, d]}
          - {endpoints: [d, e]}
          - {endpoints: [e, b]}
        controller: {metric: hop}
        classes:
          voice: {metric: latency}
          bulk: {protection: on}

        """;
}
