namespace SdnController.Scenarios.Interactive;

/// <summary>One shell command: its name, how it is written, and what it does (for `help`, errors and completion).</summary>
public sealed record ShellCommandInfo(string Name, string Usage, string Description);

/// <summary>The shell's commands, in the order `help` lists them. The names and syntax are a contract: scripts use them.</summary>
public static class ShellCommandTable
{
    public static readonly IReadOnlyList<ShellCommandInfo> All =
    [
        new("net", "net", "every node with its interfaces and what they connect to"),
        new("nodes", "nodes", "list the hosts and switches"),
        new("links", "links", "every link with the state of its two ends"),
        new("link", "link A B down|up [silent]", "fail or restore the links between switches A and B (silent: no port-status), then show the controller's reaction"),
        new("switch", "switch S down|up", "power switch S off or on, then show the controller's reaction"),
        new("nfv", "nfv F down|up, nfv F rules, nfv", "list the network functions (kind, attachment, state, version, packets in/out/dropped); F rules: F's rules with their counters; F down|up: fail F (it drops everything it receives) or bring it back restarted, holding no configuration until the controller re-sends it"),
        new("chains", "chains", "the declared service chains: what they match, their functions in order, and each chained flow's current path (or why it fails closed)"),
        new("blocks", "blocks", "the IDS blocks in force: id, flow, ingress switches, the IDS and signature that raised it, since and until when, packets its drop rules dropped"),
        new("unblock", "unblock ID|all", "lift a block (or every block) now: its drop rules go and the IDS forgets it, so the flow passes until it offends again"),
        new("policy", "policy", "each flow the classifier labelled (policy: section): 5-tuple, protocol, method (inspection or port), class, the policy entry taken (1-based), its action and outcome"),
        new("pingall", "pingall", "ping between every pair of hosts"),
        new("ping", "ping A B [-c N]", "N echo requests (default 1) from host A to host B; also 'A ping B'"),
        new("routes", "routes A B", "the path of an echo from A to B and back, by the rules installed in the switches"),
        new("flows", "flows S", "the rules of switch S with their counters, as ovs-ofctl dump-flows"),
        new("trace", "trace last", "the waterfall of the last topology change's trace"),
        new("wait", "wait T", "let network time pass, e.g. wait 500ms (traffic flows, keepalives time out)"),
        new("time", "time", "the network time since the session started"),
        new("help", "help [COMMAND]", "list the commands, or explain one"),
        new("exit", "exit", "leave the shell (also quit, or end of input)"),
        new("quit", "quit", "leave the shell"),
    ];

    public static ShellCommandInfo? Find(string name)
    {
        foreach (var c in All)
            if (c.Name == name) return c;
        return null;
    }

    public static IEnumerable<string> Names()
    {
        foreach (var c in All) yield return c.Name;
    }
}
