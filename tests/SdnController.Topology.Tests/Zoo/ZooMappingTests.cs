using System.Net;
using SdnController.Testing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

/// <summary>How real Zoo files map onto the model: ids, labels, locations, latency, bandwidth, attributes, hosts.</summary>
[TestFixture]
public class ZooMappingTests
{
    private static string Dir => SharedData.RequireDirectory("topologyzoo");

    // Independent of GeoCoordinate, so a slip in either shows up.
    private static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * 6371 * Math.Asin(Math.Sqrt(h));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Abilene_new_york_to_chicago_latency_is_great_circle_distance_times_5us_per_km(bool graphml)
    {
        var (t, d) = ZooCorpus.LoadOne(Dir, "Abilene", graphml);
        Assert.That(d.HasErrors, Is.False, string.Join("\n", d.Items));
        var ny = t!.FindSwitch("n0")!;
        var chicago = t.FindSwitch("n1")!;
        Assert.That((ny.Label, chicago.Label), Is.EqualTo(("New York", "Chicago")));
        Assert.That(ny.Location, Is.EqualTo(new GeoCoordinate(40.71427, -74.00597)));

        var link = t.Links.Single(l => l.Connects("n0", "n1"));
        var expected = HaversineKm(40.71427, -74.00597, 41.85003, -87.65005) * 0.005;
        Assert.That(expected, Is.EqualTo(5.71).Within(0.05), "sanity: NY–Chicago is about 1,140 km");
        Assert.That(link.LatencyMs, Is.EqualTo(expected).Within(1e-6));
        Assert.That(link.LatencySource, Is.EqualTo(LatencySource.Geographic));
        Assert.That(link.Id, Is.EqualTo("n0-n1"));
        Assert.That(link.Attributes["LinkLabel"], Is.EqualTo("OC-192c"));
        Assert.That(t.Name, Is.EqualTo("Abilene"));
        Assert.That(t.Attributes["GeoExtent"], Is.EqualTo("Country"));
        Assert.That(t.Attributes["Source"], Is.EqualTo("http://www.internet2.edu/pubs/200502-IS-AN.pdf"));
        Assert.That(ny.Attributes["Country"], Is.EqualTo("United States"));
        Assert.That(ny.Attributes["Internal"], Is.EqualTo("1"));
        Assert.That(ny.Attributes.ContainsKey("Latitude"), Is.False, "coordinates live in Location");
    }

    /// <summary>Renam: speeds in M and K, external nodes without coordinates, one edge without a speed.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void Renam_link_speeds_units_and_external_nodes(bool graphml)
    {
        var (t, d) = ZooCorpus.LoadOne(Dir, "Renam", graphml);
        Assert.That(d.Items, Is.Empty);
        Assert.That(t!.Links.Select(l => l.Id), Is.EqualTo(new[] { "n0-n1", "n0-n2", "n0-n3", "n0-n4" }), "file order");
        Assert.That(t.Links.Select(l => l.BandwidthBps), Is.EqualTo(new[] { 8e6, 128e3, LinkDefaults.Standard.BandwidthBps, 32e6 }));
        Assert.That(t.Links[0].LatencySource, Is.EqualTo(LatencySource.Geographic));
        Assert.That(t.Links[2].LatencySource, Is.EqualTo(LatencySource.Default), "StarNet ISP has no coordinates");
        Assert.That(t.Links[2].LatencyMs, Is.EqualTo(LinkDefaults.Standard.LatencyMs));
        Assert.That(t.Links[1].Attributes["LinkLabel"], Is.EqualTo("128 Kbps"));
        Assert.That(t.Links[2].Attributes["id"], Is.EqualTo("e2"));

        var starnet = t.FindSwitch("n3")!;
        Assert.That(starnet.Location, Is.Null);
        Assert.That(starnet.Attributes["Internal"], Is.EqualTo("0"));
        Assert.That(t.FindSwitch("n2")!.Label, Is.EqualTo("       Cahul"), "labels are kept as written");
    }

    [Test]
    public void A_network_without_coordinates_gets_the_default_latency_on_every_link()
    {
        var (t, _) = ZooCorpus.LoadOne(Dir, "Geant", graphml: false);
        Assert.That(t!.Links, Has.Count.EqualTo(57));
        Assert.That(t.Links.Select(l => l.LatencySource).Distinct(), Is.EqualTo(new[] { LatencySource.Default }));
        Assert.That(t.Links.Select(l => l.LatencyMs).Distinct(), Is.EqualTo(new[] { LinkDefaults.Standard.LatencyMs }));
    }

    [Test]
    public void Graph_label_names_the_topology_and_entities_in_strings_are_decoded()
    {
        var (t, _) = ZooCorpus.LoadOne(Dir, "Aconet", graphml: false);
        Assert.That(t!.Attributes["Source"], Is.EqualTo("http://www.aco.net/ueberblick.html?&L=1"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Parallel_edges_stay_separate_links_and_self_loops_are_kept_with_a_warning(bool graphml)
    {
        var (t, d) = ZooCorpus.LoadOne(Dir, "Interoute", graphml);
        Assert.That(t, Is.Not.Null);
        Assert.That(t!.Links.Count(l => l.A.Node == l.B.Node), Is.EqualTo(2));
        Assert.That(d.Items.Where(x => x.Severity == Severity.Warning).Select(x => x.Message),
            Has.All.Contains("to itself"));
        var parallel = t.Links.Where(l => l.Id.Contains('#')).ToList();
        Assert.That(parallel, Is.Not.Empty, "Interoute has parallel edges");
        foreach (var p in parallel)
        {
            var first = t.Links.Single(l => l.Id == p.Id[..p.Id.IndexOf('#')]);
            Assert.That(first.A.Node, Is.EqualTo(p.A.Node));
            Assert.That(first.A.Port, Is.Not.EqualTo(p.A.Port), "each parallel link has its own ports");
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Hosts_per_switch_attaches_n_hosts_to_every_switch_with_unique_addresses(int n)
    {
        var (t, d) = ZooCorpus.LoadOne(Dir, "Kdl", graphml: true, new ZooImportOptions { HostsPerSwitch = n });
        Assert.That(d.HasErrors, Is.False, string.Join("\n", d.Items.Take(5)));
        Assert.That(t!.Hosts, Has.Count.EqualTo(754 * n));
        Assert.That(t.Hosts.Select(h => h.IPv4!.Address).Distinct().Count(), Is.EqualTo(t.Hosts.Count));
        Assert.That(t.Hosts.Select(h => Host.FormatMac(h.Mac)).Distinct().Count(), Is.EqualTo(t.Hosts.Count));
        Assert.That(t.Hosts[0].Id, Is.EqualTo("n0-h1"));
        Assert.That(t.Hosts[0].IPv4, Is.EqualTo(new InterfaceAddress(IPAddress.Parse("10.0.0.1"), 8)));
        Assert.That(t.Hosts[^1].Id, Is.EqualTo($"n753-h{n}"));
        foreach (var h in t.Hosts)
        {
            var sw = h.Id[..h.Id.LastIndexOf("-h", StringComparison.Ordinal)];
            Assert.That(h.Attachment.Node, Is.EqualTo(sw));
            Assert.That(t.Links.Any(l => l.A == h.Attachment || l.B == h.Attachment), Is.False, $"{h.Id} shares a port with a link");
        }
    }
}
