using SdnController.Classification.Classes;
using SdnController.Classification.Flows;

namespace SdnController.Classification.Reporting;

/// <summary>One flow as reported: endpoints (client first), the final protocol (inspection or port guess), app and class.</summary>
public sealed record FlowSummary(
    string Transport,
    string Source,
    string Destination,
    AppProtocol Protocol,
    string? App,
    string? Host,
    string? Alpn,
    DetectionMethod Method,
    TrafficClass Class,
    long Packets,
    long Bytes,
    Flow Flow);

/// <summary>Flows, packets and bytes of one protocol or class.</summary>
public sealed record Total(string Name, long Flows, long Packets, long Bytes);

/// <summary>Everything the classifier concluded: flows in first-seen order and totals by protocol and class (largest first).</summary>
public sealed record ClassificationReport(
    IReadOnlyList<FlowSummary> Flows,
    IReadOnlyList<Total> ByProtocol,
    IReadOnlyList<Total> ByClass,
    long Packets,
    long Bytes,
    long UndecodedFrames,
    long Fragments,
    long UntrackedPackets);
