using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Tests.Zoo;

[TestFixture]
public class ZooCorpusTests
{
    [Test]
    public void Index_lists_276_networks_and_both_folders_hold_all_of_them()
    {
        var zoo = ZooCorpus.Get();
        Assert.That(zoo.Index, Has.Count.EqualTo(276));
        Assert.That(zoo.Graphml.Keys, Is.EquivalentTo(zoo.Index.Select(r => r.Name)));
        Assert.That(zoo.Gml.Keys, Is.EquivalentTo(zoo.Index.Select(r => r.Name)));
    }

    [Test]
    public void Every_graphml_file_loads_without_errors_with_the_indexed_counts() =>
        AssertAllLoad(ZooCorpus.Get().Graphml);

    [Test]
    public void Every_gml_file_loads_without_errors_with_the_indexed_counts() =>
        AssertAllLoad(ZooCorpus.Get().Gml);

    private static void AssertAllLoad(IReadOnlyDictionary<string, ZooCorpus.Loaded> loaded)
    {
        var zoo = ZooCorpus.Get();
        var failures = new List<string>();
        foreach (var row in zoo.Index)
        {
            var (t, d) = loaded[row.Name];
            var errors = d.Items.Where(x => x.Severity == Severity.Error).ToList();
            if (t is null || errors.Count > 0)
            {
                failures.Add($"{row.Name}: {(errors.Count > 0 ? errors[0].ToString() : "null topology")}");
                continue;
            }
            if (t.Switches.Count != row.Nodes || t.Links.Count != row.Edges)
                failures.Add($"{row.Name}: {t.Switches.Count} switches / {t.Links.Count} links, index says {row.Nodes} / {row.Edges}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Graphml_and_gml_of_each_network_give_the_same_switches_and_the_same_links_up_to_order()
    {
        var zoo = ZooCorpus.Get();
        var failures = new List<string>();
        foreach (var row in zoo.Index)
        {
            var a = zoo.Graphml[row.Name].Topology;
            var b = zoo.Gml[row.Name].Topology;
            if (a is null || b is null) { failures.Add($"{row.Name}: did not load"); continue; }
            if (a.Name != b.Name) failures.Add($"{row.Name}: name '{a.Name}' vs '{b.Name}'");
            if (!a.Switches.Select(s => s.Id).SequenceEqual(b.Switches.Select(s => s.Id)))
                failures.Add($"{row.Name}: switch ids differ");
            else
            {
                for (var i = 0; i < a.Switches.Count; i++)
                {
                    if (a.Switches[i].Label != b.Switches[i].Label || a.Switches[i].Location != b.Switches[i].Location)
                    {
                        failures.Add($"{row.Name}: switch {a.Switches[i].Id} label/location differ");
                        break;
                    }
                }
            }
            // The two files list a node's edges in different orders (NetworkX wrote them from a dict), and
            // each importer keeps its file's order; so compare the links as a multiset of written ends and figures.
            var la = LinkKeys(a);
            var lb = LinkKeys(b);
            if (!la.SequenceEqual(lb))
            {
                var diff = la.Except(lb).Concat(lb.Except(la)).FirstOrDefault() ?? "(same set, different multiplicity)";
                failures.Add($"{row.Name}: links differ, e.g. {diff}");
            }
        }
        Assert.That(failures, Is.Empty);
    }

    private static List<string> LinkKeys(Model.Topology t)
    {
        var keys = t.Links.Select(l => FormattableString.Invariant(
            $"{l.A.Node}-{l.B.Node} {l.BandwidthBps:R} bps {l.LatencyMs:R} ms {l.LatencySource}")).ToList();
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    [Test]
    public void Networks_indexed_with_link_speeds_have_stated_bandwidths_and_the_others_only_the_default()
    {
        var zoo = ZooCorpus.Get();
        var failures = new List<string>();
        foreach (var row in zoo.Index)
        {
            var t = zoo.Gml[row.Name].Topology!;
            var stated = t.Links.Count(l => l.Attributes.ContainsKey("LinkSpeed"));
            if (row.LinkSpeed != (stated > 0)) failures.Add($"{row.Name}: index link_speed={row.LinkSpeed}, {stated} links carry LinkSpeed");
            if (stated == 0 && t.Links.Any(l => l.BandwidthBps != LinkDefaults.Standard.BandwidthBps))
                failures.Add($"{row.Name}: a link without LinkSpeed has a non-default bandwidth");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Bandwidth_from_speed_and_units_agrees_with_the_zoos_own_LinkSpeedRaw()
    {
        var zoo = ZooCorpus.Get();
        var failures = new List<string>();
        var checkedLinks = 0;
        foreach (var (name, loaded) in zoo.Gml)
        {
            foreach (var l in loaded.Topology!.Links)
            {
                if (!l.Attributes.TryGetValue("LinkSpeedRaw", out var raw)) continue;
                checkedLinks++;
                var expected = double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
                if (Math.Abs(l.BandwidthBps - expected) > 1e-9 * expected)
                    failures.Add($"{name}: {l.Id} {l.BandwidthBps} bps, LinkSpeedRaw {raw}");
            }
        }
        Assert.That(checkedLinks, Is.GreaterThan(3000));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Networks_without_coordinates_use_the_default_latency_and_the_others_derive_it()
    {
        var zoo = ZooCorpus.Get();
        var failures = new List<string>();
        var noGeo = 0;
        foreach (var row in zoo.Index)
        {
            var t = zoo.Graphml[row.Name].Topology!;
            if (!row.Geo)
            {
                noGeo++;
                if (t.Switches.Any(s => s.Location is not null)) failures.Add($"{row.Name}: a switch has a location");
                if (t.Links.Any(l => l.LatencySource != LatencySource.Default || l.LatencyMs != LinkDefaults.Standard.LatencyMs))
                    failures.Add($"{row.Name}: a link does not use the default latency");
            }
            else
            {
                foreach (var l in t.Links)
                {
                    var geographic = t.FindSwitch(l.A.Node)!.Location is not null && t.FindSwitch(l.B.Node)!.Location is not null;
                    if (l.LatencySource != (geographic ? LatencySource.Geographic : LatencySource.Default))
                    {
                        failures.Add($"{row.Name}: link {l.Id} latency source {l.LatencySource}");
                        break;
                    }
                }
            }
        }
        Assert.That(noGeo, Is.EqualTo(16));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Diagnostics_the_corpus_produces_are_only_self_loop_or_location_warnings()
    {
        var zoo = ZooCorpus.Get();
        var all = zoo.Graphml.Values.Concat(zoo.Gml.Values).SelectMany(l => l.Diagnostics.Items).ToList();
        TestContext.Out.WriteLine($"{all.Count} diagnostics; first ones:");
        foreach (var d in all.Take(20)) TestContext.Out.WriteLine(d);
        Assert.That(all.Where(d => d.Severity == Severity.Error), Is.Empty);
        var other = all.Where(d => d.Severity != Severity.Warning ||
            !(d.Message.Contains("to itself; kept, but no path uses it") || d.Message.Contains("gets no location")));
        Assert.That(other.Select(d => d.ToString()), Is.Empty, "only self-loop or location warnings are expected");
    }
}
