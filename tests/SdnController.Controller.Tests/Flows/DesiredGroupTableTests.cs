using System.Collections.Immutable;
using SdnController.Controller.Flows;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Tests.Flows;

public sealed class DesiredGroupTableTests
{
    // Each call builds new arrays, so equality must be by content, not by reference.
    private static ImmutableArray<Bucket> Buckets(params int[] ports) =>
        [.. ports.Select(p => new Bucket([new OutputAction(p)]) { WatchPort = p })];

    private static string[] Ids(List<GroupEntry>? groups) => groups is null ? [] : groups.Select(g => g.GroupId.ToString()).ToArray();

    [Test]
    public void Same_content_on_a_switch_shares_one_id_other_content_or_switch_gets_its_own()
    {
        var t = new DesiredGroupTable(2);
        var a = t.Claim(0, GroupType.Select, Buckets(1, 2));
        var b = t.Claim(0, GroupType.Select, Buckets(1, 2));
        var c = t.Claim(0, GroupType.Select, Buckets(2, 1));
        var d = t.Claim(0, GroupType.FastFailover, Buckets(1, 2));
        var e = t.Claim(1, GroupType.Select, Buckets(1, 2));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(new[] { a, c, d }, Is.Unique, "bucket order and type are part of the content");
        Assert.That(t.RefsOf(0, a), Is.EqualTo(2));
        Assert.That(e, Is.EqualTo(1u), "ids are per switch");

        var changes = new RuleChanges(2);
        t.Commit(changes);
        Assert.That(Ids(changes.GroupAdds![0]), Is.EqualTo(new[] { "1", "2", "3" }), "one add per distinct group");
        Assert.That(Ids(changes.GroupAdds[1]), Is.EqualTo(new[] { "1" }));
        Assert.That(changes.GroupRemoves, Is.Null);
        Assert.That(t.GroupsOf(0).Select(g => g.GroupId), Is.EqualTo(new uint[] { 1, 2, 3 }));
    }

    [Test]
    public void A_group_goes_with_its_last_user_and_its_id_is_not_reused()
    {
        var t = new DesiredGroupTable(1);
        var id = t.Claim(0, GroupType.Select, Buckets(1, 2));
        t.Claim(0, GroupType.Select, Buckets(1, 2));
        t.Commit(new RuleChanges(1));

        t.Release(0, id);
        var one = new RuleChanges(1);
        t.Commit(one);
        Assert.That(one.IsEmpty, Is.True, "one user left");

        t.Release(0, id);
        var gone = new RuleChanges(1);
        t.Commit(gone);
        Assert.That(Ids(gone.GroupRemoves![0]), Is.EqualTo(new[] { id.ToString() }));
        Assert.That(t.GroupsOf(0), Is.Empty);
        Assert.That(t.CountOf(0), Is.Zero);

        var again = t.Claim(0, GroupType.Select, Buckets(1, 2));
        Assert.That(again, Is.Not.EqualTo(id), "a delete may still be in flight: the same content gets a fresh id");
        Assert.Throws<InvalidOperationException>(() => t.Release(0, id));
    }

    [Test]
    public void Claim_and_release_within_one_commit_send_nothing_and_release_then_claim_keeps_the_group()
    {
        var t = new DesiredGroupTable(1);
        var id = t.Claim(0, GroupType.Select, Buckets(1, 2));
        t.Release(0, id);
        var none = new RuleChanges(1);
        t.Commit(none);
        Assert.That(none.IsEmpty, Is.True);

        var kept = t.Claim(0, GroupType.Select, Buckets(3, 4));
        t.Commit(new RuleChanges(1));
        t.Release(0, kept);
        Assert.That(t.Claim(0, GroupType.Select, Buckets(3, 4)), Is.EqualTo(kept), "moved within one update: same group");
        var same = new RuleChanges(1);
        t.Commit(same);
        Assert.That(same.IsEmpty, Is.True);
    }

    [Test]
    public void Releasing_more_than_claimed_is_an_error()
    {
        var t = new DesiredGroupTable(1);
        var slot = t.ClaimSlot(0, GroupType.Select, Buckets(1));
        Assert.That(slot.Actions.Single(), Is.EqualTo(new GroupAction(slot.GroupId)));
        t.Release(slot);
        Assert.Throws<InvalidOperationException>(() => t.Release(slot));
        Assert.Throws<ArgumentException>(() => t.Claim(0, GroupType.Select, ImmutableArray<Bucket>.Empty));
    }
}
