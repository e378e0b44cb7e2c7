using System.Net;
using SdnController.Classification.Flows;
using SdnController.Classification.Reporting;
using SdnController.Testing;

namespace SdnController.Classification.Tests;

/// <summary>
/// Accuracy against nDPI: on its labelled captures (../shared/data/pcap/ndpi-dev), over the flows nDPI labelled by
/// inspection ("Confidence: DPI"), our master protocol must agree on at least 95 %. Prints agreement per capture.
/// </summary>
public class NdpiAgreementTests
{
    private const double Required = 0.95;

    [Test]
    public void MasterProtocolAgreesWithNdpiOnInspectedFlows()
    {
        var root = SharedData.RequireDirectory("pcap/ndpi-dev");
        var captures = Directory.GetFiles(Path.Combine(root, "pcap")).Order(StringComparer.Ordinal).ToList();
        Assert.That(captures, Is.Not.Empty, "no captures in " + root);
        int agreedTotal = 0, labelledTotal = 0;
        var output = TestContext.Out;
        foreach (var capture in captures)
        {
            var resultFile = Path.Combine(root, "result", Path.GetFileName(capture) + ".out");
            if (!File.Exists(resultFile)) continue;
            var all = NdpiResults.Parse(resultFile);
            var expected = all.Where(f => f.ByInspection).ToList();
            var ours = CaptureClassification.ClassifyFile(capture).Report();
            var index = Index(ours);
            int agreed = 0;
            var misses = new List<string>();
            foreach (var e in expected)
            {
                var mine = Find(index, ours, e);
                var label = mine is null ? "(no such flow)" : mine.Protocol.Name();
                if (mine is not null && string.Equals(label, e.Master, StringComparison.OrdinalIgnoreCase)) agreed++;
                else misses.Add($"    {e.Transport} {e.AddressA}:{e.PortA} <-> {e.AddressB}:{e.PortB}: nDPI {e.Master}, ours {label}");
            }
            // Not scored, but shown: flows nDPI could not identify that we claim to have recognised by inspection.
            foreach (var u in all.Where(f => f.Master == "Unknown"))
            {
                var mine = Find(index, ours, u);
                if (mine is not null && mine.Method == DetectionMethod.Inspection)
                    misses.Add($"    (nDPI Unknown) {u.Transport} {u.AddressA}:{u.PortA} <-> {u.AddressB}:{u.PortB}: ours {mine.Protocol.Name()}");
            }
            agreedTotal += agreed;
            labelledTotal += expected.Count;
            output.WriteLine(expected.Count == 0
                ? $"{Path.GetFileName(capture),-20} no flows labelled by inspection ({ours.Flows.Count} flows)"
                : $"{Path.GetFileName(capture),-20} {agreed,3}/{expected.Count,-3} agree ({100.0 * agreed / expected.Count:F1} %)");
            foreach (var miss in misses) output.WriteLine(miss);
        }
        var overall = (double)agreedTotal / labelledTotal;
        output.WriteLine($"overall: {agreedTotal}/{labelledTotal} ({100 * overall:F1} %)");
        Assert.That(overall, Is.GreaterThanOrEqualTo(Required), $"agreement with nDPI {100 * overall:F1} % < {100 * Required} %");
    }

    private static Dictionary<string, FlowSummary> Index(ClassificationReport report)
    {
        var index = new Dictionary<string, FlowSummary>();
        foreach (var s in report.Flows)
        {
            var f = s.Flow;
            index.TryAdd(Key(s.Transport, Endpoints.Address(f.IpVersion, f.ClientAddress), f.ClientPort, Endpoints.Address(f.IpVersion, f.ServerAddress), f.ServerPort), s);
        }
        return index;
    }

    /// <summary>By both endpoints; failing that (nDPI prints some IPv6 addresses oddly), by the port pair if that is unique.</summary>
    private static FlowSummary? Find(Dictionary<string, FlowSummary> index, ClassificationReport report, NdpiFlow e)
    {
        if (index.TryGetValue(Key(e.Transport, e.AddressA, e.PortA, e.AddressB, e.PortB), out var s)) return s;
        var byPorts = report.Flows.Where(f => f.Transport == e.Transport
            && ((f.Flow.ClientPort == e.PortA && f.Flow.ServerPort == e.PortB) || (f.Flow.ClientPort == e.PortB && f.Flow.ServerPort == e.PortA))).ToList();
        return byPorts.Count == 1 && !IPAddress.TryParse(e.AddressA, out _) | !IPAddress.TryParse(e.AddressB, out _) ? byPorts[0] : null;
    }

    private static string Key(string transport, string a, int portA, string b, int portB)
    {
        var first = $"{a}|{portA}";
        var second = $"{b}|{portB}";
        return string.CompareOrdinal(first, second) <= 0 ? $"{transport}|{first}|{second}" : $"{transport}|{second}|{first}";
    }
}
