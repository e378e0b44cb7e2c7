using System.Text.Json;
using SdnController.Verification.Checking;

namespace SdnController.Scenarios.Storms;

/// <summary>What a storm over many networks and seeds adds up to.</summary>
public sealed class StormTotals
{
    private readonly HashSet<string> _networks = new(StringComparer.Ordinal);
    public int Networks => _networks.Count;
    public int Runs { get; private set; }
    public int Skipped { get; private set; }
    /// <summary>Element failures injected: links plus switches.</summary>
    public int Failures { get; private set; }
    public int VerifierChecks { get; private set; }
    /// <summary>Checks that walked a seeded sample of the host pairs (large networks; every declared flow is walked either way).</summary>
    public int SampledChecks { get; private set; }
    /// <summary>Packets (pair probes and declared flows) the verifier walked, over all checks.</summary>
    public long ProbesWalked { get; private set; }
    public long Delivered { get; private set; }
    public long NoPath { get; private set; }
    public long NotInstalled { get; private set; }
    /// <summary>Packets an explicit drop rule stopped (here: chains failing closed).</summary>
    public long Blocked { get; private set; }
    public long Loops { get; private set; }
    public long BlackHoles { get; private set; }
    public long Bypasses { get; private set; }
    public long WrongHost { get; private set; }
    /// <summary>Declared flows between connected hosts with no rule anywhere (see <see cref="StormResult.LostFlows"/>).</summary>
    public long LostFlows { get; private set; }
    /// <summary>Chained flows closed because the failures cut their firewall off (correct behaviour, counted for the record).</summary>
    public long ClosedChains { get; private set; }
    /// <summary>Flows the untagging passes took back from the two-phase version tag, over all runs.</summary>
    public long UntaggedFlows { get; private set; }
    public int RestoreMismatches { get; private set; }
    public int Crashes { get; private set; }
    public double WallSeconds { get; set; }
    public List<StormResult> Findings { get; } = new();

    public void Add(StormResult r)
    {
        Runs++;
        if (r.Skipped is not null) { Skipped++; return; }
        _networks.Add(r.Network);
        if (r.Crash is not null) { Crashes++; Findings.Add(r); return; }
        if (r.Failure is { } f) Failures += f.Elements;
        foreach (var report in new[] { r.Steady, r.AfterFailure, r.AfterRestore })
        {
            if (report is null) continue;
            VerifierChecks++;
            if (report.Pairs.Sampled) SampledChecks++;
            ProbesWalked += report.Checked;
            Delivered += report.Count(Verdict.Delivered);
            NoPath += report.Count(Verdict.NoPath);
            NotInstalled += report.Count(Verdict.NotInstalled);
            Blocked += report.Count(Verdict.Blocked);
        }
        Loops += r.Count(Verdict.Loop);
        BlackHoles += r.Count(Verdict.BlackHole);
        Bypasses += r.Count(Verdict.ChainBypass) + r.Count(Verdict.ChainReordered);
        WrongHost += r.Count(Verdict.WrongHost);
        LostFlows += r.LostFlows;
        ClosedChains += r.ClosedChains;
        UntaggedFlows += r.UntaggedFlows;
        if (r.RestoreDifferences.Count > 0) RestoreMismatches++;
        if (!r.Clean) Findings.Add(r);
    }

    public bool Clean => Crashes == 0 && Loops == 0 && BlackHoles == 0 && Bypasses == 0 && WrongHost == 0 && LostFlows == 0 && RestoreMismatches == 0;

    public string Summary() =>
        $"networks {Networks}, runs {Runs} (skipped {Skipped}), failures {Failures}, verifier checks {VerifierChecks}{(SampledChecks > 0 ? $" ({SampledChecks} on sampled pairs)" : "")} " +
        $"({ProbesWalked} packets walked: {Delivered} delivered, {NoPath} no path, {NotInstalled} not installed, {Blocked} blocked)\n" +
        $"loops {Loops}, black holes {BlackHoles}, bypasses {Bypasses}, wrong host {WrongHost}, lost flows {LostFlows} (closed chains {ClosedChains}, not lost), restore mismatches {RestoreMismatches} ({UntaggedFlows} flows untagged), crashes {Crashes}\n" +
        $"wall time {WallSeconds:0.0} s";

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("format", "sdnctl-storm/1");
        w.WriteNumber("networks", Networks);
        w.WriteNumber("runs", Runs);
        w.WriteNumber("skipped", Skipped);
        w.WriteNumber("failures", Failures);
        w.WriteNumber("verifier_checks", VerifierChecks);
        w.WriteNumber("sampled_checks", SampledChecks);
        w.WriteNumber("packets_walked", ProbesWalked);
        w.WriteNumber("delivered", Delivered);
        w.WriteNumber("no_path", NoPath);
        w.WriteNumber("not_installed", NotInstalled);
        w.WriteNumber("blocked", Blocked);
        w.WriteNumber("loops", Loops);
        w.WriteNumber("black_holes", BlackHoles);
        w.WriteNumber("bypasses", Bypasses);
        w.WriteNumber("wrong_host", WrongHost);
        w.WriteNumber("lost_flows", LostFlows);
        w.WriteNumber("closed_chains", ClosedChains);
        w.WriteNumber("restore_mismatches", RestoreMismatches);
        w.WriteNumber("untagged_flows", UntaggedFlows);
        w.WriteNumber("crashes", Crashes);
        w.WriteNumber("wall_s", Math.Round(WallSeconds, 1));
        w.WriteBoolean("clean", Clean);
        w.WriteStartArray("findings");
        foreach (var r in Findings) w.WriteStringValue(StormText.Describe(r));
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
