namespace SdnController.Scenarios.Tests;

/// <summary>
/// The six-switch ladder the chain tests run on (their hosts and functions differ):
/// <code>
/// s1 - s2 - s3
///  |    |    |
/// s4 - s5 - s6
/// </code>
/// Switch-to-switch ports 1-3; host ports from 10, function ports 5.
/// </summary>
internal static class ChainLadder
{
    public const string Switches = "switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}, {id: s5}, {id: s6}]";

    public const string Links = """
        links:
          - {id: s1-s2, endpoints: ["s1:1", "s2:1"], latency: 1ms}
          - {id: s2-s3, endpoints: ["s2:2", "s3:1"], latency: 1ms}
          - {id: s4-s5, endpoints: ["s4:1", "s5:1"], latency: 1ms}
          - {id: s5-s6, endpoints: ["s5:2", "s6:1"], latency: 1ms}
          - {id: s1-s4, endpoints: ["s1:2", "s4:2"], latency: 1ms}
          - {id: s2-s5, endpoints: ["s2:3", "s5:3"], latency: 1ms}
          - {id: s3-s6, endpoints: ["s3:2", "s6:2"], latency: 1ms}
        """;
}
