namespace SdnController.Testing;

/// <summary>
/// A topology where one change makes a flow leave its old path at two switches that are on both paths, so
/// the ordered update is not per-packet consistent. Two rails joined at x and y: the main one a-x-c-y-e-b
/// (1 ms links) and the detours x-d-y and y-f-b (3 ms). Losing x-c and e-b together moves h1-h2 traffic to
/// a-x-d-y-f-b (x and y both change their output), and the repair moves it back the same way.
/// </summary>
public static class LadderTopology
{
    /// <summary>The topology YAML without traffic or scenario; append those sections as needed.</summary>
    public const string Yaml = """
        name: ladder
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        switches: [{id: a}, {id: x}, {id: c}, {id: y}, {id: e}, {id: b}, {id: d}, {id: f}]
        hosts:
          - {id: h1, mac: "00:00:00:00:00:01", ipv4: 10.0.0.1/8, attach: a}
          - {id: h2, mac: "00:00:00:00:00:02", ipv4: 10.0.0.2/8, attach: b}
        links:
          - {endpoints: [a, x]}
          - {endpoints: [x, c]}
          - {endpoints: [c, y]}
          - {endpoints: [y, e]}
          - {endpoints: [e, b]}
          - {endpoints: [x, d], latency: 3ms}
          - {endpoints: [d, y], latency: 3ms}
          - {endpoints: [y, f], latency: 3ms}
          - {endpoints: [f, b], latency: 3ms}

        """;
}
