using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary><see cref="FlowRule"/> keeps its expiry settings out of line; they must read back and take part in equality.</summary>
public class FlowRuleValueTests
{
    private static readonly ImmutableArray<FlowAction> Out2 = [new OutputAction(2)];
    private static FlowRule Rule() => new(100, new Match { InPort = 1 }, Out2) { Cookie = 7 };

    [Test]
    public void Expiry_settings_read_back_and_default_to_never()
    {
        var plain = Rule();
        Assert.That((plain.IdleTimeout, plain.HardTimeout, plain.NotifyOnRemoval), Is.EqualTo((TimeSpan.Zero, TimeSpan.Zero, false)));
        var expiring = plain with { IdleTimeout = TimeSpan.FromSeconds(10), HardTimeout = TimeSpan.FromSeconds(60), NotifyOnRemoval = true };
        Assert.That((expiring.IdleTimeout, expiring.HardTimeout, expiring.NotifyOnRemoval), Is.EqualTo((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), true)));
        var hardOnly = plain with { HardTimeout = TimeSpan.FromSeconds(5) };
        Assert.That((hardOnly.IdleTimeout, hardOnly.HardTimeout, hardOnly.NotifyOnRemoval), Is.EqualTo((TimeSpan.Zero, TimeSpan.FromSeconds(5), false)));
    }

    [Test]
    public void Expiry_settings_take_part_in_equality()
    {
        Assert.That(Rule(), Is.EqualTo(Rule()));
        Assert.That(Rule() with { IdleTimeout = TimeSpan.FromSeconds(1) }, Is.Not.EqualTo(Rule()));
        Assert.That(Rule() with { NotifyOnRemoval = true }, Is.Not.EqualTo(Rule()));
        Assert.That(Rule() with { IdleTimeout = TimeSpan.FromSeconds(1) }, Is.Not.EqualTo(Rule() with { HardTimeout = TimeSpan.FromSeconds(1) }));
        var set = Rule() with { IdleTimeout = TimeSpan.FromSeconds(3), NotifyOnRemoval = true };
        Assert.That(set, Is.EqualTo(Rule() with { NotifyOnRemoval = true, IdleTimeout = TimeSpan.FromSeconds(3) }));
        Assert.That(set.GetHashCode(), Is.EqualTo((Rule() with { NotifyOnRemoval = true, IdleTimeout = TimeSpan.FromSeconds(3) }).GetHashCode()));
        Assert.That(set with { IdleTimeout = TimeSpan.Zero, NotifyOnRemoval = false }, Is.EqualTo(Rule()), "all unset again: the same as never set");
    }

    [Test]
    public void Text_is_unchanged()
    {
        Assert.That(Rule().ToString(), Is.EqualTo("priority=100,cookie=0x7,in_port=1 actions=" + Out2[0]));
    }
}
