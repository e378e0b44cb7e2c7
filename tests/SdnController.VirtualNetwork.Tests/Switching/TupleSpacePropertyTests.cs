using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>
/// The tuple-space lookup must agree with the obvious definition: scan every rule, keep the matching one with the
/// highest priority, ties to the earliest installed. Rules and packets come from small value pools so that
/// overlaps, ties, prefixes and absent fields all occur often.
/// </summary>
public class TupleSpacePropertyTests
{
    private static readonly string[] Macs = ["02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03"];
    private static readonly string[] V4 = ["10.0.0.1", "10.0.1.7", "10.1.0.1", "192.168.1.1", "192.168.1.200"];
    private static readonly string[] V6 = ["2001:db8::1", "2001:db8:0:1::9", "2001:db9::1"];
    private static readonly ushort[] L4 = [22, 80, 443];
    private static readonly int[] V4Lengths = [0, 8, 16, 24, 32];
    private static readonly int[] V6Lengths = [0, 32, 48, 64, 128];

    /// <summary>The reference semantics of a match, written from the field definitions, not from FlowKey.</summary>
    private static bool Matches(Match m, in PacketHeaders h, int inPort)
    {
        if (m.InPort is { } p && p != inPort) return false;
        if (m.EthSrc is { } es && es != h.EthSrc) return false;
        if (m.EthDst is { } ed && ed != h.EthDst) return false;
        if (m.EthType is { } et && et != h.EthType) return false;
        if (m.Vlan is { } v && (v.Untagged ? h.HasVlan : !h.HasVlan || h.VlanId != v.VlanId)) return false;
        if (m.Ipv4Src is { } s4 && !(h.IsIpv4 && s4.Contains(h.Ipv4Src))) return false;
        if (m.Ipv4Dst is { } d4 && !(h.IsIpv4 && d4.Contains(h.Ipv4Dst))) return false;
        if (m.Ipv6Src is { } s6 && !(h.IsIpv6 && s6.Contains(h.Ipv6Src))) return false;
        if (m.Ipv6Dst is { } d6 && !(h.IsIpv6 && d6.Contains(h.Ipv6Dst))) return false;
        if (m.IpProto is { } proto && !(h.HasIpProto && h.IpProto == proto)) return false;
        if (m.L4Src is { } ls && !(h.HasL4Ports && h.L4Src == ls)) return false;
        if (m.L4Dst is { } ld && !(h.HasL4Ports && h.L4Dst == ld)) return false;
        return true;
    }

    /// <summary>
    /// Rule identity is the match's meaning: a /0 prefix only says "is IPv4" (or IPv6), so ipv4_src=0/0 and
    /// ipv4_dst=0/0 are the same match, and either is redundant next to a longer prefix of the same family.
    /// </summary>
    private static Match Identity(Match m)
    {
        if (m.Ipv4Src is { Length: 0 } && m.Ipv4Dst is null) m = m with { Ipv4Src = null, Ipv4Dst = new Ipv4Prefix(0, 0) };
        else if (m.Ipv4Src is { Length: 0 }) m = m with { Ipv4Src = null };
        else if (m.Ipv4Dst is { Length: 0 } && m.Ipv4Src is not null) m = m with { Ipv4Dst = null };
        if (m.Ipv6Src is { Length: 0 } && m.Ipv6Dst is null) m = m with { Ipv6Src = null, Ipv6Dst = new Ipv6Prefix(0, 0) };
        else if (m.Ipv6Src is { Length: 0 }) m = m with { Ipv6Src = null };
        else if (m.Ipv6Dst is { Length: 0 } && m.Ipv6Src is not null) m = m with { Ipv6Dst = null };
        return m;
    }

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    private static Match RandomMatch(Random r)
    {
        var m = new Match();
        if (r.Next(6) == 0) m = m with { InPort = r.Next(1, 4) };
        if (r.Next(5) == 0) m = m with { EthSrc = Mac(Pick(r, Macs)) };
        if (r.Next(4) == 0) m = m with { EthDst = Mac(Pick(r, Macs)) };
        if (r.Next(4) == 0) m = m with { EthType = Pick(r, new ushort[] { EtherTypes.Ipv4, EtherTypes.Ipv6, EtherTypes.Arp }) };
        if (r.Next(5) == 0) m = m with { Vlan = r.Next(3) == 0 ? VlanMatch.NoTag : VlanMatch.Id((ushort)r.Next(1, 3)) };
        if (r.Next(3) == 0) m = m with { Ipv4Dst = new Ipv4Prefix(Ip4(Pick(r, V4)), Pick(r, V4Lengths)) };
        if (r.Next(5) == 0) m = m with { Ipv4Src = new Ipv4Prefix(Ip4(Pick(r, V4)), Pick(r, V4Lengths)) };
        if (r.Next(6) == 0) m = m with { Ipv6Dst = new Ipv6Prefix(Ip6(Pick(r, V6)), Pick(r, V6Lengths)) };
        if (r.Next(8) == 0) m = m with { Ipv6Src = new Ipv6Prefix(Ip6(Pick(r, V6)), Pick(r, V6Lengths)) };
        if (r.Next(5) == 0) m = m with { IpProto = Pick(r, new byte[] { 1, 6, 17 }) };
        if (r.Next(6) == 0) m = m with { L4Src = Pick(r, L4) };
        if (r.Next(5) == 0) m = m with { L4Dst = Pick(r, L4) };
        // A catch-all would hide every miss; keep it rare.
        return m == Match.Any && r.Next(10) != 0 ? m with { EthType = EtherTypes.Arp } : m;
    }

    private static byte[] RandomFrame(Random r)
    {
        var src = Pick(r, Macs);
        var dst = Pick(r, Macs);
        byte[] frame = r.Next(7) switch
        {
            0 => Arp(Pick(r, V4), Pick(r, V4), src),
            1 => Icmp(Pick(r, V4), Pick(r, V4), src, dst),
            2 => Udp(Pick(r, V4), Pick(r, V4), Pick(r, L4), Pick(r, L4), src, dst),
            3 => Ipv6Tcp(Pick(r, V6), Pick(r, V6), Pick(r, L4), Pick(r, L4), src, dst),
            4 => Ipv6Udp(Pick(r, V6), Pick(r, V6), Pick(r, L4), Pick(r, L4), src, dst),
            _ => Tcp(Pick(r, V4), Pick(r, V4), Pick(r, L4), Pick(r, L4), src, dst),
        };
        return r.Next(3) == 0 ? WithTag(frame, (ushort)r.Next(1, 3)) : frame;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void AgreesWithLinearScan(int seed)
    {
        var r = new Random(seed);
        var frames = Enumerable.Range(0, 300).Select(_ => RandomFrame(r)).ToArray();
        var table = new FlowTable();
        var installed = new List<FlowRule>(); // install order = scan order for ties

        var checkedLookups = 0;
        var hits = 0;
        for (var round = 0; round < 30; round++)
        {
            // Mutate: mostly adds (some replacing), some strict deletes, now and then a cookie delete.
            for (var op = 0; op < 80; op++)
            {
                var choice = r.Next(10);
                if (choice < 7 || installed.Count == 0)
                {
                    var rule = new FlowRule(r.Next(0, 6), RandomMatch(r), []) { Cookie = (ulong)r.Next(4) };
                    table.Add(rule, TimeSpan.Zero, out _);
                    installed.RemoveAll(x => x.Priority == rule.Priority && Identity(x.Match) == Identity(rule.Match));
                    installed.Add(rule);
                }
                else if (choice < 9)
                {
                    var victim = installed[r.Next(installed.Count)];
                    Assert.That(table.DeleteStrict(victim.Priority, victim.Match, 0, 0), Is.Not.Null);
                    installed.Remove(victim);
                }
                else if (r.Next(4) == 0)
                {
                    var cookie = (ulong)r.Next(4);
                    var removed = table.Delete(cookie, ulong.MaxValue);
                    Assert.That(removed, Has.Count.EqualTo(installed.Count(x => x.Cookie == cookie)));
                    installed.RemoveAll(x => x.Cookie == cookie);
                }
            }
            Assert.That(table.Count, Is.EqualTo(installed.Count));

            foreach (var frame in frames)
            {
                PacketHeaders.TryParse(frame, out var h);
                var inPort = r.Next(1, 4);
                FlowRule? expected = null;
                foreach (var rule in installed)
                    if (Matches(rule.Match, h, inPort) && (expected is null || rule.Priority > expected.Priority))
                        expected = rule;
                var actual = table.Lookup(h, inPort);
                Assert.That(actual?.Rule, Is.SameAs(expected),
                    $"seed {seed} round {round}: expected {expected?.ToString() ?? "miss"}, got {actual?.Rule.ToString() ?? "miss"}");
                checkedLookups++;
                if (expected is not null) hits++;
            }
        }
        Assert.That(hits, Is.GreaterThan(checkedLookups / 4), "the pools should make most lookups hit something");
        Assert.That(hits, Is.LessThan(checkedLookups), "and some miss");
    }
}
