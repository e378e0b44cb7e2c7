using SdnController.Controller.Collections;

namespace SdnController.Controller.Tests.Collections;

public class PartitionedDictionaryTests
{
    [Test]
    public void Values_set_are_found_and_others_are_not()
    {
        var map = new PartitionedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++) map[$"flow-{i}"] = i;
        Assert.That(map.Count, Is.EqualTo(10_000));
        for (var i = 0; i < 10_000; i++)
            if (!map.TryGetValue($"flow-{i}", out var v) || v != i) Assert.Fail($"flow-{i} read {v}");
        Assert.That(map.TryGetValue("flow-10000", out _), Is.False);
        Assert.That(map.ContainsKey("flow-9999"), Is.True);
        Assert.That(map.ContainsKey("FLOW-1"), Is.False, "the comparer decides equality (ordinal here)");
    }

    [Test]
    public void Setting_a_known_key_replaces_its_value_without_counting_it_again()
    {
        var map = new PartitionedDictionary<int, string>();
        map[5] = "a";
        map[5] = "b";
        Assert.That(map.Count, Is.EqualTo(1));
        Assert.That(map.TryGetValue(5, out var v) ? v : null, Is.EqualTo("b"));
    }

    [Test]
    public void Value_by_reference_adds_once_and_updates_in_place()
    {
        var map = new PartitionedDictionary<long, int>();
        ref var a = ref map.GetValueRefOrAddDefault(42, out var existed);
        Assert.That((existed, a), Is.EqualTo((false, 0)));
        a = 7;
        ref var b = ref map.GetValueRefOrAddDefault(42, out existed);
        Assert.That((existed, b), Is.EqualTo((true, 7)));
        b++;
        Assert.That(map.TryGetValue(42, out var v) ? v : -1, Is.EqualTo(8));
        Assert.That(map.Count, Is.EqualTo(1));
    }

    [Test]
    public void Keys_with_a_plain_hash_are_all_found()
    {
        // A comparer whose hash is the key itself (low bits only): the part is picked from mixed bits, the lookups must still find every key.
        var map = new PartitionedDictionary<int, int>(new IdentityHash());
        for (var i = 0; i < 4096; i++) map[i] = i;
        for (var i = 0; i < 4096; i++)
            if (!map.TryGetValue(i, out var v) || v != i) Assert.Fail($"key {i}");
        Assert.That(map.Count, Is.EqualTo(4096));
    }

    private sealed class IdentityHash : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y;
        public int GetHashCode(int obj) => obj;
    }
}
