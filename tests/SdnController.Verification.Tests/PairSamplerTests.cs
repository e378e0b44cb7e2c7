using SdnController.Verification.Checking;

namespace SdnController.Verification.Tests;

/// <summary>The seeded pair sample on its own: deterministic, exact in size, spread over every source, forced pairs kept.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PairSamplerTests
{
    private static readonly (int, int)[] None = [];

    [Test]
    public void The_same_seed_picks_the_same_pairs_and_another_seed_others()
    {
        var a = PairSampler.Pick(300, None, 2000, seed: 7);
        Assert.That(PairSampler.Pick(300, None, 2000, seed: 7), Is.EqualTo(a));
        Assert.That(PairSampler.Pick(300, None, 2000, seed: 8), Is.Not.EqualTo(a));
    }

    [Test]
    public void A_sample_has_exactly_the_size_asked_distinct_ordered_pairs_in_walk_order()
    {
        var pairs = PairSampler.Pick(300, None, 2000, seed: 1);
        Assert.That(pairs, Has.Count.EqualTo(2000));
        Assert.That(pairs.Distinct().Count(), Is.EqualTo(2000));
        Assert.That(pairs.All(p => p.From != p.To && p.From is >= 0 and < 300 && p.To is >= 0 and < 300));
        Assert.That(pairs, Is.EqualTo(pairs.OrderBy(p => p.From).ThenBy(p => p.To)));
    }

    [Test]
    public void Every_source_gets_an_even_share_not_just_the_first_hosts()
    {
        // 2000 pairs of 300 sources: 6 or 7 each, and exactly 2000 % 300 = 200 sources get the 7th.
        var perSource = PairSampler.Pick(300, None, 2000, seed: 3).GroupBy(p => p.From).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(perSource.Keys, Has.Count.EqualTo(300));
        Assert.That(perSource.Values, Is.All.InRange(6, 7));
        Assert.That(perSource.Values.Count(c => c == 7), Is.EqualTo(200));
        // Which sources get the extra pair is seeded, not the lowest indices.
        Assert.That(perSource.Where(kv => kv.Value == 7).Select(kv => kv.Key).Max(), Is.GreaterThan(250));
        // Destinations are spread too: far more than the first few hosts receive.
        Assert.That(PairSampler.Pick(300, None, 2000, seed: 3).Select(p => p.To).Distinct().Count(), Is.GreaterThan(250));
    }

    [Test]
    public void Included_pairs_are_always_in_counted_in_the_size_and_never_doubled()
    {
        var include = new[] { (5, 9), (9, 5), (299, 0), (5, 9), (4, 4) };
        for (var seed = 1; seed <= 20; seed++)
        {
            var pairs = PairSampler.Pick(300, include, 1000, seed);
            Assert.That(pairs, Has.Count.EqualTo(1000), $"seed {seed}");
            Assert.That(pairs, Does.Contain((5, 9)).And.Contain((9, 5)).And.Contain((299, 0)));
            Assert.That(pairs.Distinct().Count(), Is.EqualTo(1000));
            Assert.That(pairs, Does.Not.Contain((4, 4)), "a host to itself is no pair, as in the all-pairs walk");
        }
        // More included pairs than the size: exactly they are walked.
        Assert.That(PairSampler.Pick(300, include, 2, 1), Is.EqualTo(new[] { (5, 9), (9, 5), (299, 0) }));
        Assert.That(PairSampler.Pick(300, include, 0, 1), Has.Count.EqualTo(3));
    }

    [Test]
    public void A_size_of_at_least_every_pair_walks_every_pair_and_a_dense_sample_is_still_exact()
    {
        var all = PairSampler.Pick(40, [(1, 2)], 10_000, seed: 1);
        Assert.That(all, Has.Count.EqualTo(40 * 39));
        Assert.That(all.Distinct().Count(), Is.EqualTo(40 * 39));

        // Nearly every pair, and a source whose row is mostly included: the complement paths of the sampler.
        var heavy = Enumerable.Range(0, 40).Where(b => b != 3 && b < 35).Select(b => (3, b)).ToArray();
        var dense = PairSampler.Pick(40, heavy, 40 * 39 - 7, seed: 5);
        Assert.That(dense, Has.Count.EqualTo(40 * 39 - 7));
        Assert.That(dense.Distinct().Count(), Is.EqualTo(dense.Count));
        Assert.That(dense, Is.SupersetOf(heavy));
        Assert.That(PairSampler.Pick(40, heavy, 40 * 39 - 7, seed: 5), Is.EqualTo(dense));
    }

    [Test]
    public void A_large_network_is_sampled_without_listing_its_pairs()
    {
        // 20,000 hosts have 399,980,000 pairs; listing them would take seconds and gigabytes.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pairs = PairSampler.Pick(20_000, [(19_999, 0)], 30_000, seed: 2);
        Assert.That(pairs, Has.Count.EqualTo(30_000).And.Contain((19_999, 0)));
        Assert.That(pairs.Select(p => p.From).Distinct().Count(), Is.EqualTo(20_000));
        Assert.That(watch.Elapsed.TotalSeconds, Is.LessThan(5));
    }
}
